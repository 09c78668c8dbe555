import * as Schema from "effect/Schema"
import { NonEmpty, optional, optionalNullable, Timestamp } from "./common.js"

/** A custom metric shown on the page. `y_axis_*` are floats here, though create bodies take integers. */
export const Metric = Schema.Struct({
  id: Schema.String,
  metrics_provider_id: Schema.NullOr(Schema.String),
  metric_identifier: Schema.NullOr(Schema.String),
  name: Schema.String,
  display: Schema.Boolean,
  tooltip_description: Schema.NullOr(Schema.String),
  backfilled: Schema.Boolean,
  y_axis_min: Schema.NullOr(Schema.Number),
  y_axis_max: Schema.NullOr(Schema.Number),
  y_axis_hidden: Schema.Boolean,
  suffix: Schema.NullOr(Schema.String),
  decimal_places: Schema.Number,
  most_recent_data_at: Schema.NullOr(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
  last_fetched_at: optionalNullable(Timestamp),
  backfill_percentage: optionalNullable(Schema.Number),
  reference_name: optionalNullable(Schema.String)
}).annotations({ identifier: "Metric" })
export type Metric = typeof Metric.Type

/** One data point: `timestamp` in unix seconds (snapped to 30-second slots by the server); JSON has no NaN or Infinity. */
export const MetricPoint = Schema.Struct({
  timestamp: Schema.Int,
  value: Schema.Finite
}).annotations({ identifier: "MetricPoint" })
export type MetricPoint = typeof MetricPoint.Type

/** Points keyed by metric id, as both metric-data POSTs use them. */
export const MetricPointsById = Schema.Record({ key: Schema.String, value: Schema.Array(MetricPoint) })

/** What `PATCH` and `PUT` on a metric accept. */
export const MetricUpdate = Schema.Struct({
  name: optional(NonEmpty),
  metric_identifier: optional(Schema.String)
}).annotations({ identifier: "MetricUpdate" })
export type MetricUpdate = typeof MetricUpdate.Type

/** A metric created under a provider. `transform` is one of `average`, `count`, `max`, `min`, `sum`. */
export const MetricCreate = Schema.Struct({
  name: NonEmpty,
  metric_identifier: optional(Schema.String),
  transform: optional(Schema.String),
  suffix: optional(Schema.String),
  y_axis_min: optional(Schema.Int),
  y_axis_max: optional(Schema.Int),
  y_axis_hidden: optional(Schema.Boolean),
  display: optional(Schema.Boolean),
  decimal_places: optional(Schema.Int),
  tooltip_description: optional(Schema.String)
}).annotations({ identifier: "MetricCreate" })
export type MetricCreate = typeof MetricCreate.Type

/** Points for several metrics at once: at least one metric id. */
export const MetricPointsBatch = MetricPointsById.pipe(
  Schema.filter((points) => Object.keys(points).length > 0 || "at least one metric id")
).annotations({ identifier: "MetricPointsBatch" })

/** The answer to `POST …/metrics/data`: the points as stored (timestamps snapped to 30-second slots), by metric id. */
export const MetricAddResponse = MetricPointsById.annotations({ identifier: "MetricAddResponse" })
export type MetricAddResponse = typeof MetricAddResponse.Type

/** The answer to `POST …/metrics/{metric_id}/data`: the point as stored. */
export const SingleMetricAddResponse = Schema.Struct({ data: MetricPoint }).annotations({
  identifier: "SingleMetricAddResponse"
})
export type SingleMetricAddResponse = typeof SingleMetricAddResponse.Type

/** A public metric provider of the 2016 API's `GET /metrics_providers`; its shape was never specified. */
export const AvailableMetricsProvider = Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
  identifier: "AvailableMetricsProvider"
})
