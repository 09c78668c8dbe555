/**
 * Bounds on one attempt: it must finish, body included, within a duration, and its body may not exceed a size. The
 * `Timeout` layer applies them to each attempt. Without it, an action's `timeout` and `maxResponseSize` still hold
 * whatever client the user provides, and still per attempt on the wire: our policies (retry, rate limiter, deadline)
 * over a client that bounds nothing bound each attempt they pass on by the action's limits, so that waiting for budget
 * or for a retry never counts; the action bounds the call itself only over a client it knows nothing of (a bare
 * `FetchHttpClient` or `UndiciHttpClient`, or a user's own wrapper), where a call is one attempt.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Stream from "effect/Stream"
import { Buffered } from "./buffered.js"
import { answered, currentActionLimits, type Limits } from "./policyContract.js"

/** The default `maxResponseSize`: far above any real Statuspage answer (the largest lists are a few MB). */
export const DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024

/** The largest `maxResponseSize` accepted: a body above 512 MiB cannot become one string. */
export const MAX_RESPONSE_SIZE_LIMIT = 256 * 1024 * 1024

/** The cause of a `ResponseError` whose body went past the limit while it was read. */
export class ResponseTooLarge extends Data.TaggedError("ResponseTooLarge")<{ readonly limit: number }> {
  override get message() {
    return `the response body is larger than maxResponseSize (${formatBytes(this.limit)})`
  }
}

export const formatBytes = (bytes: number): string =>
  bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : bytes % 1024 === 0
      ? `${bytes / 1024} KiB`
      : `${bytes} bytes`

// Clients whose every attempt is already bounded (built by `Timeout.wrap`, or a wrapper of one that says so).
const boundedClients = new WeakSet<HttpClient.HttpClient>()

// Our policies over a client that bounds nothing: they bound each attempt they pass on by the calling action's limits
// (`currentActionLimits`), so that the limits count time on the wire only, never time waiting for budget or backoff.
const boundingForActions = new WeakSet<HttpClient.HttpClient>()

/** Marks `client` as bounding each of its attempts; returns it. */
export const markBounded = (client: HttpClient.HttpClient): HttpClient.HttpClient => {
  boundedClients.add(client)
  return client
}

/** True when each attempt of `client` is bounded in time and size, so the action need not bound the call. */
export const isBounded = (client: HttpClient.HttpClient): boolean => boundedClients.has(client)

/** True when `client` is a policy that bounds each attempt by the limits an action sets in `currentActionLimits`. */
export const boundsForActions = (client: HttpClient.HttpClient): boolean => boundingForActions.has(client)

/**
 * `outer`, a policy wrapping `inner` whose attempts go through `attemptOf`: marked bounded when `inner` is, else as
 * bounding its attempts for actions.
 */
export const keepBounded = (inner: HttpClient.HttpClient, outer: HttpClient.HttpClient): HttpClient.HttpClient => {
  if (isBounded(inner)) return markBounded(outer)
  boundingForActions.add(outer)
  return outer
}

/**
 * One attempt (`effect`) of a policy's `inner` client: as it is when `inner` bounds its attempts or passes them to a
 * policy that does; else bounded by the calling action's limits, if an action set them.
 */
export const attemptOf = (
  inner: HttpClient.HttpClient,
  effect: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  isBounded(inner) || boundsForActions(inner)
    ? effect
    : Effect.flatMap(FiberRef.get(currentActionLimits), (limits) =>
        limits === undefined ? effect : bound(effect, request, { ...limits, what: "the attempt", onHeaders: answered })
      )

/** The failure of a request that took longer than `duration`: a transport failure caused by a `TimeoutException`. */
export const timeoutError = (
  request: HttpClientRequest.HttpClientRequest,
  what: string,
  duration: Duration.Duration,
  cause: unknown = new Cause.TimeoutException(`${what} did not complete within ${Duration.format(duration)}`)
) => new HttpClientError.RequestError({ request, reason: "Transport", cause, description: `${what} timed out` })

/**
 * Reads the whole body, failing at once when `Content-Length` is above `limit`, or, without one, as soon as the bytes
 * read pass it; hands the caller a response backed by those bytes.
 */
export const buffered = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.ResponseError> =>
  Effect.suspend(() => {
    const tooLarge = () =>
      new HttpClientError.ResponseError({
        request: response.request,
        response,
        reason: "Decode",
        cause: new ResponseTooLarge({ limit })
      })
    const length = response.headers["content-length"]
    const declared = length === undefined ? Number.NaN : Number(length)
    if (declared > limit) return Effect.fail(tooLarge())
    // A declared length within the limit bounds the read already (HTTP/1.1 parsers stop the body there): one read,
    // no chunk counting.
    if (declared >= 0) return Effect.map(response.arrayBuffer, (bytes) => new Buffered(response, new Uint8Array(bytes)))
    const chunks: Array<Uint8Array> = []
    let size = 0
    return Stream.runForEach(response.stream, (chunk) => {
      size += chunk.byteLength
      if (size > limit) return Effect.fail(tooLarge())
      chunks.push(chunk)
      return Effect.void
    }).pipe(
      Effect.map(() => new Buffered(response, concat(chunks, size))),
      // a response with no body at all (a 204, a web `Response` with a null body) has no stream: read it whole
      Effect.catchAll((error) =>
        size > 0 || error.cause instanceof ResponseTooLarge
          ? Effect.fail(error)
          : Effect.flatMap(response.arrayBuffer, (bytes) =>
              bytes.byteLength > limit
                ? Effect.fail(tooLarge())
                : Effect.succeed(new Buffered(response, new Uint8Array(bytes)))
            )
      )
    )
  })

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  if (chunks.length === 0) return new Uint8Array(0)
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/** What `bound` enforces on one attempt (or, from an action over a client it knows nothing of, on one call). */
export interface Bounds extends Limits {
  /** What timed out, for the message: "the attempt", "the request". */
  readonly what: string
  /** Runs when the response headers arrive, before the body is read. */
  readonly onHeaders?: Effect.Effect<void> | undefined
}

/** Bounds one exchange: it must be answered and its body read within `duration`, and the body may not pass `limit`. */
export const bound = (
  effect: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
  request: HttpClientRequest.HttpClientRequest,
  bounds: Bounds
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  Effect.timeoutFail(
    Effect.flatMap(effect, (response) =>
      bounds.onHeaders === undefined
        ? buffered(response, bounds.limit)
        : Effect.zipRight(bounds.onHeaders, buffered(response, bounds.limit))
    ),
    { duration: bounds.duration, onTimeout: () => timeoutError(request, bounds.what, bounds.duration) }
  )
