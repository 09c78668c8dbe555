import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"

/**
 * What to run as soon as the current attempt's response headers arrive. The rate limiter sets it (to stamp the
 * request's completion: the server has seen it by then); the per-attempt timeout, which reads the body inside the
 * limiter, calls it before reading, so that the time spent reading the body does not count against the budget.
 */
export const currentAnswered = globalValue("@effect-statuspage/currentAnswered", () =>
  FiberRef.unsafeMake<Effect.Effect<void>>(Effect.void)
)

/** Runs the current `currentAnswered` hook. */
export const answered: Effect.Effect<void> = Effect.flatten(FiberRef.get(currentAnswered))

/** Whether the current call is waiting in the rate limiter's line, i.e. none of its attempts is at the server now. */
export interface Queueing {
  waiting: boolean
}

/**
 * Set by the overall deadline for its call; the rate limiter flags it while the call waits, so that a deadline that
 * expires then can say that nothing was sent.
 */
export const currentQueueing = globalValue("@effect-statuspage/currentQueueing", () =>
  FiberRef.unsafeMake<Queueing | undefined>(undefined)
)
