/**
 * The request path of every action: fill the path, encode the input, send through the `HttpClient` in context (with
 * whatever policies wrap it), then decode the body or map the failure to one of the five tagged errors.
 * Everything that does not depend on the call is computed once per endpoint, when it is declared.
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { CallOptions, Endpoint, Method } from "../Endpoint.js"
import * as StatusPageConfig from "../StatusPageConfig.js"
import {
  ConfigurationError,
  type HttpError,
  RateLimitError,
  RequestError,
  ResourceError,
  ServerError,
  type StatusPageError
} from "../StatusPageError.js"
import { excerpt, logrefFromBody, parseErrorBody, parseRetryAfter } from "./errorBody.js"
import { decoder } from "./fastDecode.js"
import { type CompiledPath, fill, idProblem } from "./path.js"
import { requestHeaders } from "./requestHeaders.js"

/** What identifies the request in every error: never a filled URL. */
export interface RequestInfo {
  readonly method: Method
  readonly urlTemplate: string
}

/** The attributes an error gets from the exchange it came from. */
const base = (info: RequestInfo, message: string) => ({
  method: info.method,
  urlTemplate: info.urlTemplate,
  message,
  errors: [] as ReadonlyArray<never>
})

/** POST and PATCH may have taken effect when they fail; they are never repeated, and their failures say so. */
export const isIdempotent = (method: string): boolean => method === "GET" || method === "PUT" || method === "DELETE"

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "")

/** The first issue of a parse error; its message is cut short, since Schema repeats the rejected value in it. */
const firstIssue = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  return issue === undefined
    ? { path: "", message: excerpt(error.message) }
    : { path: formatPath(issue.path), message: excerpt(issue.message) }
}

export const invalidInput = (info: RequestInfo, field: string, problem: string): RequestError =>
  new RequestError({
    ...base(info, `${info.method} ${info.urlTemplate}: invalid input: ${field === "" ? "" : `${field}: `}${problem}`),
    reason: "InvalidInput",
    errors: [field === "" ? { message: problem } : { message: problem, field }]
  })

/**
 * Removes the API key, and any credential the request carried, from text that came from outside (a server may echo
 * what it received).
 */
export const scrubber =
  (secrets: ReadonlyArray<string>): Scrub =>
  (text: string): string => {
    // built for every response but used only on the error path: no work until it is called
    let out = text
    for (const secret of secrets) {
      if (secret !== "" && out.includes(secret)) out = out.split(secret).join("<redacted>")
    }
    return out
  }

const statusReason = {
  400: ["RequestError", "BadRequest"],
  401: ["RequestError", "Unauthorized"],
  403: ["RequestError", "Forbidden"],
  405: ["RequestError", "MethodNotAllowed"],
  404: ["ResourceError", "NotFound"],
  409: ["ResourceError", "Conflict"],
  422: ["ResourceError", "Unprocessable"]
} as const

/** Maps a non-2xx response to its tagged error. Reads the body; never fails with anything else. */
export const errorFromResponse = (
  info: RequestInfo,
  scrub: Scrub,
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<HttpError> =>
  Effect.flatMap(
    Effect.orElseSucceed(response.text, () => ""),
    (rawText) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const text = scrub(rawText)
        const status = response.status
        const errors = parseErrorBody(text)
        const logref = response.headers["x-request-id"] ?? logrefFromBody(text)
        const said = errors.length > 0 ? `: ${errors.map((e) => e.message).join("; ")}` : ""
        const fields = {
          method: info.method,
          urlTemplate: info.urlTemplate,
          httpStatus: status,
          errors,
          message: scrub(`${info.method} ${info.urlTemplate} answered ${status}${said}`),
          ...(logref === undefined ? {} : { logref: scrub(logref) })
        }
        if (status === 420 || status === 429) {
          const retryAfterMillis = parseRetryAfter(response.headers["retry-after"], now)
          return new RateLimitError({
            ...fields,
            reason: "RateLimited",
            ...(retryAfterMillis === undefined ? {} : { retryAfterMillis })
          })
        }
        if (status >= 500) {
          return new ServerError({ ...fields, reason: "Status", ...(text === "" ? {} : { excerpt: excerpt(text) }) })
        }
        const known = statusReason[status as keyof typeof statusReason]
        if (known === undefined) return new RequestError({ ...fields, reason: "UnexpectedStatus" })
        return known[0] === "RequestError"
          ? new RequestError({ ...fields, reason: known[1] })
          : new ResourceError({ ...fields, reason: known[1] })
      })
  )

/** The code of a cause that says a request was never sent: it was still waiting in the rate limiter's line. */
export const QUEUED_CODE = "ERR_STATUSPAGE_QUEUED"

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", QUEUED_CODE])

/** True when the cause chain shows the connection was never made, so the server cannot have seen the request. */
export const neverSent = (cause: unknown): boolean => {
  for (let c: any = cause, depth = 0; c != null && depth < 8; c = c.cause, depth++) {
    if (typeof c.code === "string" && NOT_SENT_CODES.has(c.code)) return true
  }
  return false
}

/** Maps a failure of the `HttpClient` (transport, timeout, body read) to a `RequestError`. */
export const errorFromHttpClient = (info: RequestInfo, error: HttpClientError.HttpClientError): RequestError => {
  if (error._tag === "RequestError" && (error.reason === "Encode" || error.reason === "InvalidUrl")) {
    return new RequestError({
      ...base(info, `${info.method} ${info.urlTemplate}: ${error.reason}`),
      reason: "InvalidInput"
    })
  }
  const timedOut = Cause.isTimeoutException(error.cause)
  const status = error._tag === "ResponseError" ? { httpStatus: error.response.status } : {}
  const what = timedOut ? "timed out" : "failed in transport"
  if (!isIdempotent(info.method) && !(error._tag === "RequestError" && neverSent(error.cause))) {
    return new RequestError({
      ...base(info, `${info.method} ${info.urlTemplate} ${what} after it was sent: its outcome is unknown`),
      ...status,
      reason: "OutcomeUnknown"
    })
  }
  return new RequestError({
    ...base(info, `${info.method} ${info.urlTemplate} ${what}`),
    ...status,
    reason: timedOut ? "Timeout" : "Transport"
  })
}

/** A function that keeps secrets out of text that came from outside. */
export type Scrub = (text: string) => string

const decodeFailure = (
  info: RequestInfo,
  status: number,
  text: string,
  scrub: Scrub,
  problem: string,
  path?: string
): ServerError =>
  new ServerError({
    ...base(info, `${info.method} ${info.urlTemplate} answered ${status} with a body that ${problem}`),
    httpStatus: status,
    reason: "Decode",
    ...(path === undefined ? {} : { path }),
    excerpt: scrub(excerpt(text))
  })

/** Parses a 2xx body as JSON; a body that is not JSON is a `ServerError`. */
export const parseJson = (
  info: RequestInfo,
  status: number,
  text: string,
  scrub: Scrub
): Either.Either<unknown, ServerError> => {
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(decodeFailure(info, status, text, scrub, "is not JSON"))
  }
}

/** Parses and decodes a 2xx body; a mismatch is a `ServerError` naming the field that drifted. */
export const decodeJson = <A>(
  info: RequestInfo,
  status: number,
  text: string,
  scrub: Scrub,
  decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>
): Either.Either<A, ServerError> =>
  Either.flatMap(parseJson(info, status, text, scrub), (json) =>
    Either.mapLeft(decode(json), (error) => {
      const issue = firstIssue(error)
      return decodeFailure(
        info,
        status,
        text,
        scrub,
        `does not match the schema at ${issue.path || "the top level"}: ${issue.message}`,
        issue.path
      )
    })
  )

/** Reads a response body; a failure while reading is a transport failure. */
export const readText = (
  info: RequestInfo,
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<string, RequestError> => Effect.mapError(response.text, (error) => errorFromHttpClient(info, error))

/** Where a request goes and what it may not leak. */
export interface Target {
  readonly info: RequestInfo
  /** The API key (if any) and every other credential the request carries. */
  readonly secrets: ReadonlyArray<string>
}

/**
 * Fills a path template: `page_id` from the call or the config, `organization_id` from the config, every other
 * placeholder from `idOf`. Each value is checked and percent-encoded; a bad one is an `InvalidInput`.
 */
export const fillPath = (
  compiledPath: CompiledPath,
  info: RequestInfo,
  action: string,
  config: StatusPageConfig.Service,
  pageId: string | undefined,
  idOf: (param: string) => unknown
): Either.Either<string, RequestError | ConfigurationError> => {
  const values: Array<string> = []
  for (const param of compiledPath.params) {
    let value: unknown
    if (param === "page_id") {
      value = pageId ?? config.pageId
    } else if (param === "organization_id") {
      if (config.organizationId._tag === "None") {
        return Either.left(
          new ConfigurationError({
            reason: "Missing",
            setting: "organizationId (STATUSPAGE_ORGANIZATION_ID)",
            message: `${action} is an organization action: set organizationId (STATUSPAGE_ORGANIZATION_ID)`
          })
        )
      }
      value = config.organizationId.value
    } else {
      value = idOf(param)
    }
    const problem = idProblem(value)
    if (problem !== undefined) return Either.left(invalidInput(info, param, problem))
    values.push(value as string)
  }
  return Either.right(config.baseUrl + fill(compiledPath, values))
}

/**
 * Sends a request through the client in context and hands a 2xx response to `onSuccess`; any other status and any
 * transport failure become their tagged error.
 */
export const send = <A, E>(
  target: Target,
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  onSuccess: (response: HttpClientResponse.HttpClientResponse, scrub: Scrub) => Effect.Effect<A, E>
): Effect.Effect<A, E | HttpError> =>
  Effect.flatMap(
    Effect.mapError(client.execute(request), (error) => errorFromHttpClient(target.info, error)),
    (response): Effect.Effect<A, E | HttpError> => {
      const status = response.status
      const annotate = Effect.annotateCurrentSpan("http.response.status_code", status)
      const scrub = scrubber(target.secrets)
      if (status < 200 || status >= 300) {
        return Effect.zipRight(annotate, Effect.flatMap(errorFromResponse(target.info, scrub, response), Effect.fail))
      }
      return Effect.zipRight(annotate, onSuccess(response, scrub))
    }
  )

/** The `onSuccess` of an endpoint with a body: read it, parse it, decode it. */
export const decodeResponse =
  <A>(info: RequestInfo, decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>) =>
  (response: HttpClientResponse.HttpClientResponse, scrub: Scrub): Effect.Effect<A, RequestError | ServerError> =>
    Effect.flatMap(readText(info, response), (text) => decodeJson(info, response.status, text, scrub, decode))

/** The `verbose` debug lines: method, URL template, outcome and duration (never a key or a filled URL). */
export const logged = <A, E extends StatusPageError, R>(info: RequestInfo, effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Clock.currentTimeMillis, (start) =>
    Effect.tapBoth(effect, {
      onSuccess: () =>
        Effect.flatMap(Clock.currentTimeMillis, (end) =>
          Effect.logDebug(`${info.method} ${info.urlTemplate} ok in ${end - start}ms`)
        ),
      onFailure: (error) =>
        Effect.flatMap(Clock.currentTimeMillis, (end) =>
          Effect.logDebug(
            `${info.method} ${info.urlTemplate} failed in ${end - start}ms: ${error._tag}${"httpStatus" in error && error.httpStatus !== undefined ? ` ${error.httpStatus}` : ""}`
          )
        )
    })
  )

/**
 * Runs one request in its client span (`url.template`, never the filled URL), with debug logs when the config is
 * verbose.
 */
export const instrument = <A>(
  spanName: string,
  info: RequestInfo,
  run: (config: StatusPageConfig.Service, client: HttpClient.HttpClient) => Effect.Effect<A, StatusPageError>
): Effect.Effect<A, StatusPageError, StatusPageConfig.StatusPageConfig | HttpClient.HttpClient> =>
  withClientSpan(
    spanName,
    info,
    Effect.contextWithEffect((context: Context.Context<StatusPageConfig.StatusPageConfig | HttpClient.HttpClient>) => {
      const config = Context.get(context, StatusPageConfig.StatusPageConfig)
      const effect = run(config, Context.get(context, HttpClient.HttpClient))
      return config.verbose ? logged(info, effect) : effect
    })
  )

/** The client span of one request: method and `url.template` (never the filled URL). */
export const withClientSpan = <A, E, R>(spanName: string, info: RequestInfo, effect: Effect.Effect<A, E, R>) =>
  Effect.withSpan(effect, spanName, {
    kind: "client",
    captureStackTrace: false,
    attributes: { "http.request.method": info.method, "url.template": info.urlTemplate }
  })

type UrlParamValue = string | ReadonlyArray<string>

/** The form body of `application/x-www-form-urlencoded` endpoints: arrays as `key[]=v`, as Rails reads them. */
const toFormParams = (encoded: Record<string, unknown>): Array<[string, string]> =>
  Object.entries(encoded).flatMap(
    ([key, value]): Array<[string, string]> =>
      value === undefined || value === null
        ? []
        : Array.isArray(value)
          ? value.map((v) => [`${key}[]`, String(v)] as [string, string])
          : [[key, String(value)]]
  )

export const toUrlParams = (encoded: Record<string, unknown>): Record<string, UrlParamValue> => {
  const out: Record<string, UrlParamValue> = {}
  for (const key in encoded) {
    const value = encoded[key]
    if (value === undefined || value === null) continue
    out[key] = Array.isArray(value) ? value.map(String) : String(value)
  }
  return out
}

/** A JSON request body; a value `JSON.stringify` throws on (a `bigint`, a cycle in free-form fields) is refused. */
export const jsonBody = (info: RequestInfo, value: unknown): Either.Either<HttpBody.HttpBody, RequestError> => {
  try {
    return Either.right(HttpBody.unsafeJson(value))
  } catch (error) {
    return Either.left(invalidInput(info, "", `the body cannot be sent as JSON (${(error as Error).message})`))
  }
}

const inputOptions = { onExcessProperty: "error", errors: "first" } as const

/** The values of an input's credential fields, plain or `Redacted`. */
const secretValues = (fields: ReadonlyArray<string>, input: unknown): ReadonlyArray<string> => {
  if (fields.length === 0 || typeof input !== "object" || input === null) return []
  return fields.flatMap((field) => {
    const value: unknown = (input as Record<string, unknown>)[field]
    return typeof value === "string" ? [value] : Redacted.isRedacted(value) ? [String(Redacted.value(value))] : []
  })
}

/**
 * Compiles an endpoint into the function its action calls with `(ids..., input?, options?)`.
 */
export const execute = (endpoint: Endpoint) => {
  const info: RequestInfo = { method: endpoint.method, urlTemplate: endpoint.path }
  const { compiledPath, idParams } = endpoint
  const hasInput = endpoint.query !== undefined || endpoint.body !== undefined
  const encodeQuery = endpoint.query && Schema.encodeUnknownEither(endpoint.query, inputOptions)
  const encodeBody = endpoint.body && Schema.encodeUnknownEither(endpoint.body, inputOptions)
  const decode = endpoint.success && decoder(endpoint.success)
  const makeRequest = HttpClientRequest.make(endpoint.method) as (
    url: string,
    options: HttpClientRequest.Options.NoUrl
  ) => HttpClientRequest.HttpClientRequest
  const onSuccess =
    decode === undefined
      ? (response: HttpClientResponse.HttpClientResponse) =>
          Effect.asVoid(Effect.orElseSucceed(response.text, () => ""))
      : decodeResponse(info, decode)

  const spanName = `StatusPage.${endpoint.name}`
  const encodeInput = (
    encode: (u: unknown) => Either.Either<any, ParseResult.ParseError>,
    input: unknown
  ): Either.Either<any, RequestError> =>
    Either.mapLeft(encode(input), (error) => {
      const issue = firstIssue(error)
      return invalidInput(info, issue.path, issue.message)
    })

  const buildRequest = (
    config: StatusPageConfig.Service,
    args: ReadonlyArray<unknown>,
    input: unknown
  ): Either.Either<HttpClientRequest.HttpClientRequest, RequestError | ConfigurationError> => {
    const options = args[idParams.length + (hasInput ? 1 : 0)] as CallOptions | undefined
    let next = 0
    const url = fillPath(compiledPath, info, endpoint.name, config, options?.pageId, () => args[next++])
    if (Either.isLeft(url)) return Either.left(url.left)
    let urlParams: Record<string, UrlParamValue> | undefined
    let body: HttpClientRequest.Options.NoUrl["body"]
    if (encodeQuery !== undefined) {
      const encoded = encodeInput(encodeQuery, input)
      if (Either.isLeft(encoded)) return encoded
      urlParams = toUrlParams(encoded.right)
    }
    if (encodeBody !== undefined) {
      const encoded = encodeInput(encodeBody, input)
      if (Either.isLeft(encoded)) return encoded
      if (endpoint.bodyEncoding === "form") {
        body = HttpBody.urlParams(UrlParams.fromInput(toFormParams(encoded.right)))
      } else {
        const json = jsonBody(info, encoded.right)
        if (Either.isLeft(json)) return Either.left(json.left)
        body = json.right
      }
    }
    return Either.right(
      makeRequest(url.right, {
        headers: requestHeaders(config),
        ...(urlParams === undefined ? {} : { urlParams }),
        ...(body === undefined ? {} : { body })
      })
    )
  }

  return (args: ReadonlyArray<unknown>): Effect.Effect<any, StatusPageError, any> =>
    instrument(spanName, info, (config, client) => {
      const input = hasInput ? (args[idParams.length] ?? {}) : undefined
      const request = buildRequest(config, args, input)
      if (Either.isLeft(request)) return Effect.fail(request.left)
      const secrets = [Redacted.value(config.apiKey), ...secretValues(endpoint.secrets, input)]
      return send<unknown, RequestError | ServerError>({ info, secrets }, client, request.right, onSuccess)
    })
}
