/**
 * Timeouts as layers around the `HttpClient`: a per-attempt timeout (inside retries and pacing) and an overall
 * deadline (outside them). A timeout fails the request with the platform's `RequestError` (reason `Transport`) whose
 * cause is a `TimeoutException`; actions report it as `RequestError` `Timeout`, or `OutcomeUnknown` for a POST or
 * PATCH, which may have reached the server. The per-attempt layer also bounds the size of each response body
 * (`maxResponseSize`), read into memory within the timeout.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import {
  attemptOf,
  bound,
  DEFAULT_MAX_RESPONSE_SIZE,
  keepBounded,
  markBounded,
  timeoutError
} from "./internal/bounds.js"
import { answered, currentQueueObserver, NotSent, type QueueObserver } from "./internal/policyContract.js"
import * as StatusPageConfig from "./StatusPageConfig.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Per attempt; default the config's `timeout` (30 seconds unless set). */
  readonly timeout?: Duration.DurationInput | undefined
  /** The largest response body, in bytes; default the config's `maxResponseSize` (64 MiB unless set). */
  readonly maxResponseSize?: number | undefined
}

const fallback = Duration.seconds(30)

const deadlineExpired = (
  request: HttpClientRequest.HttpClientRequest,
  duration: Duration.Duration,
  queued: boolean
) => {
  const timeout = new Cause.TimeoutException(`the request did not complete within ${Duration.format(duration)}`)
  // Still in the rate limiter's line: nothing was sent, which `neverSent` recognises by the tag.
  const cause = queued ? new NotSent({ message: "it was waiting in the rate limiter's line", cause: timeout }) : timeout
  return timeoutError(request, "the request", duration, cause)
}

/**
 * Wraps a client so that each attempt, body included, must finish within the timeout, and no body may pass
 * `maxResponseSize`; an attempt that does not is interrupted (which aborts the underlying request).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrap =
  (options: Options = {}) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient => {
    const fixed = options.timeout === undefined ? undefined : Duration.decode(options.timeout)
    return markBounded(
      HttpClient.transform(client, (effect, request) =>
        Effect.flatMap(Effect.serviceOption(StatusPageConfig.StatusPageConfig), (config) => {
          const duration = fixed ?? Option.match(config, { onNone: () => fallback, onSome: (c) => c.timeout })
          const limit =
            options.maxResponseSize ??
            Option.match(config, {
              onNone: () => DEFAULT_MAX_RESPONSE_SIZE,
              onSome: (c) => c.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE
            })
          return bound(effect, request, { duration, limit, what: "the attempt", onHeaders: answered })
        })
      )
    )
  }

/**
 * The per-attempt timeout as a layer: put it innermost, so that it neither counts the rate limiter's wait nor the
 * backoff between retries.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options?: Options): Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient> =>
  Layer.effect(HttpClient.HttpClient, Effect.map(HttpClient.HttpClient, wrap(options)))

/**
 * Wraps a client so that a whole call (queueing, every attempt and backoff) must finish by `deadline`. A call that
 * runs out of it while waiting in the rate limiter's line was not sent: actions report it as `Timeout`, even a POST.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrapDeadline =
  (deadline: Duration.DurationInput) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient => {
    const duration = Duration.decode(deadline)
    const wrapped = HttpClient.transform(client, (call, request) =>
      Effect.suspend(() => {
        const effect = attemptOf(client, call, request)
        let waiting = false
        const observer: QueueObserver = {
          queued: (wait) =>
            Effect.zipRight(
              Effect.sync(() => {
                waiting = true
              }),
              // Not reset on interruption: the deadline that interrupts the wait asks after it did.
              Effect.onExit(wait, (exit) =>
                Exit.isInterrupted(exit)
                  ? Effect.void
                  : Effect.sync(() => {
                      waiting = false
                    })
              )
            )
        }
        return Effect.timeoutFail(Effect.locally(effect, currentQueueObserver, observer), {
          duration,
          onTimeout: () => deadlineExpired(request, duration, waiting)
        })
      })
    )
    return keepBounded(client, wrapped)
  }

/**
 * The overall deadline as a layer: put it outermost. Off by default, because pacing may queue a request for as long
 * as the backlog needs.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerDeadline = (
  deadline: Duration.DurationInput
): Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient> =>
  Layer.effect(HttpClient.HttpClient, Effect.map(HttpClient.HttpClient, wrapDeadline(deadline)))
