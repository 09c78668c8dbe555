/**
 * @since 0.1.0
 */

/**
 * The `statuspage` command tree and `main`, which runs a command line and returns its exit code.
 *
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"

/**
 * The exit codes of the `statuspage` command, one per kind of failure.
 *
 * @since 0.1.0
 */
export * as ExitCode from "./ExitCode.js"

/**
 * The GitHub Action's entry point: inputs from `INPUT_*`, the command run in-process, outputs to `GITHUB_OUTPUT`.
 *
 * @since 0.1.0
 */
export * as GitHubAction from "./GitHubAction.js"
