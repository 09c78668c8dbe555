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
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { answered, currentQueueing, type Queueing } from "./internal/answered.js"
import { QUEUED_CODE } from "./internal/outcome.js"
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

const timedOut = (
  request: HttpClientRequest.HttpClientRequest,
  what: string,
  duration: Duration.Duration,
  queued = false
) => {
  const cause = new Cause.TimeoutException(`${what} did not complete within ${Duration.format(duration)}`)
  // Still in the rate limiter's line: nothing was sent, which `neverSent` recognises by the code.
  if (queued) Object.assign(cause, { cause: { code: QUEUED_CODE } })
  return new HttpClientError.RequestError({ request, reason: "Transport", cause, description: `${what} timed out` })
}

const decoder = new TextDecoder()

/**
 * A response whose body has been read into memory (so that the timeout covers it): the status, headers and request
 * come from the original, every body accessor from the bytes, and the text is decoded at most once.
 */
class Buffered implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private decoded: string | undefined
  constructor(
    readonly original: HttpClientResponse.HttpClientResponse,
    readonly bytes: ArrayBuffer
  ) {}
  get request() {
    return this.original.request
  }
  get status() {
    return this.original.status
  }
  get headers() {
    return this.original.headers
  }
  get cookies() {
    return this.original.cookies
  }
  get remoteAddress() {
    return this.original.remoteAddress
  }
  private decode(): string {
    if (this.decoded === undefined) this.decoded = decoder.decode(this.bytes)
    return this.decoded
  }
  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.sync(() => this.decode())
  }
  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.try({
      try: () => {
        const text = this.decode()
        return text === "" ? null : (JSON.parse(text) as unknown)
      },
      catch: (cause) => this.decodeError(cause)
    })
  }
  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.sync(() => UrlParams.fromInput(new URLSearchParams(this.decode())))
  }
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.succeed(this.bytes)
  }
  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    const headers = this.headers as Record<string, string>
    return Effect.tryPromise({
      try: () => new Response(this.bytes, { headers }).formData(),
      catch: (cause) => this.decodeError(cause)
    })
  }
  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return this.bytes.byteLength === 0 ? Stream.empty : Stream.succeed(new Uint8Array(this.bytes))
  }
  private decodeError(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }
  toJSON() {
    return this.original.toJSON()
  }
  toString() {
    return this.original.toString()
  }
  [Inspectable.NodeInspectSymbol]() {
    return this.original.toJSON()
  }
}

/** Reads the whole body so that the timeout covers it, and hands the caller a response backed by those bytes. */
const buffered = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.ResponseError> =>
  Effect.map(response.arrayBuffer, (bytes) => new Buffered(response, bytes))

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
            Effect.flatMap(effect, (response) => Effect.zipRight(answered, buffered(response))),
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
    return HttpClient.transform(client, (effect, request) =>
      Effect.suspend(() => {
        const queueing: Queueing = { waiting: false }
        return Effect.timeoutFail(Effect.locally(effect, currentQueueing, queueing), {
          duration,
          onTimeout: () => timedOut(request, "the request", duration, queueing.waiting)
        })
      })
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
