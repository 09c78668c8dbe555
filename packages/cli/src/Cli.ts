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
import type * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as ExitCode from "./ExitCode.js"
import * as Bridge from "./internal/commands/bridge.js"
import * as Components from "./internal/commands/components.js"
import * as DesiredState from "./internal/commands/desiredState.js"
import * as Fake from "./internal/commands/fake.js"
import * as Incidents from "./internal/commands/incidents.js"
import * as Maintenance from "./internal/commands/maintenance.js"
import * as Metrics from "./internal/commands/metrics.js"
import { failureLine, oneLine } from "./internal/errors.js"
import { describe } from "./internal/help.js"
import * as Output from "./internal/output.js"
import type * as Stop from "./internal/stop.js"
import * as Usage from "./internal/usage.js"
import { VERSION } from "./internal/version.js"

// The console main was given, for the commands (see `withoutUsagePrinting`).
const commandConsole = FiberRef.unsafeMake<Console.Console | undefined>(undefined)

/**
 * The whole command tree.
 *
 * @since 0.1.0
 * @category Commands
 */
export const command = Command.make("statuspage").pipe(
  Command.withDescription(
    describe(
      "Statuspage from the shell and CI: the key comes from STATUSPAGE_API_KEY or --api-key-file (never a flag value), the page from STATUSPAGE_PAGE_ID or --page. Exit codes: 0 done, 1 internal error, 2 usage, 3 configuration, 4 input file, 5 request refused, 6 not found, 7 rejected, 8 server error, 9 rate limited, 130 interrupted (docs/cli.md).",
      "statuspage components list",
      "statuspage bridge serve --config bridge.yaml",
      "statuspage fake --port 4010"
    )
  ),
  Command.withSubcommands([
    Components.command,
    Incidents.command,
    Maintenance.command,
    Metrics.command,
    ...DesiredState.commands,
    Bridge.command,
    Fake.command
  ]),
  // Commands print to the console main was given, not to the one that drops @effect/cli's usage printing.
  Command.transformHandler((effect) =>
    Effect.flatMap(FiberRef.get(commandConsole), (console) =>
      console === undefined ? effect : Effect.withConsole(effect, console)
    )
  )
)

/**
 * The services a command line needs: where reports go, and the platform's file system, path and terminal.
 *
 * @since 0.1.0
 * @category Models
 */
export type Environment = Output.Output | Stop.Stop | CliApp.CliApp.Environment

// @effect/cli prints a usage error's help document (several paragraphs, styled) on stderr before failing with it;
// main prints one plain line instead, so that printing is dropped; its help goes out styled only to a terminal.
// Commands run with the console main was given (see `command`).
const withoutUsagePrinting = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.consoleWith((console) =>
    effect.pipe(
      Effect.withConsole({
        ...console,
        log: (...args) =>
          console.log(...(process.stdout.isTTY ? args : args.map((a) => (typeof a === "string" ? Usage.plain(a) : a)))),
        error: () => Effect.void,
        unsafe: { ...console.unsafe, error: () => {} }
      }),
      Effect.locally(commandConsole, console)
    )
  )

const fail = (line: string) => Effect.flatMap(Output.Output, (output) => output.fail(line))

const cli = Command.run(command, { name: "statuspage", version: VERSION, executable: "statuspage" })

/**
 * Runs one command line (`argv` as `process.argv`: runtime and script first) and succeeds with its exit code. Every
 * failure is one line on stderr; a usage error's line ends with the `--help` to read. Never fails.
 *
 * @since 0.1.0
 * @category Running
 */
export const main = (argv: ReadonlyArray<string>): Effect.Effect<ExitCode.ExitCode, never, Environment> =>
  cli(argv).pipe(
    withoutUsagePrinting,
    Effect.as(ExitCode.ExitCode.Ok),
    Effect.catchAll((error) =>
      ValidationError.isValidationError(error)
        ? Effect.as(fail(Usage.line(error, command.descriptor, argv.slice(2))), ExitCode.ExitCode.Usage)
        : Effect.as(fail(failureLine(error)), ExitCode.fromError(error))
    ),
    Effect.catchAllDefect((defect) =>
      Effect.as(
        fail(`internal error (please report it): ${oneLine(Cause.pretty(Cause.die(defect)))}`),
        ExitCode.ExitCode.Internal
      )
    )
  )
