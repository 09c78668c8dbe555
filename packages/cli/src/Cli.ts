/**
 * The `statuspage` command: its command tree (`@effect/cli`) and `main`, which runs a command line and turns every
 * outcome into an exit code (see `ExitCode`) and at most one line on stderr.
 *
 * @since 0.1.0
 */

import type * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as ExitCode from "./ExitCode.js"
import * as Components from "./internal/commands/components.js"
import * as DesiredState from "./internal/commands/desiredState.js"
import * as Fake from "./internal/commands/fake.js"
import * as Incidents from "./internal/commands/incidents.js"
import * as Maintenance from "./internal/commands/maintenance.js"
import { oneLine } from "./internal/errors.js"
import { describe } from "./internal/help.js"
import * as Output from "./internal/output.js"
import type * as Stop from "./internal/stop.js"
import { VERSION } from "./internal/version.js"

/**
 * The whole command tree.
 *
 * @since 0.1.0
 * @category Commands
 */
export const command = Command.make("statuspage").pipe(
  Command.withDescription(
    describe(
      "Statuspage from the shell and CI: the key comes from STATUSPAGE_API_KEY or --api-key-file (never a flag value), the page from STATUSPAGE_PAGE_ID or --page. Exit codes: 0 done, 2 usage, 3 configuration, 4 input file, 5 request refused, 6 not found, 7 rejected, 8 server error, 9 rate limited, 130 interrupted.",
      "statuspage components list",
      "statuspage fake --port 4010"
    )
  ),
  Command.withSubcommands([
    Components.command,
    Incidents.command,
    Maintenance.command,
    ...DesiredState.commands,
    Fake.command
  ])
)

/**
 * The services a command line needs: where reports go, and the platform's file system, path and terminal.
 *
 * @since 0.1.0
 * @category Models
 */
export type Environment = Output.Output | Stop.Stop | CliApp.CliApp.Environment

const fail = (line: string) => Effect.flatMap(Output.Output, (output) => output.fail(line))

const cli = Command.run(command, { name: "statuspage", version: VERSION, executable: "statuspage" })

/**
 * Runs one command line (`argv` as `process.argv`: runtime and script first) and succeeds with its exit code. Usage
 * errors are printed by `@effect/cli`; every other failure as one line on stderr. Never fails.
 *
 * @since 0.1.0
 * @category Running
 */
export const main = (argv: ReadonlyArray<string>): Effect.Effect<ExitCode.ExitCode, never, Environment> =>
  cli(argv).pipe(
    Effect.as(ExitCode.ExitCode.Ok),
    Effect.catchAll((error) =>
      ValidationError.isValidationError(error)
        ? Effect.succeed(ExitCode.ExitCode.Usage)
        : Effect.as(fail(oneLine(error)), ExitCode.fromError(error))
    ),
    Effect.catchAllDefect((defect) =>
      Effect.as(
        fail(`internal error (please report it): ${oneLine(Cause.pretty(Cause.die(defect)))}`),
        ExitCode.ExitCode.Internal
      )
    )
  )
