import * as Schema from "effect/Schema"
import { optionalNullable, Timestamp } from "./common.js"

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

/** One data point: `timestamp` in unix seconds (snapped to 30-second slots by the server). */
export const MetricPoint = Schema.Struct({
  timestamp: Schema.Int,
  value: Schema.Number
}).annotations({ identifier: "MetricPoint" })
export type MetricPoint = typeof MetricPoint.Type

/** Points keyed by metric id, as both metric-data POSTs use them. */
export const MetricPointsById = Schema.Record({ key: Schema.String, value: Schema.Array(MetricPoint) })
