/**
 * Metric backfill: a day of points from CSV text, in as few bulk requests as allowed; points of one 30-second
 * slot and points older than 28 days are reported as skipped; a second run sends nothing.
 */
import { Metrics, MetricsProviders } from "@effect-statuspage/core"
import { JobSummary, MetricBackfill } from "@effect-statuspage/workflows"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const metricBackfillExample = Effect.gen(function* () {
  const provider = yield* MetricsProviders.create({ type: "Self" })
  const metric = yield* Metrics.create(provider.id, { name: "Latency (workflow example)", suffix: "ms" })
  const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
  const lines = ["timestamp,value", `${now - 30 * 24 * 3600},99`] // the second line is too old
  for (let t = now - 24 * 3600; t < now; t += 60) lines.push(`${t},${(40 + 10 * Math.sin(t / 3600)).toFixed(1)}`)
  lines.push(`${now - 59},41`) // the same 30-second slot as the last point above, or the next one
  const points = yield* MetricBackfill.fromCsv(lines.join("\n"), { metric: metric.id })

  const pushed = yield* MetricBackfill.push(points, { batchSize: 1000 })
  yield* step(`${points.length} points: ${pushed.sent} sent in ${pushed.requests} requests`)
  yield* step(JobSummary.format(pushed).split("\n").slice(1).join("\n  "))
  const again = yield* MetricBackfill.push(points, { batchSize: 1000 })
  yield* step(`the same points again: ${again.requests} requests`)

  yield* MetricsProviders.delete(provider.id)
  yield* step("deleted the provider and its metric again")
})
