/**
 * Metrics: the graphs a page shows, their data points, and the metrics each linked provider feeds.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import {
  AvailableMetricsProvider,
  Metric,
  MetricAddResponse,
  MetricCreate,
  MetricPoint,
  MetricPointsBatch,
  MetricUpdate,
  SingleMetricAddResponse
} from "./internal/schema/metric.js"
import { PageQuery } from "./internal/schema/paging.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  AvailableMetricsProvider,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Metric,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricAddResponse,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricPoint,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricPointsById,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SingleMetricAddResponse
} from "./internal/schema/metric.js"

/**
 * `GET /pages/{page_id}/metrics`: one page of the page's metrics (the spec declares one `Metric`; a list comes back).
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "metrics.list",
  method: "GET",
  path: "/pages/{page_id}/metrics",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Metric),
  paging: "page"
})

/**
 * `GET /pages/{page_id}/metrics/{metric_id}`: one metric.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "metrics.get",
  method: "GET",
  path: "/pages/{page_id}/metrics/{metric_id}",
  success: Metric
})

/**
 * `PATCH /pages/{page_id}/metrics/{metric_id}`: changes a metric's name or identifier.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "metrics.update",
  method: "PATCH",
  path: "/pages/{page_id}/metrics/{metric_id}",
  body: enveloped("metric", MetricUpdate),
  success: Metric
})

/**
 * `PUT /pages/{page_id}/metrics/{metric_id}`: the same partial update as `update`, sent with PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "metrics.replace",
  method: "PUT",
  path: "/pages/{page_id}/metrics/{metric_id}",
  body: enveloped("metric", MetricUpdate),
  success: Metric
})

/**
 * `DELETE /pages/{page_id}/metrics/{metric_id}`: deletes a metric and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "metrics.delete",
  method: "DELETE",
  path: "/pages/{page_id}/metrics/{metric_id}",
  success: Metric
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}

/**
 * `GET /pages/{page_id}/metrics_providers/{metrics_provider_id}/metrics`: one page of a provider's metrics.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listForProvider = Endpoint.make({
  name: "metrics.listForProvider",
  method: "GET",
  path: "/pages/{page_id}/metrics_providers/{metrics_provider_id}/metrics",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Metric),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/metrics_providers/{metrics_provider_id}/metrics`: creates a metric fed by a provider.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "metrics.create",
  method: "POST",
  path: "/pages/{page_id}/metrics_providers/{metrics_provider_id}/metrics",
  body: enveloped("metric", MetricCreate),
  success: Metric
})

/**
 * `DELETE /pages/{page_id}/metrics/{metric_id}/data`: deletes every data point of a metric and returns the metric.
 *
 * @since 0.1.0
 * @category Actions
 */
export const deleteAllData = Endpoint.make({
  name: "metrics.deleteAllData",
  method: "DELETE",
  path: "/pages/{page_id}/metrics/{metric_id}/data",
  success: Metric
})

/**
 * `POST /pages/{page_id}/metrics/{metric_id}/data`: adds one point (unix seconds; snapped to a 30-second slot).
 *
 * @since 0.1.0
 * @category Actions
 */
export const submitData = Endpoint.make({
  name: "metrics.submitData",
  method: "POST",
  path: "/pages/{page_id}/metrics/{metric_id}/data",
  body: enveloped("data", MetricPoint),
  success: SingleMetricAddResponse
})

/**
 * `POST /pages/{page_id}/metrics/data`: adds points to several metrics, keyed by metric id (202).
 *
 * @since 0.1.0
 * @category Actions
 */
export const submitBulkData = Endpoint.make({
  name: "metrics.submitBulkData",
  method: "POST",
  path: "/pages/{page_id}/metrics/data",
  body: enveloped("data", MetricPointsBatch),
  success: MetricAddResponse,
  successStatus: 202
})

/**
 * `GET /metrics_providers`: the public metric providers. Deprecated: from the 2016 API, absent from the current spec;
 * kept for parity with older clients, and its items are decoded as plain records.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listAvailable = Endpoint.make({
  name: "metrics.listAvailable",
  method: "GET",
  path: "/metrics_providers",
  success: Schema.Array(AvailableMetricsProvider),
  deprecated: "GET /metrics_providers is from the 2016 API and is not in the current spec"
})
