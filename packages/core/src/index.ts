/**
 * @since 0.1.0
 */

/**
 * Declaring endpoints: one declaration gives the action, the facade method, the fake's route and the coverage row.
 *
 * @since 0.1.0
 */
export * as Endpoint from "./Endpoint.js"
/**
 * The resource groups (`Components`, `Incidents`, ...): one namespace per module that declares endpoints.
 *
 * @since 0.1.0
 */
export * from "./internal/groups.js"

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
 * The escape hatch: any method on any path, through the same auth, checks, errors and policies as the actions.
 *
 * @since 0.1.0
 */
export * as Raw from "./Raw.js"
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
 * The one-call layer for fetch-only runtimes (Bun, Deno, Cloudflare Workers): config from `Config`, `FetchHttpClient`,
 * the default policies.
 *
 * @since 0.1.0
 */
export * as StatusPageFetch from "./StatusPageFetch.js"
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
/**
 * Per-attempt timeout and overall deadline.
 *
 * @since 0.1.0
 */
export * as Timeout from "./Timeout.js"
