/**
 * The rate limiter with its budgets in Redis, so that every process and machine using the same API key shares one
 * budget. Same rolling window as the in-memory store (`RateLimiter` in the core), kept in one sorted set per key and
 * updated by Lua scripts, atomically and by Redis's own clock (so the hosts' clocks need not agree).
 *
 * `@effect/experimental`'s `RateLimiter` offers fixed windows and token buckets only: both let twice the budget
 * through in some rolling window, which Statuspage answers with 420, hence this store.
 *
 * Redis keys hold a SHA-256 of the API key, never the key. When Redis cannot be reached in time, requests go out
 * unpaced (a warning is logged) rather than failing: the retry policy then handles any 420 or 429.
 *
 * @since 0.1.0
 */
import { createHash, randomUUID } from "node:crypto"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as RateLimiter from "@effect-statuspage/core/RateLimiter"
import type { ConfigurationError } from "@effect-statuspage/core/StatusPageError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Redis, type RedisOptions } from "ioredis"

/**
 * @since 0.1.0
 * @category Models
 */
export interface StoreOptions {
  /** A client to use (left open), or a URL or options to connect with (disconnected when the layer is released). */
  readonly redis: Redis | string | RedisOptions
  /** Prefix of the Redis keys; default `effect-statuspage:rate-limit:`. */
  readonly prefix?: string | undefined
  /**
   * How long an admitted request counts as in flight at most, should its process die before it reports completion;
   * keep it above the per-attempt timeout. Default 5 minutes.
   */
  readonly lease?: Duration.DurationInput | undefined
  /** How long to wait for Redis before sending unpaced; default 1 second. */
  readonly commandTimeout?: Duration.DurationInput | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options extends StoreOptions, RateLimiter.Options {}

// Drops requests that left the window; admits when fewer than `limit` remain (counting in-flight ones at
// now + lease until they report), else answers how long to wait: until enough leave the window or, when an in-flight
// request is in the way, one request interval before asking again (its completion is not signalled across processes).
const acquireScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], lease + window)
  return -1
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')[2])
local wait = oldest + window - now
if oldest > now then wait = math.min(wait, math.ceil(window / limit)) end
return math.max(wait, 1)
`

// A request completed: it counts from now on at the time it completed (Redis's clock).
const doneScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0
`

/**
 * A store on an open Redis client.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeStore = (redis: Redis, options: Omit<StoreOptions, "redis"> = {}): RateLimiter.Store => {
  const prefix = options.prefix ?? "effect-statuspage:rate-limit:"
  const lease = Math.ceil(Duration.toMillis(options.lease ?? "5 minutes"))
  const commandTimeout = Duration.decode(options.commandTimeout ?? "1 second")
  const hashed = new Map<string, string>()
  const redisKey = (key: string) => {
    let k = hashed.get(key)
    if (k === undefined) {
      k = prefix + createHash("sha256").update(key).digest("hex")
      hashed.set(key, k)
    }
    return k
  }
  const unpaced: RateLimiter.Attempt = { _tag: "Admitted", done: Effect.void }
  const call = <A>(what: string, run: () => Promise<A>) =>
    Effect.tryPromise({ try: run, catch: (error) => (error instanceof Error ? error.message : String(error)) }).pipe(
      Effect.timeoutFail({
        duration: commandTimeout,
        onTimeout: () => `no answer in ${Duration.format(commandTimeout)}`
      }),
      Effect.tapError((reason) =>
        Effect.logWarning(`effect-statuspage: Redis rate limiter ${what} failed (${reason}); sending unpaced`)
      ),
      Effect.option
    )
  return {
    tryAcquire: (key, budget) => {
      const k = redisKey(key)
      const id = randomUUID()
      return Effect.map(
        call("acquire", () => redis.eval(acquireScript, 1, k, budget.limit, budget.windowMillis, lease, id)),
        (answer): RateLimiter.Attempt => {
          if (answer._tag === "None") return unpaced
          const wait = Number(answer.value)
          return wait < 0
            ? { _tag: "Admitted", done: Effect.asVoid(call("done", () => redis.eval(doneScript, 1, k, id))) }
            : { _tag: "Wait", millis: wait }
        }
      )
    }
  }
}

const connect = (redis: StoreOptions["redis"]): Effect.Effect<Redis, never, import("effect/Scope").Scope> =>
  redis instanceof Redis
    ? Effect.succeed(redis)
    : Effect.acquireRelease(
        Effect.sync(() => {
          const client = typeof redis === "string" ? new Redis(redis) : new Redis(redis)
          // Failures reach us through the commands (and are logged there); without a listener ioredis prints each.
          client.on("error", () => {})
          return client
        }),
        (client) => Effect.sync(() => client.disconnect())
      )

/**
 * The Redis store as the `RateLimiterStore` service.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerStore = (options: StoreOptions): Layer.Layer<RateLimiter.RateLimiterStore> =>
  Layer.scoped(
    RateLimiter.RateLimiterStore,
    Effect.map(connect(options.redis), (redis) => makeStore(redis, options))
  )

/**
 * Paces the `HttpClient` with budgets shared through Redis; pass it as `rateLimit` to `Policies.layer` or
 * `StatusPageNode.layer`.
 *
 * @example
 * ```ts
 * StatusPageNode.layer({ rateLimit: RedisRateLimiter.layer({ redis: "redis://127.0.0.1:6379" }) })
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: Options
): Layer.Layer<HttpClient.HttpClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.provide(RateLimiter.layerStore(options), layerStore(options))
