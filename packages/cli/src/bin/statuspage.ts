#!/usr/bin/env node
/**
 * The `statuspage` bin: runs `Cli.main` on Node and exits with its code. Logs go to stderr, reports to stdout.
 * Ctrl-C interrupts the command (its scopes close, servers stop) and exits with 130.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Cli from "../Cli.js"
import * as ExitCode from "../ExitCode.js"
import * as Output from "../internal/output.js"

const layer = Layer.mergeAll(
  NodeContext.layer,
  Output.layerStdout,
  Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))
)

NodeRuntime.runMain(Cli.main(process.argv).pipe(Effect.provide(layer)), {
  disableErrorReporting: true,
  disablePrettyLogger: true,
  teardown: (exit, onExit) => {
    if (Exit.isSuccess(exit)) return onExit(typeof exit.value === "number" ? exit.value : ExitCode.ExitCode.Internal)
    if (Cause.isInterruptedOnly(exit.cause)) {
      process.stderr.write("statuspage: interrupted\n")
      return onExit(ExitCode.ExitCode.Interrupted)
    }
    process.stderr.write(`statuspage: internal error (please report it): ${Cause.pretty(exit.cause)}\n`)
    onExit(ExitCode.ExitCode.Internal)
  }
})
