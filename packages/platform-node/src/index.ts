/**
 * @since 0.1.0
 */

// `RedisRateLimiter` has its own entry point (`@effect-statuspage/platform-node/RedisRateLimiter`) so that importing
// this index never loads `ioredis`, an optional peer dependency.
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
