/**
 * The GitHub Action's entry point (`action.yml` at the repository root): reads the inputs the way the runner passes
 * them (`INPUT_<NAME>` environment variables), runs the same command line as the `statuspage` bin in-process, and
 * writes outputs to the file named by `GITHUB_OUTPUT`:
 *
 * | output         | value                                                                   |
 * | -------------- | ----------------------------------------------------------------------- |
 * | `exit-code`    | the command's exit code (see `ExitCode`)                                |
 * | `changed`      | `true` when the command wrote anything (its JSON result's `writes`)     |
 * | `incident-id`  | the id of the incident or maintenance the command acted on, if any      |
 * | `result`       | the command's JSON result                                               |
 *
 * The API key comes from the `api-key` input (else `STATUSPAGE_API_KEY`) and reaches the client through a
 * `ConfigProvider`, never through the command line; it is also masked in the log.
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Ref from "effect/Ref"
import * as Cli from "./Cli.js"
import * as ExitCode from "./ExitCode.js"
import { inActionWords } from "./internal/errors.js"
import * as Output from "./internal/output.js"

/**
 * The inputs that become flags of the command (the rest: `command`, `api-key`, `page-id`, `base-url`, the toggles,
 * `metric`, the metric id `metrics push` takes as its argument, and `args`). A multi-line value gives the flag once
 * per line (e.g. `components`); `true`/`false` make a switch present or absent.
 *
 * @since 0.1.0
 * @category Constants
 */
export const flagInputs: ReadonlyArray<readonly [input: string, flag: string]> = [
  ["key", "--key"],
  ["name", "--name"],
  ["status", "--status"],
  ["impact", "--impact"],
  ["body", "--body"],
  ["components", "--component"],
  ["notify", "--notify"],
  ["until", "--until"],
  ["start", "--start"],
  ["end", "--end"],
  ["file", "--file"],
  ["unresolved", "--unresolved"],
  ["prune", "--prune"],
  ["yes", "--yes"],
  ["batch-size", "--batch-size"],
  ["resume", "--resume"]
]

/**
 * The inputs of settings that stay as they are unless asked (`maintenance schedule`): `true` gives `--<flag>`,
 * `false` gives `--no-<flag>`, empty gives neither.
 *
 * @since 0.1.0
 * @category Constants
 */
export const toggleInputs: ReadonlyArray<string> = [
  "remind-prior",
  "auto-start",
  "auto-complete",
  "auto-maintenance-status",
  "auto-operational-status",
  "notify-at-start",
  "notify-at-end"
]

/**
 * @since 0.1.0
 * @category Models
 */
export type Inputs = Readonly<Record<string, string | undefined>>

/**
 * The value of an input as the runner passes it: `INPUT_` + the name upper-cased with spaces as `_`.
 *
 * @since 0.1.0
 * @category Inputs
 */
export const input = (env: Inputs, name: string): string =>
  (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim()

const lines = (value: string) =>
  value
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")

/**
 * The command line the inputs describe (without runtime and script), e.g. `incidents open --key K --name N`.
 *
 * @since 0.1.0
 * @category Inputs
 */
export const argv = (env: Inputs): Array<string> => {
  const args = input(env, "command")
    .split(/\s+/)
    .filter((word) => word !== "")
  const page = input(env, "page-id")
  if (page !== "") args.push("--page", page)
  const baseUrl = input(env, "base-url")
  if (baseUrl !== "") args.push("--base-url", baseUrl)
  for (const [name, flag] of flagInputs) {
    const value = input(env, name)
    if (value === "" || value === "false") continue
    if (value === "true") args.push(flag)
    else for (const line of lines(value)) args.push(flag, line)
  }
  for (const name of toggleInputs) {
    const value = input(env, name)
    if (value === "true") args.push(`--${name}`)
    else if (value === "false") args.push(`--no-${name}`)
  }
  const metric = input(env, "metric")
  if (metric !== "") args.push(metric)
  args.push(...lines(input(env, "args")))
  return args
}

// A job's summary lists its writes; apply's result counts them.
const wrote = (value: unknown): boolean =>
  Predicate.hasProperty(value, "writes") &&
  (Array.isArray(value.writes) ? value.writes.length > 0 : typeof value.writes === "number" && value.writes > 0)

/**
 * The outputs for a command's result (its JSON document, or none when it failed).
 *
 * @since 0.1.0
 * @category Outputs
 */
export const outputs = (code: number, result: Option.Option<unknown>): Record<string, string> => {
  const out: Record<string, string> = { "exit-code": String(code) }
  if (Option.isNone(result)) return out
  const value = result.value
  out.result = JSON.stringify(value)
  out.changed = String(wrote(value) || (Predicate.hasProperty(value, "result") && wrote(value.result)))
  const target = Predicate.hasProperty(value, "incident")
    ? value.incident
    : Predicate.hasProperty(value, "maintenance")
      ? value.maintenance
      : undefined
  if (Predicate.hasProperty(target, "id") && typeof target.id === "string") out["incident-id"] = target.id
  return out
}

// The runner's multi-line syntax: name<<DELIMITER, the value, DELIMITER (a delimiter the value cannot contain).
const formatOutputs = (out: Record<string, string>): string =>
  Object.entries(out)
    .map(([name, value]) => {
      let delimiter = "STATUSPAGE_EOF"
      while (value.includes(delimiter)) delimiter += "_"
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`
    })
    .join("")

/**
 * Runs the Action: the command from the inputs, its report printed for the log, outputs appended to
 * `GITHUB_OUTPUT`, a failure as an `::error::` annotation. Succeeds with the exit code.
 *
 * @since 0.1.0
 * @category Running
 */
export const run = (env: Inputs): Effect.Effect<ExitCode.ExitCode, never, Exclude<Cli.Environment, Output.Output>> =>
  Effect.gen(function* () {
    const apiKey = input(env, "api-key")
    if (apiKey !== "") process.stdout.write(`::add-mask::${apiKey}\n`)
    const settings = new Map(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined))
    if (apiKey !== "") settings.set("STATUSPAGE_API_KEY", apiKey)
    const result = yield* Ref.make(Option.none<unknown>())
    const output = Layer.succeed(Output.Output, {
      emit: (report, asJson) =>
        Effect.zipRight(
          Ref.set(result, Option.some(report.json)),
          Effect.sync(() => process.stdout.write(Output.render(report, asJson)))
        ),
      fail: (line) => Effect.sync(() => process.stdout.write(`::error::statuspage: ${inActionWords(line)}\n`))
    })
    const code = yield* Cli.main(["node", "statuspage", ...argv(env)]).pipe(
      Effect.provide(output),
      Effect.withConfigProvider(ConfigProvider.fromMap(settings))
    )
    if (code === ExitCode.ExitCode.Usage) {
      process.stdout.write("::error::statuspage: invalid inputs for this command (see the lines above)\n")
    }
    const file = env.GITHUB_OUTPUT
    if (file !== undefined && file !== "") {
      const fs = yield* FileSystem.FileSystem
      yield* fs
        .writeFileString(file, formatOutputs(outputs(code, yield* Ref.get(result))), { flag: "a" })
        .pipe(Effect.orDie)
    }
    return code
  })
