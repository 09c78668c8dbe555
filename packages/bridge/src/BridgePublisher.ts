/**
 * Where the bridge's decisions go: the three writes it asks of the page. The default implementation calls the jobs
 * of `@effect-statuspage/workflows` (incident by key, component status); tests can record the calls instead.
 *
 * @since 0.1.0
 */
import type * as Endpoint from "@effect-statuspage/core/Endpoint"
import type * as Incidents from "@effect-statuspage/core/Incidents"
import { ComponentStatus, IncidentByKey, type JobError } from "@effect-statuspage/workflows"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
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
    operation: Schema.Literal("ensure", "resolve", "setComponents"),
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
  (error: JobError.JobError | JobError.InputError): PublishError =>
    new PublishError({
      operation,
      tag: error._tag === "JobError" ? error.cause._tag : `InputError.${error.reason}`,
      message: error.message,
      cause: error
    })

// Fingerprints kept with the incident, beside the key (bounded: metadata is not a log).
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
        data: { firing: incident.firing.slice(0, maxFingerprints) }
      }).pipe(Effect.asVoid, Effect.mapError(toPublishError("ensure")), Effect.provide(context)),
    resolve: (key, resolve) =>
      Effect.gen(function* () {
        const open = yield* IncidentByKey.find(key)
        if (Option.isNone(open)) return "resolved" as const
        const known = new Set(resolve.resolved)
        if (storedFiring(open.value).some((f) => !known.has(f))) return "held" as const
        yield* IncidentByKey.resolve({
          key,
          body: resolve.body,
          components: resolve.components,
          deliverNotifications: resolve.deliverNotifications
        })
        return "resolved" as const
      }).pipe(Effect.mapError(toPublishError("resolve")), Effect.provide(context)),
    setComponents: (statuses) =>
      ComponentStatus.set(statuses).pipe(
        Effect.asVoid,
        Effect.mapError(toPublishError("setComponents")),
        Effect.provide(context)
      )
  }))
)
