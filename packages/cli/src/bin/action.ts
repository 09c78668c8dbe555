/**
 * The GitHub Action's entry point (`runs.main` of `action.yml`, bundled to `dist/action.js`): `GitHubAction.run`
 * with the runner's environment, exiting with the command's exit code.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ExitCode from "../ExitCode.js"
import * as GitHubAction from "../GitHubAction.js"

const layer = Layer.mergeAll(
  NodeContext.layer,
  Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))
)

NodeRuntime.runMain(GitHubAction.run(process.env).pipe(Effect.provide(layer)), {
  disableErrorReporting: true,
  disablePrettyLogger: true,
  teardown: (exit, onExit) =>
    onExit(Exit.isSuccess(exit) && typeof exit.value === "number" ? exit.value : ExitCode.ExitCode.Interrupted)
})
