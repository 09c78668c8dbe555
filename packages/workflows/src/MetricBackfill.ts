/**
 * Metric backfill: push points for one or many metrics, from an array, a CSV file or a `Stream`, in as few requests
 * as the bulk endpoint (`POST /pages/{page_id}/metrics/data`, every metric in one body) allows:
 *
 * - points go out in batches of `batchSize` (all metrics together, default 3000: Statuspage documents no per-request
 *   limit, and this keeps a body near 100 kB); one batch is one request, paced by the rate limiter on the client;
 * - Statuspage keeps one point per 30-second slot (the last write wins), so points of one slot are sent once: the
 *   last, the others reported as skipped `SameSlot`;
 * - points older than 28 days are refused by Statuspage: reported as skipped `TooOld`, never sent, never dropped
 *   silently; points of metrics the page does not have: skipped `UnknownMetric`;
 * - resumable without local state: by default (`resume: "mostRecent"`) points at or before a metric's
 *   `most_recent_data_at` are skipped `AlreadySent`, so a rerun after a failure sends only what was not
 *   acknowledged, and a second run sends nothing. A backfill behind a metric that already receives live data
 *   needs `resume: "none"`, or `skip` with the `acknowledged` count of the failed run's `JobError`.
 *
 * Arrays and files are sorted by time first; a `Stream` is taken in its order (resuming by `mostRecent` assumes each
 * metric's points come in ascending time).
 *
 * @since 0.1.0
 */

import type { PlatformError } from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { type Endpoint, Metrics, Pagination } from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import { callOptions } from "./internal/components.js"
import { type Journal, run } from "./internal/job.js"
import { InputError, type JobError } from "./JobError.js"
import type { Summary } from "./JobSummary.js"

/**
 * One data point of one metric.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Point {
  /** The metric's id. */
  readonly metric: string
  /** Unix seconds, or a `Date`. */
  readonly timestamp: number | Date
  readonly value: number
  /** The CSV line of a row `fromCsv` could not parse (`badRows: "skip"`), named in the skip. */
  readonly line?: number | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface CsvOptions {
  /** The metric of `timestamp,value` lines (a `metric,timestamp,value` line names its own). */
  readonly metric?: string | undefined
  /**
   * A line that does not parse: `fail` (default) fails with an `InputError` naming it; `skip` makes it a point with
   * no timestamp or value, which `push` reports as skipped `Invalid` with its line number.
   */
  readonly badRows?: "fail" | "skip" | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Progress {
  /** Input points taken so far (sent or skipped) whose batch the server acknowledged. */
  readonly acknowledged: number
  /** Points sent and acknowledged. */
  readonly sent: number
  readonly requests: number
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface PushOptions {
  /** Points per request, all metrics together; default 3000. */
  readonly batchSize?: number | undefined
  /** `mostRecent` (default): skip points at or before each metric's latest point. `none`: send everything. */
  readonly resume?: "mostRecent" | "none" | undefined
  /** Skip the first `skip` input points (in the order they are taken): a failed run's `JobError.acknowledged`. */
  readonly skip?: number | undefined
  /** Called after each acknowledged batch. */
  readonly onBatch?: ((progress: Progress) => Effect.Effect<void>) | undefined
  readonly pageId?: string | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Result extends Summary, Progress {}

/**
 * The default number of points per request.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultBatchSize = 3000

const SLOT = 30
const WINDOW = 28 * 24 * 3600

const isStream = <E, R>(source: Iterable<Point> | Stream.Stream<Point, E, R>): source is Stream.Stream<Point, E, R> =>
  Predicate.hasProperty(source, Stream.StreamTypeId)

const seconds = (timestamp: number | Date) =>
  timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp

// Points without a time first (they are skipped), so that the order of the others is a real sort.
const byTime = (a: Point, b: Point) => {
  const x = seconds(a.timestamp)
  const y = seconds(b.timestamp)
  return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : x - y
}

/** How many line numbers a skip names before it says "…". */
const LINES_NAMED = 10

/**
 * Counts of skipped points per metric and reason, with the first and last time and the first line numbers, reported
 * once at the end.
 */
class Skips {
  private readonly entries = new Map<
    string,
    { metric: string; reason: string; count: number; first: number; last: number; lines: Array<number> }
  >()
  add(metric: string, reason: string, at: number, line?: number) {
    const key = `${metric}\u0000${reason}`
    let entry = this.entries.get(key)
    if (entry === undefined) {
      entry = { metric, reason, count: 0, first: at, last: at, lines: [] }
      this.entries.set(key, entry)
    }
    entry.count++
    entry.first = Math.min(entry.first, at)
    entry.last = Math.max(entry.last, at)
    if (line !== undefined && entry.lines.length <= LINES_NAMED) entry.lines.push(line)
  }
  report(journal: Journal) {
    const why: Record<string, string> = {
      TooOld: "older than 28 days, which Statuspage refuses",
      SameSlot: "in a 30-second slot with a later point, which Statuspage would overwrite",
      AlreadySent: 'at or before the metric\'s latest point (resume: "mostRecent"; pass resume: "none" to send them)',
      UnknownMetric: "for a metric the page does not have",
      Invalid: "with a timestamp or value that is not a finite number (or a CSV line that does not parse)"
    }
    for (const e of this.entries.values()) {
      const span = Number.isFinite(e.first)
        ? `, ${new Date(e.first * 1000).toISOString()} .. ${new Date(e.last * 1000).toISOString()}`
        : ""
      const lines =
        e.lines.length === 0
          ? ""
          : ` (line${e.lines.length === 1 ? "" : "s"} ${e.lines.slice(0, LINES_NAMED).join(", ")}${e.lines.length > LINES_NAMED ? ", …" : ""})`
      journal.skipped.push({
        item: `metric ${e.metric}`,
        reason: e.reason,
        detail: `${e.count} point${e.count === 1 ? "" : "s"} ${why[e.reason]}${span}${lines}`
      })
    }
  }
}

/**
 * Pushes the points (see the module doc for batching, slots, the 28-day window and resuming). Requests: one
 * metrics list (to know the page's metrics and their latest points), then one POST per batch.
 *
 * @example
 * ```ts
 * const points = yield* MetricBackfill.fromCsv("timestamp,value\n1767225600,12.5\n1767225630,13", { metric: "abc123" })
 * const result = yield* MetricBackfill.push(points)
 * ```
 *
 * @since 0.1.0
 * @category Jobs
 */
export const push = <E = never, R = never>(
  source: Iterable<Point> | Stream.Stream<Point, E, R>,
  options: PushOptions = {}
): Effect.Effect<Result, JobError | InputError | E, Endpoint.Requirements | R> =>
  run("MetricBackfill.push", undefined, (journal) =>
    Effect.gen(function* () {
      const batchSize = options.batchSize ?? defaultBatchSize
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        return yield* journal.inputError("Invalid", `batchSize must be a positive integer, not ${batchSize}`)
      }
      const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
      const metrics = Chunk.toArray(
        yield* Stream.runCollect(Pagination.stream(Metrics.list, undefined, callOptions(options.pageId)))
      )
      const latest = new Map(
        metrics.map((m) => [
          m.id,
          options.resume === "none" || m.most_recent_data_at === null
            ? Number.NEGATIVE_INFINITY
            : Math.floor(Date.parse(m.most_recent_data_at) / 1000)
        ])
      )
      const names = new Map(metrics.map((m) => [m.id, m.name]))
      const skips = new Skips()
      const progress = { acknowledged: options.skip ?? 0, sent: 0, requests: 0 }
      journal.acknowledged = progress.acknowledged
      const touched = new Set<string>()
      // the batch being filled: metric -> slot -> value (a later point of a slot replaces the earlier one)
      let pending = new Map<string, Map<number, number>>()
      let pendingCount = 0
      let taken = progress.acknowledged

      const flush = Effect.suspend(() => {
        if (pendingCount === 0) {
          progress.acknowledged = taken
          journal.acknowledged = taken
          return Effect.void
        }
        const batch = pending
        const count = pendingCount
        const through = taken
        pending = new Map()
        pendingCount = 0
        const data = Object.fromEntries(
          [...batch].map(([metric, slots]) => [metric, [...slots].map(([timestamp, value]) => ({ timestamp, value }))])
        )
        const times = [...batch.values()].flatMap((slots) => [...slots.keys()])
        return journal
          .write(
            {
              method: "POST",
              target: "metrics data",
              detail: `${count} point${count === 1 ? "" : "s"} of ${batch.size} metric${batch.size === 1 ? "" : "s"}, ${new Date(Math.min(...times) * 1000).toISOString()} .. ${new Date(Math.max(...times) * 1000).toISOString()}`
            },
            Metrics.submitBulkData(data, callOptions(options.pageId))
          )
          .pipe(
            Effect.zipRight(
              Effect.suspend(() => {
                for (const metric of batch.keys()) touched.add(metric)
                progress.sent += count
                progress.requests++
                progress.acknowledged = through
                journal.acknowledged = through
                return options.onBatch === undefined ? Effect.void : options.onBatch({ ...progress })
              })
            )
          )
      })

      const take = (point: Point) => {
        taken++
        const at = seconds(point.timestamp)
        if (!Number.isInteger(at) || !Number.isFinite(point.value)) {
          skips.add(point.metric, "Invalid", Number.NaN, point.line)
          return false
        }
        const since = latest.get(point.metric)
        if (since === undefined) skips.add(point.metric, "UnknownMetric", at)
        else if (at < now - WINDOW) skips.add(point.metric, "TooOld", at)
        else if (at - (at % SLOT) <= since) skips.add(point.metric, "AlreadySent", at)
        else {
          const slot = at - (at % SLOT)
          let slots = pending.get(point.metric)
          if (slots === undefined) {
            slots = new Map()
            pending.set(point.metric, slots)
          }
          if (slots.has(slot)) skips.add(point.metric, "SameSlot", slot)
          else pendingCount++
          slots.delete(slot) // keeps the slots in arrival order
          slots.set(slot, point.value)
        }
        return pendingCount >= batchSize
      }

      const points: Stream.Stream<Point, E, R> = isStream(source)
        ? source
        : Stream.fromIterable([...source].sort(byTime))
      yield* Stream.runForEach(Stream.drop(points, progress.acknowledged), (point) =>
        take(point) ? flush : Effect.void
      )
      yield* flush
      skips.report(journal)
      for (const metric of touched) journal.updated.push(`metric ${names.get(metric) ?? metric} (${metric})`)
      return { ...journal.summary(), ...progress }
    })
  )

const NOT_A_NUMBER = "the timestamp or the value is not a number"

/**
 * Parses CSV text into points: lines `timestamp,value` (with `options.metric`) or `metric,timestamp,value`; the
 * timestamp in unix seconds or ISO-8601; blank lines, `#` comments and a header line are ignored. A bad line fails
 * with an `InputError` naming it, before anything is sent, or with `badRows: "skip"` becomes a point `push` reports
 * as skipped `Invalid` (with its line number).
 *
 * @since 0.1.0
 * @category Sources
 */
export const fromCsv = (text: string, options: CsvOptions = {}): Effect.Effect<ReadonlyArray<Point>, InputError> =>
  Effect.suspend(() => {
    const points: Array<Point> = []
    const lines = text.split(/\r?\n/)
    const first = lines.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"))
    for (const [index, raw] of lines.entries()) {
      const line = raw.trim()
      if (line === "" || line.startsWith("#")) continue
      const fields = line.split(",").map((f) => f.trim())
      const metric = fields.length === 3 ? fields[0]! : options.metric
      const [time = "", value = ""] = fields.slice(-2)
      const at = /^\d+$/.test(time) ? Number(time) : Math.floor(Date.parse(time) / 1000)
      const number = Number(value)
      const why =
        fields.length !== 2 && fields.length !== 3
          ? "expected timestamp,value or metric,timestamp,value"
          : metric === undefined || metric === ""
            ? "no metric: give options.metric or a metric column"
            : !Number.isFinite(at) || value === "" || !Number.isFinite(number)
              ? NOT_A_NUMBER
              : undefined
      if (why === undefined) {
        points.push({ metric: metric!, timestamp: at, value: number })
        continue
      }
      if (index === first && why === NOT_A_NUMBER) continue // a header line
      if (options.badRows === "skip") {
        points.push({ metric: metric || "(none)", timestamp: Number.NaN, value: Number.NaN, line: index + 1 })
        continue
      }
      return Effect.fail(
        new InputError({
          job: "MetricBackfill.fromCsv",
          reason: "Invalid",
          message: `MetricBackfill.fromCsv: line ${index + 1} (${line.slice(0, 80)}): ${why}; nothing was written`
        })
      )
    }
    return Effect.succeed(points)
  })

/**
 * Reads a CSV file (see `fromCsv`) through the platform's `FileSystem`.
 *
 * @since 0.1.0
 * @category Sources
 */
export const fromFile = (
  path: string,
  options: CsvOptions = {}
): Effect.Effect<ReadonlyArray<Point>, InputError | PlatformError, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    Effect.flatMap(fs.readFileString(path), (text) => fromCsv(text, options))
  )
