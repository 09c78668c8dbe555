/**
 * The GitHub Action's entry point (`runs.main` of `action.yml`, bundled to `dist/action.js`): `GitHubAction.run`
 * with the runner's environment, exiting with the command's exit code.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as GitHubAction from "../GitHubAction.js"
import { runMain } from "../internal/runner.js"

const layer = Layer.mergeAll(
  NodeContext.layer,
  Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))
)

runMain(GitHubAction.run(process.env).pipe(Effect.provide(layer)))
