/**
 * How the policy layers talk to each other. They wrap one `HttpClient` each, and a request or a response has no room
 * for what they need to tell one another, so an outer layer sets a FiberRef (holding an immutable value) that the
 * layers inside it read, and a layer that gives up on a request before sending it says so with a `NotSent` cause.
 */
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import * as Predicate from "effect/Predicate"

/**
 * What to run as soon as the current attempt's response headers arrive. The rate limiter sets it (to stamp the
 * request's completion: the server has seen it by then); the per-attempt timeout, which reads the body inside the
 * limiter, runs it before reading, so that the time spent reading the body does not count against the budget. Running
 * it more than once is harmless.
 */
export const currentAnswered = globalValue("@effect-statuspage/currentAnswered", () =>
  FiberRef.unsafeMake<Effect.Effect<void>>(Effect.void)
)

/** Runs the current `currentAnswered` hook. */
export const answered: Effect.Effect<void> = Effect.flatten(FiberRef.get(currentAnswered))

/**
 * Told by the rate limiter about the time a call spends waiting in its line (none of the call is at the server then).
 * The overall deadline installs one per call, so that a deadline that expires while the call waits can say that
 * nothing was sent. `queued` wraps the wait; a wait that is interrupted still counts as ongoing, because the deadline
 * that interrupted it asks afterwards.
 */
export interface QueueObserver {
  readonly queued: <A, E, R>(wait: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/** The observer of the current call; by default nobody listens. */
export const currentQueueObserver = globalValue("@effect-statuspage/currentQueueObserver", () =>
  FiberRef.unsafeMake<QueueObserver>({ queued: (wait) => wait })
)

/** How long an attempt may take on the wire and how large its body may be (one action's config). */
export interface Limits {
  readonly duration: Duration.Duration
  /** The largest body, in bytes. */
  readonly limit: number
}

/**
 * The limits an action asks each attempt to keep, when the client it calls does not bound its attempts itself (no
 * `Timeout` layer) but is one of our policies, which then bound each attempt they pass on (see `bounds.ts`). Set by
 * the action around the call; `undefined` outside an action.
 */
export const currentActionLimits = globalValue("@effect-statuspage/currentActionLimits", () =>
  FiberRef.unsafeMake<Limits | undefined>(undefined)
)

/**
 * The cause of a transport failure produced by a policy before the request left this process (today: the overall
 * deadline expired while the call waited in the rate limiter's line). The server cannot have seen the request, so
 * even a POST is reported as `Timeout` rather than `OutcomeUnknown`; `neverSent` recognises it by its tag.
 */
export class NotSent extends Data.TaggedError("NotSent")<{
  readonly message: string
  /** What stopped it, e.g. a `TimeoutException`. */
  readonly cause: unknown
}> {}

/** True for a `NotSent` cause. */
export const isNotSent = (u: unknown): u is NotSent => Predicate.isTagged(u, "NotSent")

/** True when a transport failure's cause is a timeout, whether or not the request had been sent. */
export const isTimeout = (cause: unknown): boolean =>
  Cause.isTimeoutException(cause) || (isNotSent(cause) && Cause.isTimeoutException(cause.cause))
