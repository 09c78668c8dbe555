/**
 * Metrics: a provider of your own, a metric under it, single and batched points, then its data wiped.
 */
import { Metrics, MetricsProviders } from "@effect-statuspage/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const metricsExample = Effect.gen(function* () {
  const provider = yield* MetricsProviders.create({ type: "Self" })
  const latency = yield* Metrics.create(provider.id, { name: "p95 latency", suffix: "ms", y_axis_min: 0 })
  yield* step(`provider ${provider.type} (${provider.id}) with metric ${latency.name} (${latency.id})`)

  const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
  const one = yield* Metrics.submitData(latency.id, { timestamp: now - 7, value: 180 })
  yield* step(`one point at ${now - 7} is stored at ${one.data.timestamp} (its 30-second slot)`)
  yield* Metrics.submitBulkData({ [latency.id]: [60, 30].map((ago) => ({ timestamp: now - ago, value: 120 + ago })) })
  const read = yield* Metrics.get(latency.id)
  yield* step(`latest data at ${read.most_recent_data_at}`)

  yield* Metrics.deleteAllData(latency.id)
  yield* MetricsProviders.delete(provider.id)
  yield* step("wiped its data and deleted the provider (and with it the metric)")
})
