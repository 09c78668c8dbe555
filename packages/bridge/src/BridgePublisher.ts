/**
 * Where the bridge's decisions go: the writes it asks of the page (and the one read of recorded resolves). The default
 * implementation calls the jobs of `@effect-statuspage/workflows` (incident by key, component status); tests can record
 * the calls instead.
 *
 * @since 0.1.0
 */
import type * as Endpoint from "@effect-statuspage/core/Endpoint"
import * as Incidents from "@effect-statuspage/core/Incidents"
import * as Pagination from "@effect-statuspage/core/Pagination"
import type * as StatusPageError from "@effect-statuspage/core/StatusPageError"
import { ComponentStatus, IncidentByKey, type JobError } from "@effect-statuspage/workflows"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as BridgeRouting from "./BridgeRouting.js"

/**
 * Open or update the incident of `key`.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Ensure {
  readonly name: string
  readonly body: string | undefined
  readonly impact: BridgeRouting.Impact
  readonly status: "investigating" | "identified" | "monitoring"
  /** Component name -> the status the page should show (the worst any firing key asks for). */
  readonly components: Readonly<Record<string, BridgeRouting.ComponentStatus>>
  readonly deliverNotifications: boolean
  /** The fingerprints of the key's firing alerts, kept with the incident so that any replica can read them back. */
  readonly firing: ReadonlyArray<string>
}

/**
 * Resolve the incident of `key` (a no-op when none is open), setting its components as given.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Resolve {
  readonly body: string | undefined
  readonly components: Readonly<Record<string, BridgeRouting.ComponentStatus>>
  readonly deliverNotifications: boolean
  /** The fingerprints this bridge knows as resolved: a firing alert stored with the incident and not among them
   * (seen by another replica, or before a restart) holds the incident open. */
  readonly resolved: ReadonlyArray<string>
  /** A resolve found recorded on the page (`Pending.at`): made only while the incident still records it. */
  readonly pendingAt?: number | undefined
}

/**
 * A resolve waiting out `min_quiet`, recorded in the incident's metadata beside the firing fingerprints, so that the
 * process after a restart, or another replica, finishes it when it is due.
 *
 * @since 0.1.0
 * @category Models
 */
export interface PendingResolve {
  /** When it is due (epoch ms). */
  readonly at: number
  readonly body: string | undefined
  readonly deliverNotifications: boolean
  /** The fingerprints seen resolved (`Resolve.resolved`). */
  readonly resolved: ReadonlyArray<string>
}

/**
 * A pending resolve found on an open incident: its key and the names of the incident's components.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Pending extends PendingResolve {
  readonly key: string
  readonly components: ReadonlyArray<string>
}

/**
 * What a resolve did: `resolved` (or nothing was open), or `held` (the incident lists a firing alert the bridge has
 * not seen resolve; its resolve comes with a later notification).
 *
 * @since 0.1.0
 * @category Models
 */
export type ResolveOutcome = "resolved" | "held"

/**
 * A write that failed; `cause` is the job's own typed error, `tag` its tag (counted in `/metrics`).
 *
 * @since 0.1.0
 * @category Errors
 */
export class PublishError extends Schema.TaggedError<PublishError>("@effect-statuspage/bridge/PublishError")(
  "PublishError",
  {
    operation: Schema.Literal("ensure", "resolve", "setComponents", "recordPending", "listPending"),
    tag: Schema.String,
    message: Schema.String,
    cause: Schema.Unknown
  }
) {}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Service {
  readonly ensure: (key: string, incident: Ensure) => Effect.Effect<void, PublishError>
  readonly resolve: (key: string, resolve: Resolve) => Effect.Effect<ResolveOutcome, PublishError>
  /** Components of keys without incidents: name -> status. */
  readonly setComponents: (
    statuses: Readonly<Record<string, BridgeRouting.ComponentStatus>>
  ) => Effect.Effect<void, PublishError>
  /** Records the pending resolve on the key's open incident (`undefined`: clears it); none open: nothing to do. */
  readonly recordPending: (key: string, pending: PendingResolve | undefined) => Effect.Effect<void, PublishError>
  /** The pending resolves recorded on the page's open incidents. */
  readonly listPending: Effect.Effect<ReadonlyArray<Pending>, PublishError>
}

/**
 * @since 0.1.0
 * @category Context
 */
export class BridgePublisher extends Context.Tag("@effect-statuspage/bridge/BridgePublisher")<
  BridgePublisher,
  Service
>() {}

const toPublishError =
  (operation: PublishError["operation"]) =>
  (error: JobError.JobError | JobError.InputError | StatusPageError.StatusPageError): PublishError =>
    new PublishError({
      operation,
      tag:
        error._tag === "JobError"
          ? error.cause._tag
          : error._tag === "InputError"
            ? `InputError.${error.reason}`
            : error._tag,
      message: error.message,
      cause: error
    })

// The pending resolve as kept in the incident's metadata (`data.pending`).
const PendingData = Schema.Struct({
  at: Schema.DateTimeUtc,
  resolved: Schema.Array(Schema.String),
  body: Schema.optional(Schema.String),
  deliver_notifications: Schema.Boolean
})
const decodePending = Schema.decodeUnknownOption(PendingData)
const encodePending = Schema.encodeSync(PendingData)

const pendingOf = (incident: Incidents.Incident): PendingResolve | undefined =>
  Option.getOrUndefined(
    Option.map(decodePending(IncidentByKey.dataOf(incident).pending), (data) => ({
      at: DateTime.toEpochMillis(data.at),
      body: data.body,
      deliverNotifications: data.deliver_notifications,
      resolved: data.resolved
    }))
  )

// Fingerprints kept with the incident, beside the key (bounded: metadata is not a log); the same bound for those of
// a pending resolve.
const maxFingerprints = 200

const storedFiring = (incident: Incidents.Incident): ReadonlyArray<string> => {
  const firing = IncidentByKey.dataOf(incident).firing
  return Array.isArray(firing) ? firing.filter((f): f is string => typeof f === "string") : []
}

/**
 * The publisher on the jobs of `@effect-statuspage/workflows`: `IncidentByKey.ensure`/`resolve` (the key and the
 * firing fingerprints in the incident's metadata) and `ComponentStatus.set`. Impact and component statuses of an
 * open incident only go up (the jobs' default): a key's incident shows the worst it has been until it resolves.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<BridgePublisher, never, Endpoint.Requirements> = Layer.effect(
  BridgePublisher,
  Effect.map(Effect.context<Endpoint.Requirements>(), (context) => ({
    ensure: (key, incident) =>
      IncidentByKey.ensure({
        key,
        name: incident.name,
        status: incident.status,
        impact: incident.impact,
        body: incident.body,
        components: incident.components,
        deliverNotifications: incident.deliverNotifications,
        // a pending resolve is dropped: the key fires again
        data: { firing: incident.firing.slice(0, maxFingerprints) }
      }).pipe(Effect.asVoid, Effect.mapError(toPublishError("ensure")), Effect.provide(context)),
    resolve: (key, resolve) => {
      const known = new Set(resolve.resolved)
      return IncidentByKey.resolve({
        key,
        body: resolve.body,
        components: resolve.components,
        deliverNotifications: resolve.deliverNotifications,
        hold: (incident) =>
          storedFiring(incident).some((f) => !known.has(f)) ||
          (resolve.pendingAt !== undefined && pendingOf(incident)?.at !== resolve.pendingAt)
      }).pipe(
        Effect.map((result) => (result.outcome === "held" ? ("held" as const) : ("resolved" as const))),
        Effect.mapError(toPublishError("resolve")),
        Effect.provide(context)
      )
    },
    recordPending: (key, pending) =>
      IncidentByKey.update({
        key,
        data: ({ pending: _, ...stored }) =>
          pending === undefined
            ? stored
            : {
                ...stored,
                pending: encodePending({
                  at: DateTime.unsafeMake(pending.at),
                  resolved: pending.resolved.slice(0, maxFingerprints),
                  ...(pending.body === undefined ? {} : { body: pending.body }),
                  deliver_notifications: pending.deliverNotifications
                })
              }
      }).pipe(
        Effect.asVoid,
        Effect.catchIf(
          (error) => error._tag === "InputError" && error.reason === "NotFound",
          () => Effect.void
        ),
        Effect.mapError(toPublishError("recordPending")),
        Effect.provide(context)
      ),
    listPending: Stream.runCollect(Pagination.stream(Incidents.listUnresolved)).pipe(
      Effect.map((incidents) =>
        Chunk.toArray(incidents).flatMap((incident) => {
          const key = IncidentByKey.keyOf(incident)
          const pending = pendingOf(incident)
          return key === undefined || pending === undefined
            ? []
            : [{ ...pending, key, components: incident.components.map((c) => c.name) }]
        })
      ),
      Effect.mapError(toPublishError("listPending")),
      Effect.provide(context)
    ),
    setComponents: (statuses) =>
      ComponentStatus.set(statuses).pipe(
        Effect.asVoid,
        Effect.mapError(toPublishError("setComponents")),
        Effect.provide(context)
      )
  }))
)
