/**
 * @since 0.1.0
 */

/**
 * The rate limiter's budgets in Redis, shared by every process using the same API key.
 *
 * @since 0.1.0
 */
export * as RedisRateLimiter from "./RedisRateLimiter.js"
/**
 * The production layer: Node HTTP client, config from the environment, pacing, retries and timeouts.
 *
 * @since 0.1.0
 */
export * as StatusPageNode from "./StatusPageNode.js"

/**
 * @since 0.1.0
 */
export * as UndiciHttpClient from "./UndiciHttpClient.js"
