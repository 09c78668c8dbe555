/**
 * Sending a built request through the `HttpClient` in context (with whatever policies wrap it), inside the action's
 * client span, with the `verbose` debug lines.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as StatusPageConfig from "../StatusPageConfig.js"
import type { HttpError, StatusPageError } from "../StatusPageError.js"
import { bound, boundsForActions, DEFAULT_MAX_RESPONSE_SIZE, isBounded } from "./bounds.js"
import { errorFromHttpClient, errorFromResponse, type RequestInfo } from "./errorMapping.js"
import { currentActionLimits, type Limits } from "./policyContract.js"
import { type Scrub, scrubber } from "./scrub.js"
import { verboseLog } from "./verbose.js"

/**
 * Sends a request and hands a 2xx response to `onSuccess`; any other status and any transport failure become their
 * tagged error, with `secrets` (the API key, credentials in the input) scrubbed from whatever the server said. When
 * the client does not bound its attempts (no `Timeout` layer), `limits` bound each attempt (see `bounds.ts`).
 */
export const send = <A, E>(
  info: RequestInfo,
  secrets: ReadonlyArray<string>,
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  limits: Limits,
  onSuccess: (response: HttpClientResponse.HttpClientResponse, scrub: Scrub) => Effect.Effect<A, E>
): Effect.Effect<A, E | HttpError> =>
  Effect.flatMap(
    Effect.catchAll(
      isBounded(client)
        ? client.execute(request)
        : boundsForActions(client)
          ? Effect.locally(client.execute(request), currentActionLimits, limits)
          : bound(client.execute(request), request, { ...limits, what: "the request" }),
      (error) => Effect.flatMap(attemptsSoFar, (attempts) => Effect.fail(errorFromHttpClient(info, error, attempts)))
    ),
    (response): Effect.Effect<A, E | HttpError> => {
      const status = response.status
      const annotate = Effect.annotateCurrentSpan("http.response.status_code", status)
      const scrub = scrubber(secrets)
      if (status < 200 || status >= 300) {
        return Effect.zipRight(annotate, Effect.flatMap(errorFromResponse(info, scrub, response), Effect.fail))
      }
      return Effect.zipRight(annotate, onSuccess(response, scrub))
    }
  )

/** The attempts the retry layer counted on the action's span, if it did. */
const attemptsSoFar: Effect.Effect<number | undefined> = Effect.map(Effect.option(Effect.currentSpan), (span) => {
  const value = span._tag === "Some" ? span.value.attributes.get("statuspage.attempts") : undefined
  return typeof value === "number" ? value : undefined
})

/** The `verbose` lines: method, URL template, outcome and duration (never a key or a filled URL). */
const logged = <A, E extends StatusPageError, R>(info: RequestInfo, effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Clock.currentTimeMillis, (start) =>
    Effect.tapBoth(effect, {
      onSuccess: () =>
        Effect.flatMap(Clock.currentTimeMillis, (end) =>
          verboseLog(`${info.method} ${info.urlTemplate} ok in ${end - start}ms`)
        ),
      onFailure: (error) =>
        Effect.flatMap(Clock.currentTimeMillis, (end) =>
          verboseLog(
            `${info.method} ${info.urlTemplate} failed in ${end - start}ms: ${error._tag}${"httpStatus" in error && error.httpStatus !== undefined ? ` ${error.httpStatus}` : ""}`
          )
        )
    })
  )

/** One request in its client span (`url.template`, never the filled URL), logged when `verbose`. */
export const traced = <A, E extends StatusPageError, R>(
  spanName: string,
  info: RequestInfo,
  verbose: boolean,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.withSpan(verbose ? logged(info, effect) : effect, spanName, {
    kind: "client",
    captureStackTrace: false,
    attributes: { "http.request.method": info.method, "url.template": info.urlTemplate }
  })

/** The bounds of a Manage API call, from its config. */
export const limitsOf = (config: StatusPageConfig.Service): Limits => ({
  duration: config.timeout,
  limit: config.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE
})

/** A Manage API request: `run` gets the config and the client in context, inside `traced`. */
export const instrument = <A>(
  spanName: string,
  info: RequestInfo,
  run: (config: StatusPageConfig.Service, client: HttpClient.HttpClient) => Effect.Effect<A, StatusPageError>
): Effect.Effect<A, StatusPageError, StatusPageConfig.StatusPageConfig | HttpClient.HttpClient> =>
  Effect.contextWithEffect((context: Context.Context<StatusPageConfig.StatusPageConfig | HttpClient.HttpClient>) => {
    const config = Context.get(context, StatusPageConfig.StatusPageConfig)
    return traced(spanName, info, config.verbose, run(config, Context.get(context, HttpClient.HttpClient)))
  })
