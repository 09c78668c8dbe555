/**
 * Where the bridge's decisions go: the three writes it asks of the page. The default implementation calls the jobs
 * of `@effect-statuspage/workflows` (incident by key, component status); tests can record the calls instead.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
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
