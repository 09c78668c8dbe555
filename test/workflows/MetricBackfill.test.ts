/**
 * Metric backfill against the fake Statuspage: points batched into as few bulk requests as `batchSize` allows, one
 * point per 30-second slot, the 28-day window as reported skips, a rerun that sends nothing (resume from the latest
 * point), convergence after a drop at any batch, `skip` from a failed run's `acknowledged`, and the CSV sources.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { NodeFileSystem } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Metrics, MetricsProviders } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import { MetricBackfill } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { atWrite, counted, writesOf } from "./support.js"

const DAY = 24 * 3600
const NOW = 40 * DAY // the TestClock is moved here, so that 28 days back is still after the epoch

const layer = () => StatusPageTest.layer({ seed: "metric-backfill" })

const setup = Effect.gen(function* () {
  yield* TestClock.setTime(NOW * 1000)
  const provider = yield* MetricsProviders.create({ type: "Self" })
  const latency = yield* Metrics.create(provider.id, { name: "Latency" })
  const errors = yield* Metrics.create(provider.id, { name: "Errors" })
  return { latency: latency.id, errors: errors.id }
})

/** `n` points per metric, 30 s apart, ending a minute ago. */
const series = (metrics: ReadonlyArray<string>, n: number) =>
  metrics.flatMap((metric) =>
    Array.from({ length: n }, (_, i) => ({ metric, timestamp: NOW - 60 - (n - 1 - i) * 30, value: i }))
  )

/** The fake's stored points of a metric: slot -> value. */
const stored = Effect.gen(function* () {
  const state = yield* (yield* StatusPageTest.FakeStatusPage).state
  return (state.metricPoints ?? []) as ReadonlyArray<unknown>
})

describe("MetricBackfill.push", () => {
  it.effect("minimal: 1 metrics list + ceil(points / batchSize) bulk POSTs, every metric in the same body", () =>
    Effect.gen(function* () {
      const { latency, errors } = yield* setup
      const points = series([latency, errors], 250)
      const { result, endpoints, log } = yield* counted(MetricBackfill.push(points, { batchSize: 200 }))
      assert.deepStrictEqual(endpoints, [
        "metrics.list",
        "metrics.submitBulkData",
        "metrics.submitBulkData",
        "metrics.submitBulkData"
      ])
      assert.deepStrictEqual(
        writesOf(log).map((r) => Object.values((r.body as any).data).reduce((n: number, p: any) => n + p.length, 0)),
        [200, 200, 100]
      )
      assert.deepStrictEqual(Object.keys((log[1]!.body as any).data).sort(), [latency, errors].sort())
      assert.strictEqual(result.sent, 500)
      assert.strictEqual(result.requests, 3)
      assert.strictEqual(result.acknowledged, 500)
      const one = yield* counted(MetricBackfill.push(series([latency], 10), { resume: "none" }))
      assert.deepStrictEqual(one.endpoints, ["metrics.list", "metrics.submitBulkData"], "default batch: one request")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("idempotent: a second run sends nothing (every point at or before the latest: AlreadySent)", () =>
    Effect.gen(function* () {
      const { latency } = yield* setup
      const points = series([latency], 100)
      yield* MetricBackfill.push(points, { batchSize: 40 })
      const { result, endpoints } = yield* counted(MetricBackfill.push(points, { batchSize: 40 }))
      assert.deepStrictEqual(endpoints, ["metrics.list"])
      assert.deepStrictEqual(result.writes, [])
      assert.deepStrictEqual(
        result.skipped.map((s) => [s.reason, s.detail.split(" ")[0]]),
        [["AlreadySent", "100"]]
      )
    }).pipe(Effect.provide(layer()))
  )

  it.effect("slots, window and unknown metrics: reported skips, never silent drops, never sent", () =>
    Effect.gen(function* () {
      const { latency } = yield* setup
      const slot = NOW - 600 // a multiple of 30
      const { result, log } = yield* counted(
        MetricBackfill.push([
          { metric: latency, timestamp: NOW - 29 * DAY, value: 1 },
          { metric: latency, timestamp: slot + 3, value: 2 },
          { metric: latency, timestamp: slot + 20, value: 3 },
          { metric: "nosuchmetric", timestamp: slot, value: 4 },
          { metric: latency, timestamp: new Date((slot + 30) * 1000), value: 5 },
          { metric: latency, timestamp: slot + 60, value: Number.NaN }
        ])
      )
      assert.deepStrictEqual((writesOf(log)[0]!.body as any).data, {
        [latency]: [
          { timestamp: slot, value: 3 },
          { timestamp: slot + 30, value: 5 }
        ]
      })
      assert.deepStrictEqual(result.skipped.map((s) => [s.item, s.reason, s.detail.split(" ")[0]]).sort(), [
        [`metric ${latency}`, "Invalid", "1"],
        [`metric ${latency}`, "SameSlot", "1"],
        [`metric ${latency}`, "TooOld", "1"],
        ["metric nosuchmetric", "UnknownMetric", "1"]
      ])
      assert.strictEqual(result.sent, 2)
      assert.strictEqual(result.acknowledged, 6)
    }).pipe(Effect.provide(layer()))
  )

  describe("crash-safe: a drop before or after each of 3 batches, then a rerun, stores the same points", () => {
    const run = (drop?: { n: number; when: "before" | "after" }) =>
      Effect.gen(function* () {
        const { latency, errors } = yield* setup
        const points = series([latency, errors], 30)
        const push = MetricBackfill.push(points, { batchSize: 25 })
        if (drop !== undefined) {
          const error = yield* Effect.flip(atWrite(drop.n, (fake) => fake.dropNext({ when: drop.when }))(push))
          assert.strictEqual(error._tag, "JobError")
          if (error._tag === "JobError") {
            assert.strictEqual(error.written.length, drop.n - 1)
            assert.strictEqual(error.acknowledged, (drop.n - 1) * 25)
          }
        }
        const rerun = yield* push
        if (drop?.when === "after") assert.strictEqual(rerun.requests, 3 - drop.n, "the applied batch is not resent")
        const slots = yield* stored
        assert.deepStrictEqual(
          slots.map((metric) => (metric as Map<number, number>).size),
          [30, 30]
        )
        return slots
      }).pipe(Effect.provide(layer()))
    for (const when of ["before", "after"] as const) {
      for (const n of [1, 2, 3]) {
        it.effect(`batch ${n} dropped ${when}`, () =>
          Effect.gen(function* () {
            assert.deepStrictEqual(yield* run({ n, when }), yield* run())
          })
        )
      }
    }
  })

  it.effect("skip: resumes a failed run from its acknowledged count, also with resume none", () =>
    Effect.gen(function* () {
      const { latency } = yield* setup
      const points = series([latency], 90)
      const error = yield* Effect.flip(
        atWrite(3, (fake) => fake.failNext({ status: 503 }))(
          MetricBackfill.push(points, { batchSize: 30, resume: "none" })
        )
      )
      assert.strictEqual(error._tag, "JobError")
      const acknowledged = error._tag === "JobError" ? error.acknowledged : undefined
      assert.strictEqual(acknowledged, 60)
      const { result, log } = yield* counted(
        MetricBackfill.push(points, { batchSize: 30, resume: "none", skip: acknowledged })
      )
      assert.strictEqual(writesOf(log).length, 1)
      assert.strictEqual(result.sent, 30)
      assert.strictEqual(result.acknowledged, 90)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a Stream source, taken in order, with progress after each batch", () =>
    Effect.gen(function* () {
      const { latency } = yield* setup
      const progress: Array<number> = []
      const result = yield* MetricBackfill.push(Stream.fromIterable(series([latency], 50)), {
        batchSize: 20,
        onBatch: (p) => Effect.sync(() => progress.push(p.acknowledged))
      })
      assert.deepStrictEqual(progress, [20, 40, 50])
      assert.strictEqual(result.sent, 50)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("fromCsv: both layouts, ISO or unix times, a header and comments; a bad line is an InputError", () =>
    Effect.gen(function* () {
      const two = yield* MetricBackfill.fromCsv("timestamp,value\n# comment\n60,1.5\n1970-01-01T00:02:00Z,2\n", {
        metric: "m1"
      })
      assert.deepStrictEqual(two, [
        { metric: "m1", timestamp: 60, value: 1.5 },
        { metric: "m1", timestamp: 120, value: 2 }
      ])
      const three = yield* MetricBackfill.fromCsv("m1,60,1\nm2,90,2")
      assert.deepStrictEqual(
        three.map((p) => p.metric),
        ["m1", "m2"]
      )
      const bad = yield* Effect.flip(MetricBackfill.fromCsv("60,1\n90,x", { metric: "m1" }))
      assert.strictEqual(bad.reason, "Invalid")
      assert.include(bad.message, "line 2")
      const noMetric = yield* Effect.flip(MetricBackfill.fromCsv("60,1"))
      assert.include(noMetric.message, "no metric")
    })
  )

  it.effect('fromCsv with badRows: "skip": bad lines are reported by push as Invalid with their line numbers', () =>
    Effect.gen(function* () {
      const { latency } = yield* setup
      const csv = ["timestamp,value", `${NOW - 120},1`, "oops", `${NOW - 90},x`, "", `${NOW - 60},3`].join("\n")
      const points = yield* MetricBackfill.fromCsv(csv, { metric: latency, badRows: "skip" })
      assert.lengthOf(points, 4)
      const { result, log } = yield* counted(MetricBackfill.push(points))
      assert.deepStrictEqual((writesOf(log)[0]!.body as any).data, {
        [latency]: [
          { timestamp: NOW - 120, value: 1 },
          { timestamp: NOW - 60, value: 3 }
        ]
      })
      assert.deepStrictEqual(
        result.skipped.map((s) => [s.item, s.reason]),
        [[`metric ${latency}`, "Invalid"]]
      )
      assert.match(result.skipped[0]!.detail, /^2 points .*\(lines 3, 4\)$/)
      assert.strictEqual(result.sent, 2)
      assert.strictEqual(result.acknowledged, 4)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("fromFile reads through the platform FileSystem", () =>
    Effect.gen(function* () {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      yield* fs.writeFileString(`${dir}/points.csv`, "metric,timestamp,value\nabc,60,1\n")
      assert.deepStrictEqual(yield* MetricBackfill.fromFile(`${dir}/points.csv`), [
        { metric: "abc", timestamp: 60, value: 1 }
      ])
      const missing = yield* Effect.flip(MetricBackfill.fromFile(`${dir}/none.csv`))
      assert.strictEqual(missing._tag, "SystemError")
    }).pipe(Effect.scoped, Effect.provide(NodeFileSystem.layer))
  )
})
