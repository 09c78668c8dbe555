/**
 * Building a request, the one way every action, `Raw.request` and the public client do it: fill the path template
 * (every id checked and percent-encoded), add the origin's headers, the URL parameters and the body. A problem is a
 * `RequestError` (`InvalidInput`) or a `ConfigurationError`, and nothing is sent.
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Either from "effect/Either"
import type * as StatusPageConfig from "../StatusPageConfig.js"
import type { ConfigurationError, RequestError } from "../StatusPageError.js"
import { invalidInput, type RequestInfo } from "./errorMapping.js"
import { type CompiledPath, fill, idProblem } from "./path.js"
import type { Origin } from "./requestHeaders.js"
import { scopeValue } from "./scope.js"

type UrlParamValue = string | ReadonlyArray<string>

/** URL parameters from an encoded input: `undefined` and `null` left out, arrays repeat the key. */
export const toUrlParams = (encoded: Record<string, unknown>): Record<string, UrlParamValue> => {
  const out: Record<string, UrlParamValue> = {}
  for (const key in encoded) {
    const value = encoded[key]
    if (value === undefined || value === null) continue
    out[key] = Array.isArray(value) ? value.map(String) : String(value)
  }
  return out
}

/** The form body of `application/x-www-form-urlencoded` endpoints: arrays as `key[]=v`, as Rails reads them. */
export const formBody = (encoded: Record<string, unknown>): HttpBody.HttpBody =>
  HttpBody.urlParams(
    UrlParams.fromInput(
      Object.entries(encoded).flatMap(
        ([key, value]): Array<[string, string]> =>
          value === undefined || value === null
            ? []
            : Array.isArray(value)
              ? value.map((v) => [`${key}[]`, String(v)] as [string, string])
              : [[key, String(value)]]
      )
    )
  )

/** A JSON request body; a value `JSON.stringify` throws on (a `bigint`, a cycle in free-form fields) is refused. */
export const jsonBody = (info: RequestInfo, value: unknown): Either.Either<HttpBody.HttpBody, RequestError> => {
  try {
    return Either.right(HttpBody.unsafeJson(value))
  } catch (error) {
    return Either.left(invalidInput(info, "", `the body cannot be sent as JSON (${(error as Error).message})`))
  }
}

/** The value of one placeholder, or the setting that is missing to fill it. */
export type Placeholder = (param: string) => Either.Either<unknown, ConfigurationError>

/**
 * The placeholders of the Manage API: `page_id` from the call or the config, `organization_id` from the config (a
 * missing one is a `ConfigurationError` naming its setting and `action`), every other one from `idOf` (called once
 * per placeholder, in order).
 */
export const scoped =
  (
    config: StatusPageConfig.Service,
    action: string,
    pageId: string | undefined,
    idOf: (param: string) => unknown
  ): Placeholder =>
  (param) => {
    if (param === "page_id") return pageId === undefined ? scopeValue(config, param, action) : Either.right(pageId)
    if (param === "organization_id") return scopeValue(config, param, action)
    return Either.right(idOf(param))
  }

/** A path with no placeholders (the public API's). */
export const noPlaceholders: Placeholder = (param) => Either.right(param)

const noParts = Either.right<Parts>({})

/** A request with no URL parameters and no body. */
export const withoutParts = (): Either.Either<Parts, RequestError> => noParts

/** The parts of a request besides its path and origin. */
export interface Parts {
  readonly urlParams?: Record<string, UrlParamValue> | undefined
  readonly body?: HttpBody.HttpBody | undefined
}

type Make = (url: string, options: HttpClientRequest.Options.NoUrl) => HttpClientRequest.HttpClientRequest

/**
 * Builds the request to `origin` for a path template and its placeholders' values, then its other parts (encoded
 * only once the path is known to be good, so that a bad id is reported before a bad input).
 */
export const buildRequest = (
  info: RequestInfo,
  compiledPath: CompiledPath,
  origin: Origin,
  placeholder: Placeholder,
  parts: () => Either.Either<Parts, RequestError>
): Either.Either<HttpClientRequest.HttpClientRequest, RequestError | ConfigurationError> => {
  const values: Array<string> = []
  for (const param of compiledPath.params) {
    const value = placeholder(param)
    if (Either.isLeft(value)) return Either.left(value.left)
    const problem = idProblem(value.right)
    if (problem !== undefined) return Either.left(invalidInput(info, param, problem))
    values.push(value.right as string)
  }
  return Either.map(parts(), ({ urlParams, body }) =>
    (HttpClientRequest.make(info.method) as Make)(origin.baseUrl + fill(compiledPath, values), {
      headers: origin.headers,
      ...(urlParams === undefined ? {} : { urlParams }),
      ...(body === undefined ? {} : { body })
    })
  )
}
