/**
 * From an answer to a typed error: a non-2xx response, a failure of the `HttpClient`, or input rejected before
 * sending each become one of the tagged errors, naming the method and the URL template, never the filled URL.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import {
  type ErrorDetail,
  type HttpError,
  RateLimitError,
  RequestError,
  ResourceError,
  ServerError
} from "../StatusPageError.js"
import { formatBytes, ResponseTooLarge } from "./bounds.js"
import { cut, excerpt, logrefFromBody, MESSAGE_LENGTH, parseErrorBody, parseRetryAfter } from "./errorBody.js"
import { isIdempotent, neverSent } from "./outcome.js"
import { isTimeout } from "./policyContract.js"
import type { Scrub } from "./scrub.js"

/** The methods of the API. */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE"

/** What identifies the request in every error: never a filled URL. */
export interface RequestInfo {
  readonly method: Method
  readonly urlTemplate: string
}

/** The attributes an error gets from the exchange it came from. */
export const base = (info: RequestInfo, message: string) => ({
  method: info.method,
  urlTemplate: info.urlTemplate,
  message,
  errors: [] as ReadonlyArray<never>
})

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "")

/**
 * The first issue of a parse error; its message is cut short, since Schema repeats the rejected value in it (scrubbed
 * first when that value came from a server, so that the cut cannot leave a prefix of a secret).
 */
export const firstIssue = (
  error: ParseResult.ParseError,
  scrub: Scrub = (text) => text
): { readonly path: string; readonly message: string } => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  return issue === undefined
    ? { path: "", message: excerpt(scrub(error.message)) }
    : { path: formatPath(issue.path), message: excerpt(scrub(issue.message)) }
}

/** Input rejected before anything was sent. */
export const invalidInput = (info: RequestInfo, field: string, problem: string): RequestError =>
  new RequestError({
    ...base(info, `${info.method} ${info.urlTemplate}: invalid input: ${field === "" ? "" : `${field}: `}${problem}`),
    reason: "InvalidInput",
    errors: [field === "" ? { message: problem } : { message: problem, field }]
  })

const statusReason = {
  400: ["RequestError", "BadRequest"],
  401: ["RequestError", "Unauthorized"],
  403: ["RequestError", "Forbidden"],
  405: ["RequestError", "MethodNotAllowed"],
  404: ["ResourceError", "NotFound"],
  409: ["ResourceError", "Conflict"],
  422: ["ResourceError", "Unprocessable"]
} as const

/** The texts an error built from an answer carries. */
interface Texts {
  readonly message: string
  readonly errors: ReadonlyArray<ErrorDetail>
  readonly logref?: string
  readonly excerpt?: string
  readonly path?: string
}

const scrubDetail = (scrub: Scrub, detail: ErrorDetail): ErrorDetail => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(detail)) if (value !== undefined) out[key] = scrub(value)
  return out as unknown as ErrorDetail
}

/**
 * Every text of an error, scrubbed last: values the server sent come out of `JSON.parse` unescaped, and a schema
 * issue repeats the rejected value, so no text is trusted because the body it came from was scrubbed.
 */
export const scrubTexts = <T extends Texts>(scrub: Scrub, texts: T): T => ({
  ...texts,
  message: scrub(texts.message),
  errors: texts.errors.map((detail) => scrubDetail(scrub, detail)),
  ...(texts.logref === undefined ? {} : { logref: scrub(texts.logref) }),
  ...(texts.excerpt === undefined ? {} : { excerpt: scrub(texts.excerpt) }),
  ...(texts.path === undefined ? {} : { path: scrub(texts.path) })
})

/** What to check after a 401 or a page-scoped 404, naming the setting. */
const hintFor = (info: RequestInfo, status: number): string => {
  if (status === 401) {
    return info.urlTemplate.startsWith("/api/v2/")
      ? " (check apiKey of StatusPagePublic: the page's key is wrong or revoked)"
      : " (check the API key, apiKey / STATUSPAGE_API_KEY: it is wrong or revoked; set it without an 'OAuth ' prefix)"
  }
  if (status === 404 && info.urlTemplate.startsWith("/pages/{page_id}")) {
    return " (if the page id is wrong every page-scoped call answers 404: check pageId / STATUSPAGE_PAGE_ID, or the call's pageId)"
  }
  return ""
}

/** The cause's error code (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET...), the host and the attempts, for the message. */
const transportDetail = (error: HttpClientError.HttpClientError, attempts: number | undefined): string => {
  let code: string | undefined
  for (let c: any = error.cause, depth = 0; c != null && depth < 8 && code === undefined; c = c.cause, depth++) {
    if (typeof c.code === "string") code = c.code
  }
  let host: string | undefined
  try {
    host = new URL(error.request.url).host
  } catch {
    host = undefined
  }
  const parts = [
    code,
    host === undefined ? undefined : `host ${host}`,
    attempts === undefined ? undefined : `${attempts} attempt${attempts === 1 ? "" : "s"}`
  ].filter((part) => part !== undefined)
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`
}

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
        const said = errors.length > 0 ? `: ${cut(errors.map((e) => e.message).join("; "), MESSAGE_LENGTH)}` : ""
        const hint = hintFor(info, status)
        const fields = scrubTexts(scrub, {
          method: info.method,
          urlTemplate: info.urlTemplate,
          httpStatus: status,
          errors,
          message: `${info.method} ${info.urlTemplate} answered ${status}${said}${hint}`,
          ...(logref === undefined ? {} : { logref: cut(logref, MESSAGE_LENGTH) })
        })
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

/**
 * Maps a failure of the `HttpClient` (transport, timeout, body read) to a `RequestError`, or a body past
 * `maxResponseSize` to a `ServerError` `TooLarge`.
 */
export const errorFromHttpClient = (
  info: RequestInfo,
  error: HttpClientError.HttpClientError,
  attempts?: number
): RequestError | ServerError => {
  if (error._tag === "ResponseError" && error.cause instanceof ResponseTooLarge) {
    return new ServerError({
      ...base(
        info,
        `${info.method} ${info.urlTemplate} answered ${error.response.status} with a body larger than maxResponseSize (${formatBytes(error.cause.limit)})`
      ),
      httpStatus: error.response.status,
      reason: "TooLarge"
    })
  }
  if (error._tag === "RequestError" && (error.reason === "Encode" || error.reason === "InvalidUrl")) {
    return new RequestError({
      ...base(info, `${info.method} ${info.urlTemplate}: ${error.reason}`),
      reason: "InvalidInput"
    })
  }
  const timedOut = isTimeout(error.cause)
  const status = error._tag === "ResponseError" ? { httpStatus: error.response.status } : {}
  const what = `${timedOut ? "timed out" : "failed in transport"}${transportDetail(error, attempts)}`
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
