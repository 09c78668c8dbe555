/**
 * Pacing to Statuspage's rate limit: no rolling window (default 60 s) holds more than the budget (default 60
 * requests) per API key. Requests go out at once while the budget allows and queue in arrival order (FIFO) when it
 * does not. A layer around the `HttpClient`: every fiber that uses the wrapped client shares its budgets; a shared
 * store (Redis, in `@effect-statuspage/platform-node`) shares them between processes.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import { currentAnswered, currentQueueing } from "./internal/answered.js"
import { addToCurrentSpan } from "./internal/span.js"
import { ConfigurationError } from "./StatusPageError.js"

/**
 * How many requests a rolling window may hold.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Budget {
  readonly limit: number
  /** The window the server measures over, plus the safety margin: what the limiter actually paces to. */
  readonly windowMillis: number
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Requests per window; default 60. */
  readonly limit?: number | undefined
  /** The rolling window; default 60 seconds. */
  readonly window?: Duration.DurationInput | undefined
  /**
   * Added to the window so that latency between our clock and the server's arrival time cannot put one request too
   * many in the server's window; default 2% of the window (1.2 s of 60 s).
   */
  readonly margin?: Duration.DurationInput | undefined
  /**
   * What a budget is keyed by; default the request's `Authorization` header, i.e. one budget per API key. Requests
   * it returns `undefined` for are not paced (the public Status API carries no key).
   */
  readonly key?: ((request: HttpClientRequest.HttpClientRequest) => string | undefined) | undefined
}

/**
 * What a store answers when asked for room in a budget: either the request may go now (and must report when it is
 * done), or it must ask again after `millis` (`Infinity`: only when a request of this process completes).
 *
 * @since 0.1.0
 * @category Models
 */
export type Attempt =
  | { readonly _tag: "Admitted"; readonly done: Effect.Effect<void> }
  | { readonly _tag: "Wait"; readonly millis: number }

/**
 * Where budgets are kept: in memory (`makeMemoryStore`, one process) or shared (the Redis store of
 * `@effect-statuspage/platform-node`).
 *
 * A store keeps a log of the requests of each key. A request counts from the moment it is admitted and, once
 * `done`, at the time it completed: the server saw it at some point in between, so pacing to completion times can
 * never put one request too many in the server's window, whatever the latency. Keys are secrets (by default the
 * `Authorization` header): a store never logs them and a shared store keeps only a hash.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Store {
  /** Admits a request of `key` when the rolling window has room, else says how long until it may have. */
  readonly tryAcquire: (key: string, budget: Budget) => Effect.Effect<Attempt>
}

/**
 * @since 0.1.0
 * @category Context
 */
export class RateLimiterStore extends Context.Tag("@effect-statuspage/RateLimiterStore")<RateLimiterStore, Store>() {}

/**
 * The span attribute with the total time (ms) an action waited for the rate limiter, over all its attempts.
 *
 * @since 0.1.0
 * @category Constants
 */
export const waitAttribute = "statuspage.rate_limit.wait_ms"

/**
 * @since 0.1.0
 * @category Constants
 */
export const defaults = { limit: 60, window: Duration.seconds(60), marginRatio: 0.02 } as const

const invalid = (setting: string, message: string) =>
  new ConfigurationError({ reason: "Invalid", setting: `rateLimit.${setting}`, message: `RateLimiter: ${message}` })

/**
 * Resolves options into a budget, or says which option is invalid.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const validate = (options: Options = {}): Either.Either<Budget, ConfigurationError> => {
  const limit = options.limit ?? defaults.limit
  const window = Duration.toMillis(options.window ?? defaults.window)
  const margin = options.margin === undefined ? window * defaults.marginRatio : Duration.toMillis(options.margin)
  if (!Number.isInteger(limit) || limit < 1) return Either.left(invalid("limit", "limit must be a positive integer"))
  if (!Number.isFinite(window) || window <= 0) {
    return Either.left(invalid("window", "window must be finite and positive"))
  }
  if (!Number.isFinite(margin) || margin < 0) {
    return Either.left(invalid("margin", "margin must be finite and not negative"))
  }
  return Either.right({ limit, windowMillis: Math.ceil(window + margin) })
}

/**
 * Resolves options into a budget; throws the `ConfigurationError` of `validate` when an option is invalid.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const budget = (options: Options = {}): Budget => Either.getOrThrowWith(validate(options), (error) => error)

/**
 * A store in this process's memory, timed by `Clock` (so `TestClock` drives it).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeMemoryStore: Effect.Effect<Store> = Effect.sync(() => {
  // Per key: how many requests are in flight, and the completion times of the others, in completion order (so
  // ascending: expired ones leave from the front, and counting and finding the next room are O(1)).
  const logs = new Map<string, { inFlight: number; completed: Array<number>; head: number }>()
  return {
    tryAcquire: (key, budget) =>
      Effect.map(Clock.currentTimeMillis, (now): Attempt => {
        let log = logs.get(key)
        if (log === undefined) {
          log = { inFlight: 0, completed: [], head: 0 }
          logs.set(key, log)
        }
        const { completed } = log
        while (log.head < completed.length && completed[log.head]! <= now - budget.windowMillis) log.head++
        if (log.head > 64 && log.head * 2 > completed.length) {
          completed.splice(0, log.head)
          log.head = 0
        }
        const logged = log.inFlight + completed.length - log.head
        if (logged < budget.limit) {
          const admitted = log
          admitted.inFlight++
          return {
            _tag: "Admitted",
            done: Effect.map(Clock.currentTimeMillis, (end) => {
              admitted.inFlight--
              admitted.completed.push(end)
            })
          }
        }
        // Room comes when all but `limit - 1` of the logged requests (in flight ones last) have left the window.
        const index = log.head + logged - budget.limit
        return {
          _tag: "Wait",
          millis: index < completed.length ? completed[index]! + budget.windowMillis - now : Number.POSITIVE_INFINITY
        }
      })
  }
})

/**
 * @since 0.1.0
 * @category Layers
 */
export const layerMemoryStore: Layer.Layer<RateLimiterStore> = Layer.effect(RateLimiterStore, makeMemoryStore)

const authorization = (request: HttpClientRequest.HttpClientRequest) => request.headers.authorization

/** Per key: the last in the FIFO line (to wait behind) and a signal fired whenever a request completes. */
interface Line {
  tail: Deferred.Deferred<void> | undefined
  completed: Deferred.Deferred<void>
}

/**
 * Wraps a client so that each request waits for room in its key's budget. Requests of one key wait in one FIFO line:
 * only its head asks the store, so none overtakes another. The wait is added to the current span as
 * `statuspage.rate_limit.wait_ms`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrap =
  (store: Store, options: Options = {}) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient => {
    const resolved = budget(options)
    const keyOf = options.key ?? authorization
    const lines = new Map<string, Line>()
    const lineOf = (key: string): Line => {
      let line = lines.get(key)
      if (line === undefined) {
        line = { tail: undefined, completed: Deferred.unsafeMake(FiberId.none) }
        lines.set(key, line)
      }
      return line
    }
    const signalCompleted = (line: Line) =>
      Effect.suspend(() => {
        const fired = line.completed
        line.completed = Deferred.unsafeMake(FiberId.none)
        return Deferred.succeed(fired, undefined)
      })

    return HttpClient.transform(client, (effect, request) => {
      const key = keyOf(request)
      if (key === undefined) return effect
      return Effect.uninterruptibleMask((restore) => {
        const line = lineOf(key)
        // Sends once admitted. Stamped once: when the response headers arrive (see `currentAnswered`), or else when
        // the attempt ends.
        const send = (done: Effect.Effect<void>, waitedMillis: number) => {
          let stamped = false
          const complete = Effect.suspend(() => {
            if (stamped) return Effect.void
            stamped = true
            return Effect.zipRight(done, signalCompleted(line))
          })
          return Effect.zipRight(
            addToCurrentSpan(waitAttribute, waitedMillis),
            Effect.ensuring(restore(Effect.locally(effect, currentAnswered, complete)), complete)
          )
        }
        const admit: Effect.Effect<Effect.Effect<void>> = Effect.suspend(() => {
          const completed = line.completed
          return Effect.flatMap(store.tryAcquire(key, resolved), (attempt) => {
            if (attempt._tag === "Admitted") return Effect.succeed(attempt.done)
            const completion = Deferred.await(completed)
            const wait = Number.isFinite(attempt.millis)
              ? Effect.raceFirst(Effect.sleep(Duration.millis(Math.max(1, attempt.millis))), completion)
              : completion
            return Effect.zipRight(restore(wait), admit)
          })
        })
        const mine = Deferred.unsafeMake<void>(FiberId.none)
        const before = line.tail
        line.tail = mine
        const left = () => {
          if (line.tail === mine) line.tail = undefined
        }
        // Whoever waits behind us may go once we and everyone before us have left, even if we were interrupted.
        const leave = Effect.zipRight(
          Deferred.completeWith(mine, before === undefined ? Effect.void : Deferred.await(before)),
          Effect.sync(left)
        )
        const queued = Effect.ensuring(
          Effect.zipRight(before === undefined ? Effect.void : restore(Deferred.await(before)), admit),
          leave
        )
        // While it waits, the request is flagged as queued for an overall deadline (see `currentQueueing`).
        const slow = Effect.flatMap(FiberRef.get(currentQueueing), (queueing) => {
          const flag = (waiting: boolean) =>
            Effect.sync(() => {
              if (queueing !== undefined) queueing.waiting = waiting
            })
          return Effect.flatMap(
            // Not reset on interruption: the deadline that interrupts us reads the flag after it did.
            Effect.timed(Effect.zipRight(flag(true), Effect.zipLeft(queued, flag(false)))),
            ([waited, done]) => send(done, Duration.toMillis(waited))
          )
        })
        if (before !== undefined) return slow
        // Fast path: nobody is waiting, so ask the store once (uninterruptibly, as the head of the line) and, if the
        // budget has room, leave the line at once and send without waiting.
        return Effect.flatMap(store.tryAcquire(key, resolved), (attempt) => {
          if (attempt._tag === "Wait") return slow
          Deferred.unsafeDone(mine, Exit.void)
          left()
          return send(attempt.done, 0)
        })
      })
    })
  }

/**
 * Paces the `HttpClient` with budgets kept in the `RateLimiterStore` in context (e.g. a Redis store shared by
 * several processes). Invalid options fail the layer with a `ConfigurationError` naming the option.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerStore = (
  options?: Options
): Layer.Layer<HttpClient.HttpClient, ConfigurationError, HttpClient.HttpClient | RateLimiterStore> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.zipRight(
      validate(options),
      Effect.zipWith(RateLimiterStore, HttpClient.HttpClient, (store, client) => wrap(store, options)(client))
    )
  )

/**
 * Paces the `HttpClient` with budgets kept in memory: one budget per API key, shared by every fiber that uses the
 * client this layer builds. Invalid options fail the layer with a `ConfigurationError` naming the option.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options?: Options
): Layer.Layer<HttpClient.HttpClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.provide(layerStore(options), layerMemoryStore)
