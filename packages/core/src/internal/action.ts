/**
 * An endpoint declaration compiled into the function its action calls with `(ids..., input?, options?)`. Everything
 * that does not depend on the call (encoders, decoder, span name) is built once, when the endpoint is declared.
 */
import type * as HttpBody from "@effect/platform/HttpBody"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { RequestError, ServerError, StatusPageError } from "../StatusPageError.js"
import { decodeResponse } from "./decode.js"
import { firstIssue, invalidInput, type Method, type RequestInfo } from "./errorMapping.js"
import { decoder } from "./fastDecode.js"
import type { CompiledPath } from "./path.js"
import { buildRequest, formBody, jsonBody, type Parts, scoped, toUrlParams } from "./request.js"
import { originOf } from "./requestHeaders.js"
import { instrument, limitsOf, send } from "./send.js"

/** What the request path reads from a declaration; the public `Endpoint.Endpoint` extends it with the rest. */
export interface Compilable {
  /** `<group>.<action>`, e.g. `components.list`; the span is `StatusPage.<name>`. */
  readonly name: string
  readonly method: Method
  /** The official path template, e.g. `/pages/{page_id}/components/{component_id}`. */
  readonly path: string
  readonly compiledPath: CompiledPath
  /** Caller-supplied placeholders, in order (`page_id` and `organization_id` come from the config). */
  readonly idParams: ReadonlyArray<string>
  /** URL parameters: the action's input type to string values. */
  readonly query: Schema.Schema<any, any> | undefined
  /** Request body: the action's input type to the wire JSON, envelope included. */
  readonly body: Schema.Schema<any, any> | undefined
  /** `form` for the one endpoint that only takes `application/x-www-form-urlencoded`. */
  readonly bodyEncoding: "json" | "form"
  /** Response body; `undefined` when the endpoint answers with no body. */
  readonly success: Schema.Schema<any, any> | undefined
  /** Input fields that carry credentials: their values are kept out of every error. */
  readonly secrets: ReadonlyArray<string>
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

/** Compiles an endpoint into the function its action calls with its arguments. */
export const compileAction = (endpoint: Compilable) => {
  const info: RequestInfo = { method: endpoint.method, urlTemplate: endpoint.path }
  const { compiledPath, idParams } = endpoint
  const hasInput = endpoint.query !== undefined || endpoint.body !== undefined
  const encodeQuery = endpoint.query && Schema.encodeUnknownEither(endpoint.query, inputOptions)
  const encodeBody = endpoint.body && Schema.encodeUnknownEither(endpoint.body, inputOptions)
  const decode = endpoint.success && decoder(endpoint.success)
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

  /** The URL parameters and body of an input. */
  const encodeParts = (input: unknown): Either.Either<Parts, RequestError> => {
    let urlParams: Record<string, string | ReadonlyArray<string>> | undefined
    let body: HttpBody.HttpBody | undefined
    if (encodeQuery !== undefined) {
      const encoded = encodeInput(encodeQuery, input)
      if (Either.isLeft(encoded)) return encoded
      urlParams = toUrlParams(encoded.right)
    }
    if (encodeBody !== undefined) {
      const encoded = encodeInput(encodeBody, input)
      if (Either.isLeft(encoded)) return encoded
      if (endpoint.bodyEncoding === "form") {
        body = formBody(encoded.right)
      } else {
        const json = jsonBody(info, encoded.right)
        if (Either.isLeft(json)) return Either.left(json.left)
        body = json.right
      }
    }
    return Either.right({ urlParams, body })
  }

  return (args: ReadonlyArray<unknown>): Effect.Effect<any, StatusPageError, any> =>
    instrument(spanName, info, (config, client) => {
      const input = hasInput ? (args[idParams.length] ?? {}) : undefined
      const options = args[idParams.length + (hasInput ? 1 : 0)] as { readonly pageId?: string } | undefined
      const origin = originOf(config)
      let next = 0
      const placeholder = scoped(config, endpoint.name, options?.pageId, () => args[next++])
      const request = buildRequest(info, compiledPath, origin, placeholder, () => encodeParts(input))
      if (Either.isLeft(request)) return Effect.fail(request.left)
      const secrets =
        endpoint.secrets.length === 0 ? origin.secrets : [...origin.secrets, ...secretValues(endpoint.secrets, input)]
      return send<unknown, RequestError | ServerError>(
        info,
        secrets,
        client,
        request.right,
        limitsOf(config),
        onSuccess
      )
    })
}
