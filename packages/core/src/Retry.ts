/**
 * Safe retries as a layer around the `HttpClient`: exponential backoff with jitter and a cap, honouring
 * `Retry-After`.
 *
 * - 420 and 429 are retried for every method: the server did not process the request.
 * - 5xx answers, transport failures and timeouts are retried only for GET, PUT and DELETE. A POST or PATCH that may
 *   have reached the server is never repeated (one whose connection was refused is, since nothing was sent), so a
 *   retry can never open a duplicate incident or notify subscribers twice.
 * - When attempts or the time budget run out, the last answer or failure is what the action maps to its error.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import { parseRetryAfter } from "./internal/errorBody.js"
import { isIdempotent, neverSent } from "./internal/outcome.js"
import * as StatusPageConfig from "./StatusPageConfig.js"
import { ConfigurationError } from "./StatusPageError.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Attempts in all, the first included; default 4. */
  readonly attempts?: number | undefined
  /** The first backoff; default 1 second. It doubles with each retry. */
  readonly base?: Duration.DurationInput | undefined
  /** The longest backoff; default 30 seconds. */
  readonly cap?: Duration.DurationInput | undefined
  /** No retry is started later than this after the first attempt began; default 2 minutes. */
  readonly budget?: Duration.DurationInput | undefined
  /** The least wait after a 420 or 429 that came without `Retry-After`; default 5 seconds. */
  readonly rateLimitedDelay?: Duration.DurationInput | undefined
}

/**
 * @since 0.1.0
 * @category Constants
 */
export const defaults = {
  attempts: 4,
  base: Duration.seconds(1),
  cap: Duration.seconds(30),
  budget: Duration.minutes(2),
  rateLimitedDelay: Duration.seconds(5)
} as const

/**
 * The span attribute with the number of attempts an action made.
 *
 * @since 0.1.0
 * @category Constants
 */
export const attemptsAttribute = "statuspage.attempts"

/** Why another attempt may be made: the server's `Retry-After` (ms), if any, and whether it was a rate limit. */
interface Retryable {
  readonly retryAfterMillis: number | undefined
  readonly rateLimited: boolean
}

const fromResponse = (response: HttpClientResponse.HttpClientResponse, now: number): Retryable | undefined => {
  const status = response.status
  const rateLimited = status === 420 || status === 429
  if (!rateLimited && !(status >= 500 && isIdempotent(response.request.method))) return undefined
  return { retryAfterMillis: parseRetryAfter(response.headers["retry-after"], now), rateLimited }
}

const fromError = (request: HttpClientRequest.HttpClientRequest, error: HttpClientError.HttpClientError) => {
  if (error._tag === "RequestError" && error.reason !== "Transport") return false
  return isIdempotent(request.method) || (error._tag === "RequestError" && neverSent(error.cause))
}

/** Reads and discards a body we will not use, so that its connection is freed. */
const drain = (response: HttpClientResponse.HttpClientResponse) => Effect.ignore(response.arrayBuffer)

/**
 * Checks the options: `Either.left` with a `ConfigurationError` naming the first invalid one.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const validate = (options: Options = {}): Either.Either<Options, ConfigurationError> => {
  const attempts = options.attempts ?? defaults.attempts
  if (!Number.isInteger(attempts) || attempts < 1) {
    return Either.left(
      new ConfigurationError({
        reason: "Invalid",
        setting: "retry.attempts",
        message: "Retry: attempts must be a positive integer"
      })
    )
  }
  return Either.right(options)
}

/**
 * Wraps a client with retries (throws the `ConfigurationError` of `validate` when an option is invalid). Each attempt goes through everything the wrapped client does (pacing, per-attempt
 * timeout); the number of attempts is set on the current span as `statuspage.attempts`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrap =
  (options: Options = {}) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient => {
    const attempts = options.attempts ?? defaults.attempts
    const base = Duration.toMillis(options.base ?? defaults.base)
    const cap = Duration.toMillis(options.cap ?? defaults.cap)
    const budget = Duration.toMillis(options.budget ?? defaults.budget)
    const rateLimitedDelay = Duration.toMillis(options.rateLimitedDelay ?? defaults.rateLimitedDelay)
    Either.getOrThrowWith(validate(options), (error) => error)

    // Equal jitter: half the exponential delay is fixed, half random, so a backoff is never shorter than half of it.
    const backoff = (retry: number) =>
      Effect.map(Random.next, (r) => {
        const exponential = Math.min(cap, base * 2 ** (retry - 1))
        return Math.round(exponential / 2 + (r * exponential) / 2)
      })

    const waitFor = (retry: number, why: Retryable) =>
      why.retryAfterMillis !== undefined
        ? Effect.succeed(why.retryAfterMillis)
        : Effect.map(backoff(retry), (ms) => (why.rateLimited ? Math.max(ms, rateLimitedDelay) : ms))

    const logRetry = (request: HttpClientRequest.HttpClientRequest, wait: number, what: string) =>
      Effect.flatMap(Effect.serviceOption(StatusPageConfig.StatusPageConfig), (config) =>
        Option.isSome(config) && config.value.verbose
          ? Effect.logDebug(`${request.method} ${request.url}: ${what}; retrying in ${Math.round(wait)}ms`)
          : Effect.void
      )

    return HttpClient.transform(client, (effect, request) => {
      const attempt = (
        n: number,
        start: number
      ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
        // Waits and tries again, or gives up (with `giveUp`) when attempts or the time budget are spent.
        const again = (
          why: Retryable,
          what: string,
          giveUp: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
          beforeRetry: Effect.Effect<void>
        ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
          n >= attempts
            ? giveUp
            : Effect.flatMap(Effect.zip(waitFor(n, why), Clock.currentTimeMillis), ([wait, now]) =>
                now + wait - start > budget
                  ? giveUp
                  : Effect.zipRight(
                      Effect.zipRight(beforeRetry, logRetry(request, wait, what)),
                      Effect.zipRight(Effect.sleep(Duration.millis(wait)), attempt(n + 1, start))
                    )
              )
        return Effect.zipRight(
          Effect.annotateCurrentSpan(attemptsAttribute, n),
          Effect.matchEffect(effect, {
            onFailure: (error) =>
              fromError(request, error)
                ? again(
                    { retryAfterMillis: undefined, rateLimited: false },
                    error.message,
                    Effect.fail(error),
                    Effect.void
                  )
                : Effect.fail(error),
            onSuccess: (response) =>
              Effect.flatMap(Clock.currentTimeMillis, (now) => {
                const why = fromResponse(response, now)
                return why === undefined
                  ? Effect.succeed(response)
                  : again(why, `answered ${response.status}`, Effect.succeed(response), drain(response))
              })
          })
        )
      }
      return Effect.flatMap(Clock.currentTimeMillis, (start) => attempt(1, start))
    })
  }

/**
 * Retries as a layer: put it outside the rate limiter and the per-attempt timeout, so that every attempt is paced
 * and timed on its own. Invalid options fail the layer with a `ConfigurationError` naming the option.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options?: Options
): Layer.Layer<HttpClient.HttpClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.zipRight(validate(options), Effect.map(HttpClient.HttpClient, wrap(options)))
  )
