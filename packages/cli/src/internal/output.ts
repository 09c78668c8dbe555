import * as Options from "@effect/cli/Options"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** What a command prints: the same result as a JSON document (`--json`) and as text for people. */
export interface Report {
  readonly json: unknown
  readonly text: string
}

/**
 * Where reports and failures go: stdout and stderr for the bin; the GitHub Action also keeps the JSON document to set
 * its outputs, and reports a failure as an error annotation.
 */
export class Output extends Context.Tag("@effect-statuspage/cli/Output")<
  Output,
  {
    readonly emit: (report: Report, asJson: boolean) => Effect.Effect<void>
    /** One line saying why the command failed. */
    readonly fail: (line: string) => Effect.Effect<void>
  }
>() {}

export const render = (report: Report, asJson: boolean): string =>
  asJson ? `${JSON.stringify(report.json, null, 2)}\n` : report.text === "" ? "" : `${report.text}\n`

export const layerStdout: Layer.Layer<Output> = Layer.succeed(Output, {
  emit: (report, asJson) => Effect.sync(() => process.stdout.write(render(report, asJson))),
  fail: (line) => Effect.sync(() => process.stderr.write(`statuspage: ${line}\n`))
})

export const emit = (report: Report, asJson: boolean) => Effect.flatMap(Output, (output) => output.emit(report, asJson))

export const json = Options.boolean("json").pipe(
  Options.withDescription("Print one JSON document on stdout (logs and errors go to stderr).")
)

/** A plain table: a header row, then one row per item, columns padded to their widest cell. */
export const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd()
  return [line(headers), ...rows.map(line)].join("\n")
}
