/**
 * The escape hatch: any method on any path of the API, for what the actions do not cover (yet). It goes through the
 * same base URL, `Authorization` header, id checks, error mapping, span and `HttpClient` policies as every action, and
 * errors name the path template, never the filled URL.
 *
 * ```ts
 * const { status, body } = yield* Raw.request({
 *   method: "GET",
 *   path: "/pages/{page_id}/incidents/{incident_id}",
 *   ids: { incident_id: "p31zjtct2jer" }
 * })
 * ```
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { ActionError, Method, Requirements } from "./Endpoint.js"
import { decodeJson, parseJson, readText } from "./internal/decode.js"
import { invalidInput, type RequestInfo } from "./internal/errorMapping.js"
import { compile, type IdParams, type PathParams } from "./internal/path.js"
import { buildRequest, jsonBody, type Parts, scoped, toUrlParams } from "./internal/request.js"
import { originOf } from "./internal/requestHeaders.js"
import { instrument, limitsOf, send } from "./internal/send.js"
import type { RequestError } from "./StatusPageError.js"

/**
 * A URL parameter: arrays repeat the key as given (write `ids[]` when the endpoint wants Rails-style arrays).
 *
 * @since 0.1.0
 * @category Models
 */
export type QueryValue = string | number | boolean | ReadonlyArray<string | number | boolean> | undefined

type IdsOf<Path extends string> = [IdParams<PathParams<Path>>] extends [[]]
  ? { readonly ids?: {} }
  : { readonly ids: { readonly [K in IdParams<PathParams<Path>>[number]]: string } }

/**
 * What to send. `page_id` and `organization_id` in the template come from the config (`pageId` overrides the page);
 * every other placeholder from `ids`.
 *
 * @since 0.1.0
 * @category Models
 */
export type Request<Path extends string, A> = {
  readonly method: Method
  /** A template relative to the base URL, e.g. `/pages/{page_id}/incidents/{incident_id}`. */
  readonly path: Path
  readonly query?: Readonly<Record<string, QueryValue>>
  /** Sent as JSON. */
  readonly body?: unknown
  readonly pageId?: string
  /** Decode a 2xx body with this schema instead of returning it as parsed JSON or text. */
  readonly success?: Schema.Schema<A, any>
  /** Credentials the body carries: kept out of every error, like the API key. */
  readonly secrets?: ReadonlyArray<string | Redacted.Redacted<string>>
} & IdsOf<Path>

/**
 * What came back from a 2xx answer.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Response<A> {
  readonly status: number
  readonly headers: Headers.Headers
  /** The decoded body with `success`; else the parsed JSON for a JSON body, the text otherwise, `undefined` if empty. */
  readonly body: A
}

// Unreserved characters and `/` only: anything else in a template could change what the filled URL points at.
const LITERAL = /^[A-Za-z0-9\-._~/]*$/

/** Why a template cannot be used, or `undefined`. */
const templateProblem = (path: string, literals: ReadonlyArray<string>): string | undefined => {
  if (!path.startsWith("/")) return "must start with '/'"
  if (!literals.every((literal) => LITERAL.test(literal))) {
    return "may contain only letters, digits, '-._~/' and {placeholders}; put URL parameters in `query`"
  }
  const segments = path.slice(1).split("/")
  if (segments.some((segment) => segment === "" && path !== "/")) return "must not contain empty segments"
  if (segments.some((segment) => segment === "." || segment === "..")) return "must not contain dot segments"
  return undefined
}

const isJson = (contentType: string | undefined) => contentType !== undefined && /[/+]json\b/i.test(contentType)

/**
 * Sends one request and returns the 2xx answer; any other status is the same tagged error an action would give.
 *
 * @since 0.1.0
 * @category Requests
 */
export const request = <const Path extends string, A = unknown>(
  req: Request<Path, A>
): Effect.Effect<Response<A>, ActionError<Path>, Requirements> => {
  const info: RequestInfo = { method: req.method, urlTemplate: req.path }
  const compiled = compile(req.path)
  const ids: Readonly<Record<string, unknown>> = (req as { ids?: Record<string, unknown> }).ids ?? {}
  const decode = req.success && Schema.decodeUnknownEither(req.success)
  const secrets = (req.secrets ?? []).map((s) => (Redacted.isRedacted(s) ? Redacted.value(s) : s))
  return instrument("StatusPage.raw", info, (config, client) => {
    const problem = templateProblem(req.path, compiled.literals)
    if (problem !== undefined) return Effect.fail(invalidInput(info, "path", problem))
    const unknownId = Object.keys(ids).find((key) => !compiled.params.includes(key))
    if (unknownId !== undefined)
      return Effect.fail(invalidInput(info, `ids.${unknownId}`, "is not in the path template"))
    const parts = (): Either.Either<Parts, RequestError> => {
      const urlParams = req.query === undefined ? undefined : toUrlParams(req.query)
      if (req.body === undefined) return Either.right({ urlParams })
      return Either.map(jsonBody(info, req.body), (body) => ({ urlParams, body }))
    }
    const origin = originOf(config)
    const placeholder = scoped(config, "Raw.request", req.pageId, (param) => ids[param])
    const httpRequest = buildRequest(info, compiled, origin, placeholder, parts)
    if (Either.isLeft(httpRequest)) return Effect.fail(httpRequest.left)
    const allSecrets = [...origin.secrets, ...secrets]
    return send(info, allSecrets, client, httpRequest.right, limitsOf(config), (response, scrub) =>
      Effect.flatMap(readText(info, response), (text) => {
        const parsed: Either.Either<unknown, any> =
          decode !== undefined
            ? decodeJson(info, response.status, text, scrub, decode)
            : text === ""
              ? Either.right(undefined)
              : isJson(response.headers["content-type"])
                ? parseJson(info, response.status, text, scrub)
                : Either.right(text)
        return Either.match(parsed, {
          onLeft: Effect.fail,
          onRight: (value) => Effect.succeed({ status: response.status, headers: response.headers, body: value as A })
        })
      })
    )
  }) as Effect.Effect<Response<A>, ActionError<Path>, Requirements>
}
