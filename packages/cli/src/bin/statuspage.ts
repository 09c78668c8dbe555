#!/usr/bin/env node
/**
 * The `statuspage` bin: runs `Cli.main` on Node and exits with its code. Reports go to stdout; logs and failures to
 * stderr. Ctrl-C: see `internal/runner.ts`.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Cli from "../Cli.js"
import * as Output from "../internal/output.js"
import { runMain } from "../internal/runner.js"

const layer = Layer.mergeAll(
  NodeContext.layer,
  Output.layerStdout,
  Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))
)

runMain(Cli.main(process.argv).pipe(Effect.provide(layer)))
