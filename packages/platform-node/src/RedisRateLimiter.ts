/**
 * The rate limiter with its budgets in Redis, so that every process and machine using the same API key shares one
 * budget. Same rolling window as the in-memory store (`RateLimiter` in the core), kept in one sorted set per key and
 * updated by Lua scripts, atomically and by Redis's own clock (so the hosts' clocks need not agree).
 *
 * `@effect/experimental`'s `RateLimiter` offers fixed windows and token buckets only: both let twice the budget
 * through in some rolling window, which Statuspage answers with 420, hence this store.
 *
 * Redis keys hold a SHA-256 of the API key, never the key. When Redis does not answer within `commandTimeout` (frozen,
 * down, unreachable), the request goes out unpaced rather than failing (a warning is logged; the retry policy handles
 * any 420 or 429), and so do the requests of the next `bypassFor` without asking Redis. Every wait for Redis is
 * interruptible, so a caller's own timeout or deadline always ends it.
 *
 * Its own entry point (`@effect-statuspage/platform-node/RedisRateLimiter`), so that `ioredis`, an optional peer
 * dependency, loads only for those who use it.
 *
 * @since 0.1.0
 */
import { createHash, randomUUID } from "node:crypto"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as RateLimiter from "@effect-statuspage/core/RateLimiter"
import type { ConfigurationError } from "@effect-statuspage/core/StatusPageError"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
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
  /**
   * After Redis failed or did not answer in time, how long to send unpaced without asking it (so that a frozen Redis
   * costs one `commandTimeout` per period, not one per request); default 5 seconds.
   */
  readonly bypassFor?: Duration.DurationInput | undefined
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

// An abandoned acquire (timed out, interrupted) is taken back: Redis runs commands of one connection in order, so
// this runs after the acquire whenever Redis gets to it, rather than leaving a phantom in flight for the whole lease.
const releaseScript = `
redis.call('ZREM', KEYS[1], ARGV[1])
return 0
`

/** Fire and forget: the caller never waits for it, and its failure only costs a lease. */
const detach = (promise: Promise<unknown>): void => {
  promise.catch(() => {})
}

/**
 * A store on an open Redis client. Each request asks Redis once (one Lua script), interruptibly and for at most
 * `commandTimeout`; its completion is reported without waiting for Redis.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeStore = (redis: Redis, options: Omit<StoreOptions, "redis"> = {}): RateLimiter.Store => {
  const prefix = options.prefix ?? "effect-statuspage:rate-limit:"
  const lease = Math.ceil(Duration.toMillis(options.lease ?? "5 minutes"))
  const commandTimeout = Duration.decode(options.commandTimeout ?? "1 second")
  const bypassMillis = Duration.toMillis(options.bypassFor ?? "5 seconds")
  let bypassUntil = Number.NEGATIVE_INFINITY
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
  const acquire = (k: string, id: string, budget: RateLimiter.Budget) =>
    Effect.tryPromise({
      try: () => redis.eval(acquireScript, 1, k, budget.limit, budget.windowMillis, lease, id),
      catch: (error) => (error instanceof Error ? error.message : String(error))
    }).pipe(
      Effect.timeoutFail({
        duration: commandTimeout,
        onTimeout: () => `no answer in ${Duration.format(commandTimeout)}`
      }),
      // The limiter asks its store uninterruptibly; this wait alone may be cut short, by a caller's timeout.
      Effect.interruptible,
      Effect.onExit((exit) =>
        Exit.isSuccess(exit) ? Effect.void : Effect.sync(() => detach(redis.eval(releaseScript, 1, k, id)))
      )
    )
  return {
    tryAcquire: (key, budget) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (now < bypassUntil) return Effect.succeed(unpaced)
        const k = redisKey(key)
        const id = randomUUID()
        return acquire(k, id, budget).pipe(
          Effect.map((answer): RateLimiter.Attempt => {
            const wait = Number(answer)
            return wait < 0
              ? { _tag: "Admitted", done: Effect.sync(() => detach(redis.eval(doneScript, 1, k, id))) }
              : { _tag: "Wait", millis: wait }
          }),
          Effect.catchAll((reason) =>
            Effect.flatMap(Clock.currentTimeMillis, (failedAt) => {
              bypassUntil = failedAt + bypassMillis
              return Effect.as(
                Effect.logWarning(
                  `effect-statuspage: Redis rate limiter failed (${reason}); sending unpaced for ${Duration.format(Duration.millis(bypassMillis))}`
                ),
                unpaced
              )
            })
          )
        )
      })
  }
}

// For clients made here: a command fails at once while disconnected (no offline queue) and is not replayed after a
// reconnect (no retries per request), so that a Redis that is down costs nothing; reconnecting goes on in the
// background. The user's options override these.
const clientDefaults: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 0 }

const connect = (
  redis: StoreOptions["redis"],
  commandTimeout: Duration.DurationInput
): Effect.Effect<Redis, never, Scope.Scope> =>
  redis instanceof Redis
    ? Effect.succeed(redis)
    : Effect.tap(
        Effect.acquireRelease(
          Effect.sync(() => {
            const client =
              typeof redis === "string" ? new Redis(redis, clientDefaults) : new Redis({ ...clientDefaults, ...redis })
            // Failures reach us through the commands (and are logged there); without a listener ioredis prints each.
            client.on("error", () => {})
            return client
          }),
          (client) => Effect.sync(() => client.disconnect())
        ),
        // Without an offline queue the first commands would fail while connecting: wait for it, within the timeout.
        (client) =>
          Effect.timeout(
            Effect.async<void>((resume) => {
              if (client.status === "ready") return resume(Effect.void)
              const ready = () => resume(Effect.void)
              client.once("ready", ready)
              return Effect.sync(() => client.off("ready", ready))
            }),
            commandTimeout
          ).pipe(Effect.ignore)
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
    Effect.map(connect(options.redis, options.commandTimeout ?? "1 second"), (redis) => makeStore(redis, options))
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
