/**
 * What a job did, as a value: what it created, updated, left unchanged or skipped, and every write it sent. Each
 * job's result extends `Summary`, so a CLI or a bridge prints any of them the same way (`format`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One write the server acknowledged, e.g. `PATCH component API (k8s0c2xg1abc): operational -> major_outage`.
 *
 * @since 0.1.0
 * @category Models
 */
export const Write = Schema.Struct({
  method: Schema.Literal("POST", "PATCH", "DELETE"),
  /** What was written: `incident <id> "<name>"`, `component <name> (<id>)`, `metrics data`. */
  target: Schema.String,
  /** What changed, e.g. `status identified -> monitoring`. */
  detail: Schema.String
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Write = typeof Write.Type

/**
 * Something the job did not write, and why: never a silent drop.
 *
 * @since 0.1.0
 * @category Models
 */
export const Skip = Schema.Struct({
  item: Schema.String,
  /** e.g. `Group`, `TooOld`, `SameSlot`, `AlreadySent`, `UnknownMetric`. */
  reason: Schema.String,
  detail: Schema.String
})

/**
 * @since 0.1.0
 * @category Models
 */
export type Skip = typeof Skip.Type

/**
 * The part every job's result shares.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Summary {
  /** The job, e.g. `IncidentByKey.ensure`. */
  readonly job: string
  /** The incident key, the maintenance name; `undefined` for jobs without one. */
  readonly key: string | undefined
  readonly created: ReadonlyArray<string>
  readonly updated: ReadonlyArray<string>
  readonly unchanged: ReadonlyArray<string>
  readonly skipped: ReadonlyArray<Skip>
  /** Every write sent and acknowledged, in order: none means the page already was as asked. */
  readonly writes: ReadonlyArray<Write>
}

/**
 * The summary as lines of text for a terminal or a log: one line per write and per skip, or `no change`.
 *
 * @since 0.1.0
 * @category Formatting
 */
export const format = (summary: Summary): string => {
  const head = `${summary.job}${summary.key === undefined ? "" : ` [${summary.key}]`}`
  const lines = [
    ...summary.writes.map((w) => `${w.method} ${w.target}: ${w.detail}`),
    ...summary.skipped.map((s) => `skipped ${s.item} (${s.reason}): ${s.detail}`)
  ]
  if (summary.writes.length === 0) lines.unshift("no change")
  return [head, ...lines.map((line) => `  ${line}`)].join("\n")
}
