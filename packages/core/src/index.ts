/**
 * @since 0.1.0
 */

/**
 * Components: the parts of a service whose status a page shows.
 *
 * @since 0.1.0
 */
export * as Components from "./Components.js"

/**
 * Declaring endpoints: one declaration gives the action, the facade method, the fake's route and the coverage row.
 *
 * @since 0.1.0
 */
export * as Endpoint from "./Endpoint.js"

/**
 * The seed-style facade: `client.components.list()`.
 *
 * @since 0.1.0
 */
export * as StatusPageClient from "./StatusPageClient.js"

/**
 * The settings every action reads.
 *
 * @since 0.1.0
 */
export * as StatusPageConfig from "./StatusPageConfig.js"

/**
 * The five tagged errors.
 *
 * @since 0.1.0
 */
export * as StatusPageError from "./StatusPageError.js"

/**
 * The public Status API v2 of any Statuspage-hosted page: summary, status, components, incidents, maintenances.
 *
 * @since 0.1.0
 */
export * as StatusPagePublic from "./StatusPagePublic.js"

/**
 * Watches a page's summary and emits what changed.
 *
 * @since 0.1.0
 */
export * as StatusPageWatcher from "./StatusPageWatcher.js"

/**
 * Webhook notifications: schemas, a decoder and an `HttpApp` handler.
 *
 * @since 0.1.0
 */
export * as StatusPageWebhook from "./StatusPageWebhook.js"
