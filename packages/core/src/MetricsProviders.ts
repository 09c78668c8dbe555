/**
 * Metrics providers: the monitoring services (Pingdom, New Relic, Librato, Datadog, or `Self`) linked to a page.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { MetricsProvider, MetricsProviderCreate, MetricsProviderUpdate } from "./internal/schema/metricsProvider.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricsProvider,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricsProviderCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricsProviderUpdate
} from "./internal/schema/metricsProvider.js"

/**
 * `GET /pages/{page_id}/metrics_providers`: every provider linked to the page (not paged).
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "metricsProviders.list",
  method: "GET",
  path: "/pages/{page_id}/metrics_providers",
  success: Schema.Array(MetricsProvider)
})

/**
 * `POST /pages/{page_id}/metrics_providers`: links a provider. Its credentials never appear in an error.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "metricsProviders.create",
  method: "POST",
  path: "/pages/{page_id}/metrics_providers",
  body: enveloped("metrics_provider", MetricsProviderCreate),
  success: MetricsProvider,
  secrets: ["password", "api_key", "api_token", "application_key"]
})

/**
 * `GET /pages/{page_id}/metrics_providers/{metrics_provider_id}`: one provider.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "metricsProviders.get",
  method: "GET",
  path: "/pages/{page_id}/metrics_providers/{metrics_provider_id}",
  success: MetricsProvider
})

/**
 * `PATCH /pages/{page_id}/metrics_providers/{metrics_provider_id}`: changes a provider's type or base URI.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "metricsProviders.update",
  method: "PATCH",
  path: "/pages/{page_id}/metrics_providers/{metrics_provider_id}",
  body: enveloped("metrics_provider", MetricsProviderUpdate),
  success: MetricsProvider
})

/**
 * `PUT /pages/{page_id}/metrics_providers/{metrics_provider_id}`: the same partial update as `update`, sent with PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "metricsProviders.replace",
  method: "PUT",
  path: "/pages/{page_id}/metrics_providers/{metrics_provider_id}",
  body: enveloped("metrics_provider", MetricsProviderUpdate),
  success: MetricsProvider
})

/**
 * `DELETE /pages/{page_id}/metrics_providers/{metrics_provider_id}`: unlinks a provider and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "metricsProviders.delete",
  method: "DELETE",
  path: "/pages/{page_id}/metrics_providers/{metrics_provider_id}",
  success: MetricsProvider
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}
