import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { ExitCode } from "../ExitCode.js"
import * as Stop from "./stop.js"

/**
 * Runs a program to its exit code on Node and exits with it. SIGINT/SIGTERM: during graceful work the first one
 * asks it to stop between requests (see `Stop`); otherwise, or the second time, the program is interrupted (its
 * scopes close: servers stop, files are closed) and the process exits with 130.
 */
export const runMain = (program: Effect.Effect<number, never, Stop.Stop>): void => {
  const stop = Stop.make()
  const fiber = Effect.runFork(Effect.provideService(program, Stop.Stop, stop))
  // Keeps the process alive while the program waits on nothing but timers it may have cleared.
  const keepAlive = setInterval(() => {}, 2 ** 31 - 1)
  const onSignal = () => {
    if (stop.graceful.current && !stop.requested.current) {
      stop.requested.current = true
      Deferred.unsafeDone(stop.asked, Exit.void)
      process.stderr.write("statuspage: stopping after the request in flight (Ctrl-C again to stop at once)\n")
      return
    }
    Effect.runFork(Fiber.interrupt(fiber))
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
  fiber.addObserver((exit) => {
    clearInterval(keepAlive)
    process.removeListener("SIGINT", onSignal)
    process.removeListener("SIGTERM", onSignal)
    if (Exit.isSuccess(exit)) process.exit(exit.value)
    if (Cause.isInterruptedOnly(exit.cause)) {
      process.stderr.write("statuspage: interrupted\n")
      process.exit(ExitCode.Interrupted)
    }
    process.stderr.write(`statuspage: internal error (please report it): ${Cause.pretty(exit.cause)}\n`)
    process.exit(ExitCode.Internal)
  })
}
