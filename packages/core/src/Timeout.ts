/**
 * Timeouts as layers around the `HttpClient`: a per-attempt timeout (inside retries and pacing) and an overall
 * deadline (outside them). A timeout fails the request with the platform's `RequestError` (reason `Transport`) whose
 * cause is a `TimeoutException`; actions report it as `RequestError` `Timeout`, or `OutcomeUnknown` for a POST or
 * PATCH, which may have reached the server.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { answered } from "./internal/answered.js"
import * as StatusPageConfig from "./StatusPageConfig.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Per attempt; default the config's `timeout` (30 seconds unless set). */
  readonly timeout?: Duration.DurationInput | undefined
}

const fallback = Duration.seconds(30)

const timedOut = (request: HttpClientRequest.HttpClientRequest, what: string, duration: Duration.Duration) =>
  new HttpClientError.RequestError({
    request,
    reason: "Transport",
    cause: new Cause.TimeoutException(`${what} did not complete within ${Duration.format(duration)}`),
    description: `${what} timed out`
  })

// Statuses whose responses cannot carry a body.
const noBody = new Set([204, 205, 304])

/** Reads the whole body so that the timeout covers it, and hands the caller a response backed by those bytes. */
const buffered = (
  request: HttpClientRequest.HttpClientRequest,
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.ResponseError> =>
  Effect.map(response.arrayBuffer, (bytes) =>
    HttpClientResponse.fromWeb(
      request,
      new Response(noBody.has(response.status) ? null : bytes, {
        status: response.status,
        headers: response.headers as Record<string, string>
      })
    )
  )

/**
 * Wraps a client so that each attempt, body included, must finish within the timeout; an attempt that does not is
 * interrupted (which aborts the underlying request).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrap =
  (options: Options = {}) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient => {
    const fixed = options.timeout === undefined ? undefined : Duration.decode(options.timeout)
    return HttpClient.transform(client, (effect, request) =>
      Effect.flatMap(
        fixed === undefined
          ? Effect.map(
              Effect.serviceOption(StatusPageConfig.StatusPageConfig),
              Option.match({ onNone: () => fallback, onSome: (config) => config.timeout })
            )
          : Effect.succeed(fixed),
        (duration) =>
          Effect.timeoutFail(
            Effect.flatMap(effect, (response) => Effect.zipRight(answered, buffered(request, response))),
            { duration, onTimeout: () => timedOut(request, "the attempt", duration) }
          )
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
 * Wraps a client so that a whole call (queueing, every attempt and backoff) must finish by `deadline`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const wrapDeadline =
  (deadline: Duration.DurationInput) =>
  (client: HttpClient.HttpClient): HttpClient.HttpClient => {
    const duration = Duration.decode(deadline)
    return HttpClient.transform(client, (effect, request) =>
      Effect.timeoutFail(effect, { duration, onTimeout: () => timedOut(request, "the request", duration) })
    )
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
