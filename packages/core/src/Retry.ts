/**
 * Safe retries as a layer around the `HttpClient`, built from `Schedule`s: exponential backoff with jitter and a cap
 * (or any `Schedule` you pass), bounded by attempts and a time budget, honouring `Retry-After`.
 *
 * - 420 and 429 are retried for every method: the server did not process the request.
 * - 5xx answers, transport failures and timeouts are retried only for GET, PUT and DELETE. A POST or PATCH that may
 *   have reached the server is never repeated (one whose connection was refused is, since nothing was sent), so a
 *   retry can never open a duplicate incident or notify subscribers twice.
 * - When attempts or the time budget run out, the last answer or failure is what the action maps to its error.
 *
 * @since 0.1.0
 */
// Over 300 lines on purpose: the schedules (`backoff`, `honourRetryAfter`, `withinBudget`), the options with their
// validation, and `wrap` that steps them are one public namespace whose pieces refer to one another (`Reason`, the
// defaults); about half of the file is their documentation.
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import { attemptOf, keepBounded, ResponseTooLarge } from "./internal/bounds.js"
import { parseRetryAfter } from "./internal/errorBody.js"
import { isIdempotent, neverSent } from "./internal/outcome.js"
import { verboseLog } from "./internal/verbose.js"
import * as StatusPageConfig from "./StatusPageConfig.js"
import { ConfigurationError } from "./StatusPageError.js"

/**
 * Why an attempt may be repeated: the input of the retry schedule.
 *
 * @since 0.2.0
 * @category Models
 */
export interface Reason {
  /** What the server asked for with `Retry-After`, in milliseconds, if it sent a valid one. */
  readonly retryAfterMillis: number | undefined
  /** A 420 or 429: the request was not processed. */
  readonly rateLimited: boolean
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Attempts in all, the first included; default 4. Bounds `schedule` too. */
  readonly attempts?: number | undefined
  /** The first backoff; default 1 second. It doubles with each retry. */
  readonly base?: Duration.DurationInput | undefined
  /** The longest backoff; default 30 seconds. */
  readonly cap?: Duration.DurationInput | undefined
  /** No retry is started later than this after the first failure; default 2 minutes. Bounds `schedule` too. */
  readonly budget?: Duration.DurationInput | undefined
  /** The least wait after a 420 or 429 that came without `Retry-After` (or with 0); default 5 seconds. */
  readonly rateLimitedDelay?: Duration.DurationInput | undefined
  /**
   * The backoff, replacing `base` and `cap`: any `Schedule` reading why the attempt failed. `Retry-After`, the
   * rate-limit floor, `attempts` and `budget` still apply on top of it.
   */
  readonly schedule?: Schedule.Schedule<unknown, Reason> | undefined
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

/**
 * Exponential backoff from `base`, doubling, capped at `cap`, with equal jitter: each delay is between half and all
 * of `min(cap, base·2ⁿ)`, so that clients that failed together do not retry together. Delays are whole milliseconds
 * (a fractional sleep leaves `TestClock` at an instant its nanosecond clock cannot represent).
 *
 * @since 0.2.0
 * @category Schedules
 */
export const backoff = (
  base: Duration.DurationInput,
  cap: Duration.DurationInput
): Schedule.Schedule<Duration.Duration> =>
  Schedule.exponential(base, 2).pipe(
    Schedule.modifyDelay((_, delay) => Duration.min(delay, cap)),
    Schedule.jitteredWith({ min: 0.5, max: 1 }),
    Schedule.modifyDelay((_, delay) => Duration.millis(Math.round(Duration.toMillis(delay))))
  )

/**
 * A schedule that reads its input: waits what the server asked with `Retry-After`, and after a 420 or 429 without
 * one (or with 0) at least `rateLimitedDelay`; otherwise the delay of `self`.
 *
 * @since 0.2.0
 * @category Schedules
 */
export const honourRetryAfter: {
  (
    rateLimitedDelay: Duration.DurationInput
  ): <Out, R>(self: Schedule.Schedule<Out, Reason, R>) => Schedule.Schedule<[Out, Reason], Reason, R>
  <Out, R>(
    self: Schedule.Schedule<Out, Reason, R>,
    rateLimitedDelay: Duration.DurationInput
  ): Schedule.Schedule<[Out, Reason], Reason, R>
} = dual(
  2,
  <Out, R>(
    self: Schedule.Schedule<Out, Reason, R>,
    rateLimitedDelay: Duration.DurationInput
  ): Schedule.Schedule<[Out, Reason], Reason, R> =>
    Schedule.intersect(self, Schedule.identity<Reason>()).pipe(
      Schedule.modifyDelay(([, why], delay): Duration.DurationInput => {
        const asked = why.retryAfterMillis
        if (why.rateLimited && (asked === undefined || asked === 0)) return Duration.max(delay, rateLimitedDelay)
        return asked === undefined ? delay : Duration.millis(asked)
      })
    )
)

/**
 * Stops `self` when its next delay would end more than `budget` after its first step.
 *
 * @since 0.2.0
 * @category Schedules
 */
export const withinBudget: {
  (
    budget: Duration.DurationInput
  ): <Out, In, R>(
    self: Schedule.Schedule<Out, In, R>
  ) => Schedule.Schedule<[Duration.Duration, Duration.Duration], In, R>
  <Out, In, R>(
    self: Schedule.Schedule<Out, In, R>,
    budget: Duration.DurationInput
  ): Schedule.Schedule<[Duration.Duration, Duration.Duration], In, R>
} = dual(2, <Out, In, R>(self: Schedule.Schedule<Out, In, R>, budget: Duration.DurationInput) =>
  Schedule.intersect(Schedule.delays(self), Schedule.elapsed).pipe(
    Schedule.whileOutput(([delay, elapsed]) => Duration.lessThanOrEqualTo(Duration.sum(elapsed, delay), budget))
  )
)

/** The longest wait a timer can take (2³¹−1 ms); a longer one would fire at once. */
const MAX_MILLIS = 2 ** 31 - 1

const invalid = (option: string, message: string) =>
  Either.left(new ConfigurationError({ reason: "Invalid", setting: `retry.${option}`, message: `Retry: ${message}` }))

/** `Duration.decode` turns a negative or NaN input into zero: look at what was given. */
const isNegative = (given: Duration.DurationInput): boolean =>
  typeof given === "number"
    ? !(given >= 0)
    : typeof given === "bigint"
      ? given < 0n
      : typeof given === "string"
        ? given.trim().startsWith("-")
        : Array.isArray(given) && given.some((part) => !(part >= 0))

/**
 * Checks the options: `Either.left` with a `ConfigurationError` naming the first invalid one.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const validate = (options: Options = {}): Either.Either<Options, ConfigurationError> => {
  const attempts = options.attempts ?? defaults.attempts
  if (!Number.isInteger(attempts) || attempts < 1) return invalid("attempts", "attempts must be a positive integer")
  for (const name of ["base", "cap", "budget", "rateLimitedDelay"] as const) {
    const given = options[name]
    if (given === undefined) continue
    const duration = Duration.decodeUnknown(given)
    if (Option.isNone(duration)) return invalid(name, `${name} is not a duration`)
    const millis = Duration.toMillis(duration.value)
    if (isNegative(given) || !(millis >= 0) || millis > MAX_MILLIS) {
      return invalid(name, `${name} must be between 0 and 2147483647 ms (about 24.8 days)`)
    }
  }
  return Either.right(options)
}

/** The options in range: what `wrap` uses, so that it never throws (`layer` refuses them instead). */
const clamp = (input: Duration.DurationInput | undefined, fallback: Duration.Duration): Duration.Duration => {
  const decoded = input === undefined ? Option.some(fallback) : Duration.decodeUnknown(input)
  const millis = Option.isSome(decoded) ? Duration.toMillis(decoded.value) : Duration.toMillis(fallback)
  return Duration.millis(Number.isNaN(millis) ? 0 : Math.min(Math.max(millis, 0), MAX_MILLIS))
}

/**
 * The whole retry schedule of `options`: the backoff (or `schedule`), `Retry-After` and the rate-limit floor,
 * `attempts`, then the `budget`.
 *
 * @since 0.2.0
 * @category Schedules
 */
export const schedule = (options: Options = {}): Schedule.Schedule<unknown, Reason> => {
  const attempts = Math.max(1, Math.floor(options.attempts ?? defaults.attempts) || 1)
  const policy = options.schedule ?? backoff(clamp(options.base, defaults.base), clamp(options.cap, defaults.cap))
  return policy.pipe(
    honourRetryAfter(clamp(options.rateLimitedDelay, defaults.rateLimitedDelay)),
    Schedule.intersect(Schedule.recurs(attempts - 1)),
    withinBudget(clamp(options.budget, defaults.budget))
  )
}

const fromResponse = (response: HttpClientResponse.HttpClientResponse, now: number): Reason | undefined => {
  const status = response.status
  const rateLimited = status === 420 || status === 429
  if (!rateLimited && !(status >= 500 && isIdempotent(response.request.method))) return undefined
  return { retryAfterMillis: parseRetryAfter(response.headers["retry-after"], now), rateLimited }
}

const transportFailure: Reason = { retryAfterMillis: undefined, rateLimited: false }

const fromError = (request: HttpClientRequest.HttpClientRequest, error: HttpClientError.HttpClientError) => {
  if (error._tag === "RequestError" && error.reason !== "Transport") return false
  // the same request would get the same body
  if (error._tag === "ResponseError" && error.cause instanceof ResponseTooLarge) return false
  return isIdempotent(request.method) || (error._tag === "RequestError" && neverSent(error.cause))
}

/** Reads and discards a body we will not use, so that its connection is freed. */
const drain = (response: HttpClientResponse.HttpClientResponse) => Effect.ignore(response.arrayBuffer)

/** What a retry log line names: the action's URL template (from its span), never a filled URL. */
const requestName = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.map(Effect.option(Effect.currentSpan), (span) => {
    const template = Option.isSome(span) ? span.value.attributes.get("url.template") : undefined
    return `${request.method} ${typeof template === "string" ? template : "(a request outside any action)"}`
  })

const logRetry = (request: HttpClientRequest.HttpClientRequest, wait: number, what: string) =>
  Effect.flatMap(Effect.serviceOption(StatusPageConfig.StatusPageConfig), (config) =>
    Option.isSome(config) && config.value.verbose
      ? Effect.flatMap(requestName(request), (name) =>
          verboseLog(`${name}: ${what}; retrying in ${Math.round(wait)}ms`)
        )
      : Effect.void
  )

const wrapWith = (client: HttpClient.HttpClient, options: Options): HttpClient.HttpClient => {
  const retries = schedule(options)
  const wrapped = HttpClient.transform(client, (call, request) =>
    Effect.suspend(() => {
      // each attempt bounded on its own, never the backoff between them
      const effect = attemptOf(client, call, request)
      // The schedule's state for this call: one fiber steps it, one attempt at a time.
      let state = retries.initial
      type Result = Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>
      // Steps the schedule: waits and tries again, or gives up (with `giveUp`) when it is done.
      const again = (n: number, why: Reason, what: string, giveUp: Result, beforeRetry: Effect.Effect<void>): Result =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Effect.flatMap(retries.step(now, why, state), ([next, , decision]) => {
            if (ScheduleDecision.isDone(decision)) return giveUp
            state = next
            const wait = Math.max(0, Intervals.start(decision.intervals) - now)
            return beforeRetry.pipe(
              Effect.zipRight(logRetry(request, wait, what)),
              Effect.zipRight(Effect.sleep(Duration.millis(wait))),
              Effect.zipRight(attempt(n + 1))
            )
          })
        )
      const attempt = (n: number): Result =>
        Effect.zipRight(
          Effect.annotateCurrentSpan(attemptsAttribute, n),
          Effect.matchEffect(effect, {
            onFailure: (error) =>
              fromError(request, error)
                ? again(n, transportFailure, error.message, Effect.fail(error), Effect.void)
                : Effect.fail(error),
            onSuccess: (response) =>
              Effect.flatMap(Clock.currentTimeMillis, (now) => {
                const why = fromResponse(response, now)
                return why === undefined
                  ? Effect.succeed(response)
                  : again(n, why, `answered ${response.status}`, Effect.succeed(response), drain(response))
              })
          })
        )
      return attempt(1)
    })
  )
  return keepBounded(client, wrapped)
}

/**
 * Wraps a client with retries: `Retry.wrap(client, options)` or `client.pipe(Retry.wrap(options))`. Each attempt
 * goes through everything the wrapped client does (pacing, per-attempt timeout); the number of attempts is set on the
 * current span as `statuspage.attempts`. Never throws: out-of-range durations are clamped (use `layer` or `validate`
 * to have them refused).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrap: {
  (options?: Options): (client: HttpClient.HttpClient) => HttpClient.HttpClient
  (client: HttpClient.HttpClient, options?: Options): HttpClient.HttpClient
} = dual(
  (args) => Predicate.hasProperty(args[0], HttpClient.TypeId),
  (client: HttpClient.HttpClient, options: Options = {}) => wrapWith(client, options)
)

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
    Effect.zipRight(
      validate(options),
      Effect.map(HttpClient.HttpClient, (client) => wrapWith(client, options ?? {}))
    )
  )
