/**
 * Metrics providers, their metrics, and metric data: points are snapped to 30-second slots (the last write in a
 * slot wins) and may go back at most 28 days, as Statuspage stores them.
 */

import type * as Metrics from "@effect-statuspage/core/Metrics"
import type { Metric, MetricPoint } from "@effect-statuspage/core/Metrics"
import type * as MetricsProviders from "@effect-statuspage/core/MetricsProviders"
import type { MetricsProvider } from "@effect-statuspage/core/MetricsProviders"
import * as Effect from "effect/Effect"
import { type FakeFailure, find, type GroupHandlers, type Handler, unprocessable } from "./handler.js"
import type { Store } from "./store.js"

type MetricRow = Metric & { readonly page_id: string }

export const metricsTable = (store: Store) => store.table<MetricRow>("metrics")
const providersTable = (store: Store) => store.table<MetricsProvider>("metricsProviders")
/** Each metric's points: slot (unix seconds) to value. */
const pointsTable = (store: Store) => store.table<Map<number, number>>("metricPoints")

const SLOT_SECONDS = 30
const BACKFILL_SECONDS = 28 * 24 * 3600
const PROVIDER_TYPES = ["Pingdom", "NewRelic", "Librato", "Datadog", "Self"]

export const findMetric = (store: Store, params: Readonly<Record<string, string | undefined>>) =>
  find(metricsTable(store), params.metric_id, "metric", (m) => m.page_id === params.page_id)

const findProvider = (store: Store, params: Readonly<Record<string, string | undefined>>) =>
  find(providersTable(store), params.metrics_provider_id, "metrics provider", (p) => p.page_id === params.page_id)

const pageMetrics = (store: Store, pageId: string) =>
  [...metricsTable(store).values()].filter((m) => m.page_id === pageId)

/** Stores the points of one metric, snapped to their slots; returns them as stored. */
const storePoints = (
  store: Store,
  metric: MetricRow,
  points: ReadonlyArray<MetricPoint>,
  now: string
): Effect.Effect<Array<MetricPoint>, FakeFailure> => {
  const nowSeconds = Math.floor(Date.parse(now) / 1000)
  const tooOld = points.find((p) => p.timestamp < nowSeconds - BACKFILL_SECONDS)
  if (tooOld !== undefined) {
    return Effect.fail(unprocessable(`Timestamp ${tooOld.timestamp} is more than 28 days in the past`))
  }
  let slots = pointsTable(store).get(metric.id)
  if (slots === undefined) {
    slots = new Map()
    pointsTable(store).set(metric.id, slots)
  }
  const stored = points.map((p) => ({ timestamp: p.timestamp - (p.timestamp % SLOT_SECONDS), value: p.value }))
  for (const p of stored) slots.set(p.timestamp, p.value)
  const latest = Math.max(...slots.keys())
  metricsTable(store).set(metric.id, {
    ...metric,
    most_recent_data_at: new Date(latest * 1000).toISOString(),
    updated_at: now
  })
  return Effect.succeed(stored)
}

const changeMetric: Handler<{ readonly name?: string; readonly metric_identifier?: string }, Metric> = ({
  store,
  params,
  input,
  now
}) =>
  Effect.map(findMetric(store, params), (metric) => {
    const next = { ...metric, ...input, updated_at: now }
    metricsTable(store).set(metric.id, next)
    return next
  })

export const metrics: GroupHandlers<typeof Metrics> = {
  list: ({ store, params }) => Effect.succeed(pageMetrics(store, params.page_id!)),
  listForProvider: ({ store, params }) =>
    Effect.map(findProvider(store, params), (provider) =>
      pageMetrics(store, params.page_id!).filter((m) => m.metrics_provider_id === provider.id)
    ),
  get: ({ store, params }) => findMetric(store, params),
  create: ({ store, params, input, now }) =>
    Effect.map(findProvider(store, params), (provider) => {
      const metric: MetricRow = {
        id: store.newId(),
        page_id: provider.page_id,
        metrics_provider_id: provider.id,
        metric_identifier: input.metric_identifier ?? null,
        name: input.name,
        display: input.display ?? true,
        tooltip_description: input.tooltip_description ?? null,
        backfilled: false,
        y_axis_min: input.y_axis_min ?? null,
        y_axis_max: input.y_axis_max ?? null,
        y_axis_hidden: input.y_axis_hidden ?? false,
        suffix: input.suffix ?? null,
        decimal_places: input.decimal_places ?? 0,
        most_recent_data_at: null,
        created_at: now,
        updated_at: now,
        last_fetched_at: null,
        backfill_percentage: 0,
        reference_name: null
      }
      metricsTable(store).set(metric.id, metric)
      return metric
    }),
  update: changeMetric,
  replace: changeMetric,
  delete: ({ store, params }) =>
    Effect.map(findMetric(store, params), (metric) => {
      metricsTable(store).delete(metric.id)
      pointsTable(store).delete(metric.id)
      return metric
    }),
  deleteAllData: ({ store, params, now }) =>
    Effect.map(findMetric(store, params), (metric) => {
      pointsTable(store).delete(metric.id)
      const next = { ...metric, most_recent_data_at: null, updated_at: now }
      metricsTable(store).set(metric.id, next)
      return next
    }),
  submitData: ({ store, params, input, now }) =>
    Effect.flatMap(findMetric(store, params), (metric) =>
      Effect.map(storePoints(store, metric, [input], now), ([data]) => ({ data: data! }))
    ),
  submitBulkData: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const out: Record<string, Array<MetricPoint>> = {}
      for (const [metricId, points] of Object.entries(input)) {
        const metric = yield* findMetric(store, { page_id: params.page_id, metric_id: metricId })
        out[metricId] = yield* storePoints(store, metric, points, now)
      }
      return out
    }),
  listAvailable: () => Effect.succeed(PROVIDER_TYPES.map((type) => ({ type })))
}

const changeProvider: Handler<{ readonly type?: string; readonly metric_base_uri?: string }, MetricsProvider> = ({
  store,
  params,
  input,
  now
}) =>
  Effect.gen(function* () {
    const provider = yield* findProvider(store, params)
    if (input.type !== undefined && !PROVIDER_TYPES.includes(input.type)) {
      return yield* unprocessable(`Type must be one of ${PROVIDER_TYPES.join(", ")}`)
    }
    const next = { ...provider, ...input, updated_at: now }
    providersTable(store).set(provider.id, next)
    return next
  })

export const metricsProviders: GroupHandlers<typeof MetricsProviders> = {
  list: ({ store, params }) =>
    Effect.succeed([...providersTable(store).values()].filter((p) => p.page_id === params.page_id)),
  get: ({ store, params }) => findProvider(store, params),
  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      if (!PROVIDER_TYPES.includes(input.type)) {
        return yield* unprocessable(`Type must be one of ${PROVIDER_TYPES.join(", ")}`)
      }
      // credentials are accepted and never kept: the fake has nothing to log in to
      const provider: MetricsProvider = {
        id: store.newId(),
        type: input.type,
        disabled: false,
        metric_base_uri: input.metric_base_uri ?? null,
        last_revalidated_at: now,
        created_at: now,
        updated_at: now,
        page_id: params.page_id!
      }
      providersTable(store).set(provider.id, provider)
      return provider
    }),
  update: changeProvider,
  replace: changeProvider,
  delete: ({ store, params }) =>
    Effect.map(findProvider(store, params), (provider) => {
      providersTable(store).delete(provider.id)
      for (const metric of [...metricsTable(store).values()]) {
        if (metric.metrics_provider_id === provider.id) {
          metricsTable(store).delete(metric.id)
          pointsTable(store).delete(metric.id)
        }
      }
      return provider
    })
}
