/**
 * The jobs under a rolling rate limit: the fake enforces `limit` requests per `window` (Statuspage's 60 per 60 s,
 * scaled down by the profile so the run takes seconds) and the client paces itself with the production policies set to
 * the same budget. Printed: requests, rejections (420s in the fake's log), wall time, the windows the requests need
 * (ceil(requests / limit)), and budget use: the least possible wall time ((windows - 1) x window, the first window
 * being spent at once) over the measured one.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { Components, Metrics, MetricsProviders, Policies, type StatusPageConfig } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import { ComponentStatus, MetricBackfill } from "@effect-statuspage/workflows"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

export interface Options {
  readonly components: number
  readonly points: number
  /** Points per request of the paced metric run (the default batch puts 10,000 points in 4 requests). */
  readonly batchSize: number
  readonly limit: number
  readonly window: Duration.DurationInput
}

export interface Row {
  readonly job: string
  readonly requests: number
  readonly rejected: number
  readonly wallMillis: number
  readonly windows: number
  /** Least possible wall time over the measured one. */
  readonly budgetUse: number
}

type Env = StatusPageTest.FakeStatusPage | HttpClient.HttpClient | StatusPageConfig.StatusPageConfig

/** Runs `job` paced by the policies against the fake's limit; the setup before it runs unpaced and unlimited. */
const measure = <A, E>(
  options: Options,
  name: string,
  setup: Effect.Effect<void, unknown, Env>,
  job: Effect.Effect<A, E, Env>
) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.FakeStatusPage
    yield* setup
    yield* fake.setRateLimit({ limit: options.limit, window: options.window, status: 420 })
    yield* fake.clearRequests
    const start = Date.now()
    // the policies wrap the fake's client in context
    yield* Effect.provide(job, Policies.layer({ rateLimit: { limit: options.limit, window: options.window } }))
    const wallMillis = Date.now() - start
    const log = yield* fake.requests
    const windows = Math.ceil(log.length / options.limit)
    const least = (windows - 1) * Duration.toMillis(options.window)
    return {
      job: name,
      requests: log.length,
      rejected: log.filter((r) => r.status === 420).length,
      wallMillis,
      windows,
      budgetUse: wallMillis === 0 ? 1 : Math.min(1, least / wallMillis)
    } satisfies Row
  }).pipe(Effect.provide(StatusPageTest.layer({ seed: "bench-workflows" })))

export const run = (options: Options): Promise<Array<Row>> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const names = Array.from({ length: options.components }, (_, i) => `component ${i}`)
      const components = yield* measure(
        options,
        `ComponentStatus.set, ${options.components} components`,
        Effect.forEach(names, (name) => Components.create({ name }), { discard: true }),
        ComponentStatus.set(Object.fromEntries(names.map((name) => [name, "major_outage" as const])))
      )
      const metricIds: Array<string> = []
      const setupMetric = Effect.gen(function* () {
        const provider = yield* MetricsProviders.create({ type: "Self" })
        metricIds.push((yield* Metrics.create(provider.id, { name: "latency" })).id)
      })
      const now = Math.floor(Date.now() / 1000)
      const points = () =>
        Array.from({ length: options.points }, (_, i) => ({
          metric: metricIds[0]!,
          timestamp: now - (options.points - i) * 30,
          value: i % 100
        }))
      const batched = yield* measure(
        options,
        `MetricBackfill.push, ${options.points} points, batch ${options.batchSize}`,
        setupMetric,
        Effect.suspend(() => MetricBackfill.push(points(), { batchSize: options.batchSize }))
      )
      metricIds.length = 0
      const whole = yield* measure(
        options,
        `MetricBackfill.push, ${options.points} points, default batch`,
        setupMetric,
        Effect.suspend(() => MetricBackfill.push(points()))
      )
      return [components, batched, whole]
    })
  )
