import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"

/**
 * Ctrl-C for long work: while a command runs `gracefully`, the first Ctrl-C only asks it to stop; the work calls
 * its checkpoint between requests (after one is answered, before the next is sent), which interrupts it there, so
 * no request is cut off in flight. Outside `gracefully` (or on a second Ctrl-C) the runner interrupts at once.
 */
export class Stop extends Context.Tag("@effect-statuspage/cli/Stop")<
  Stop,
  {
    /** True while a command that honours `checkpoint` runs. */
    readonly graceful: { current: boolean }
    /** Set by the runner on the first Ctrl-C during graceful work. */
    readonly requested: { current: boolean }
    /** Completed by the runner with `requested`, for work that waits for it rather than polling a checkpoint. */
    readonly asked: Deferred.Deferred<void>
  }
>() {}

export const make = (): Context.Tag.Service<Stop> => ({
  graceful: { current: false },
  requested: { current: false },
  asked: Deferred.unsafeMake(FiberId.none)
})

/**
 * Runs the work `make` builds as graceful work (see `Stop`); `checkpoint`, to call between requests, interrupts
 * the work there when a stop was asked for.
 */
export const gracefully = <A, E, R>(
  make: (checkpoint: Effect.Effect<void>) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R | Stop> =>
  Effect.flatMap(Stop, (stop) =>
    Effect.acquireUseRelease(
      Effect.sync(() => {
        stop.graceful.current = true
      }),
      () => make(Effect.suspend(() => (stop.requested.current ? Effect.interrupt : Effect.void))),
      () =>
        Effect.sync(() => {
          stop.graceful.current = false
        })
    )
  )

/**
 * Waits, as graceful work, for the first Ctrl-C or SIGTERM: a server runs until then and stops itself cleanly; a
 * second one interrupts at once.
 */
export const untilAsked: Effect.Effect<void, never, Stop> = gracefully(() =>
  Effect.flatMap(Stop, (stop) => Deferred.await(stop.asked))
)
