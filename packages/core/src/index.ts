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
 * Every item of a list action across pages: `Pagination.stream` and `Pagination.collect`.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"
/**
 * The default policies around the `HttpClient`: deadline, retries, pacing, per-attempt timeout.
 *
 * @since 0.1.0
 */
export * as Policies from "./Policies.js"
/**
 * Pacing to Statuspage's rolling-window rate limit, one budget per API key.
 *
 * @since 0.1.0
 */
export * as RateLimiter from "./RateLimiter.js"
/**
 * Safe retries: backoff with jitter, `Retry-After`, never repeating a POST or PATCH that may have been processed.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"
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
 * Per-attempt timeout and overall deadline.
 *
 * @since 0.1.0
 */
export * as Timeout from "./Timeout.js"
