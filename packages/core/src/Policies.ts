/**
 * The default stack of policies around an `HttpClient`, outermost first: overall deadline (off unless set), retries,
 * pacing, per-attempt timeout. Each piece can be configured, swapped (e.g. a shared rate limiter) or turned off with
 * `false`; the pieces are also usable on their own (`Retry.layer`, `RateLimiter.layer`, `Timeout.layer`).
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { markBounded } from "./internal/bounds.js"
import * as RateLimiter from "./RateLimiter.js"
import * as Retry from "./Retry.js"
import type { ConfigurationError } from "./StatusPageError.js"
import * as Timeout from "./Timeout.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options<E = never, R = never> {
  /** Pacing: options of the in-memory limiter, another limiter layer (e.g. the Redis one), or `false`. */
  readonly rateLimit?: RateLimiter.Options | Layer.Layer<HttpClient.HttpClient, E, HttpClient.HttpClient | R> | false
  readonly retry?: Retry.Options | false
  /** Per-attempt timeout; by default the config's `timeout`. */
  readonly timeout?: Timeout.Options | false
  /** Overall deadline of one call, queueing and retries included; none by default. */
  readonly deadline?: Duration.DurationInput | undefined
}

type Wrapper<E, R> = Layer.Layer<HttpClient.HttpClient, E, HttpClient.HttpClient | R>

// Passes the client below through unchanged: a piece that is turned off. A new layer each time: layers are memoized by
// reference, so one shared value used for two pieces would be built once and hand both the same (innermost) client.
const identity = (): Wrapper<never, never> => Layer.effect(HttpClient.HttpClient, HttpClient.HttpClient)

/**
 * The policies as one layer that wraps the `HttpClient` below it. Invalid options fail it with a
 * `ConfigurationError` naming the option (e.g. `rateLimit.limit`).
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = <E = never, R = never>(
  options: Options<E, R> = {}
): Layer.Layer<HttpClient.HttpClient, E | ConfigurationError, HttpClient.HttpClient | R> => {
  const given = options.rateLimit
  const rateLimit: Wrapper<E | ConfigurationError, R> =
    given === false
      ? identity()
      : Layer.isLayer(given)
        ? (given as Wrapper<E | ConfigurationError, R>)
        : RateLimiter.layer(given as RateLimiter.Options | undefined)
  const pieces: ReadonlyArray<Wrapper<E | ConfigurationError, R>> = [
    // every attempt is bounded by the timeout piece: actions need not bound the call themselves
    options.timeout === false
      ? identity()
      : Layer.effect(HttpClient.HttpClient, Effect.map(HttpClient.HttpClient, markBounded)),
    options.deadline === undefined ? identity() : Timeout.layerDeadline(options.deadline),
    options.retry === false ? identity() : Retry.layer(options.retry),
    rateLimit,
    options.timeout === false ? identity() : Timeout.layer(options.timeout)
  ]
  // Each piece wraps the client of the piece after it.
  return pieces.reduce((outer, inner) => Layer.provide(outer, inner) as Wrapper<E | ConfigurationError, R>)
}
