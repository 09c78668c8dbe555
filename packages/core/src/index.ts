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
 * A fake Statuspage: in-memory, stateful, with knobs for tests; in-process or behind any `HttpServer`.
 *
 * @since 0.1.0
 */
export * as StatusPageTest from "./StatusPageTest.js"
