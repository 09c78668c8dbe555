/**
 * The fake's routes, derived from the client's own endpoint declarations: each declared endpoint is matched by
 * method and path template, its query or body decoded with the endpoint's schema (wire to input), handed to the
 * handler registered under its name, and the result encoded with the endpoint's success schema.
 */

import type { Endpoint } from "@effect-statuspage/core/Endpoint"
import * as StatusPageClient from "@effect-statuspage/core/StatusPageClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type FakeFailure as Failure, FakeFailure, type Handler, notFound } from "./handler.js"
import { handlers } from "./handlers.js"
import type { Store } from "./store.js"
import { badEncoding, decodeSegment, fromParams } from "./wire.js"

/** Statuspage's ceiling for `per_page` and `limit`: larger values are served as 100. */
export const MAX_PAGE_SIZE = 100

export interface Route {
  readonly endpoint: Endpoint
  readonly pattern: RegExp
  readonly handler: Handler<any, any> | undefined
  readonly decodeQuery: ((u: unknown) => Either.Either<any, ParseResult.ParseError>) | undefined
  readonly decodeBody: ((u: unknown) => Either.Either<any, ParseResult.ParseError>) | undefined
  readonly encodeSuccess: ((a: unknown) => Either.Either<unknown, ParseResult.ParseError>) | undefined
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const makeRoute = (group: string, name: string, endpoint: Endpoint): Route => {
  const { literals } = endpoint.compiledPath
  const pattern = new RegExp(`^${literals.map(escapeRegExp).join("([^/]+)")}$`)
  const groupHandlers = handlers[group as keyof typeof handlers] as Record<string, Handler<any, any>> | undefined
  return {
    endpoint,
    pattern,
    handler: groupHandlers?.[name],
    decodeQuery: endpoint.query && Schema.decodeUnknownEither(endpoint.query, { errors: "first" }),
    decodeBody: endpoint.body && Schema.decodeUnknownEither(endpoint.body, { errors: "first" }),
    encodeSuccess: endpoint.success && Schema.encodeUnknownEither(endpoint.success)
  }
}

/** Every declared endpoint, those with fewer placeholders first so `/incidents/unresolved` beats `/incidents/{id}`. */
export const routes: ReadonlyArray<Route> = StatusPageClient.actions()
  .map(([group, name, action]) => makeRoute(group, name, action.endpoint))
  .sort((a, b) => a.endpoint.compiledPath.params.length - b.endpoint.compiledPath.params.length)

/** What the router answers: a status and a JSON body (none for 204-style answers). */
export interface Answer {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** The endpoint that matched, when one did. */
  readonly endpoint?: Endpoint
}

export interface IncomingRequest {
  readonly method: string
  /** The path below the API root (`/pages/...`), without the query. */
  readonly path: string
  readonly query: URLSearchParams
  readonly contentType: string
  readonly body: string
}

const failure = (status: number, error: string | ReadonlyArray<string>) => new FakeFailure({ status, error })

const formatPath = (path: ReadonlyArray<PropertyKey>) => path.map(String).join(".")

/**
 * A schema violation is a 422 naming the field; a missing envelope or required top-level key is a 400, as Rails'
 * "param is missing" is.
 */
const invalid = (error: ParseResult.ParseError): Failure => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (issue === undefined) return failure(422, [error.message])
  if (issue._tag === "Missing" && issue.path.length === 1) {
    return failure(400, `param is missing or the value is empty: ${String(issue.path[0])}`)
  }
  const field = formatPath(issue.path)
  return failure(422, [field === "" ? issue.message : `${field}: ${issue.message}`])
}

const decodeWith = (decode: (u: unknown) => Either.Either<any, ParseResult.ParseError>, u: unknown) =>
  Either.mapLeft(decode(u), invalid)

/** Caps `per_page`/`limit` at 100 before the schema sees them: Statuspage serves larger values as 100. */
const capPageSize = (endpoint: Endpoint, query: URLSearchParams): Array<[string, string]> => {
  const entries = [...query.entries()].filter(([key]) => key !== "api_key")
  if (endpoint.paging === undefined) return entries
  return entries.map(([key, value]) =>
    (key === "per_page" || key === "limit") && Number(value) > MAX_PAGE_SIZE
      ? [key, String(MAX_PAGE_SIZE)]
      : [key, value]
  )
}

const readInput = (route: Route, request: IncomingRequest): Either.Either<unknown, Failure> => {
  const { endpoint } = route
  let input: Record<string, unknown> = {}
  if (route.decodeQuery !== undefined) {
    const decoded = decodeWith(route.decodeQuery, fromParams(endpoint.query!, capPageSize(endpoint, request.query)))
    if (Either.isLeft(decoded)) return decoded
    input = decoded.right
  }
  if (route.decodeBody !== undefined) {
    let wire: unknown
    if (request.contentType.includes("application/x-www-form-urlencoded")) {
      wire = fromParams(endpoint.body!, new URLSearchParams(request.body).entries())
    } else if (request.body.trim() === "") {
      wire = {}
    } else {
      try {
        wire = JSON.parse(request.body)
      } catch {
        return Either.left(failure(400, "There was a problem with the JSON you submitted"))
      }
    }
    const decoded = decodeWith(route.decodeBody, wire)
    if (Either.isLeft(decoded)) return decoded
    input = { ...input, ...decoded.right }
  }
  return Either.right(input)
}

/** Slices a full list into the page asked for, in the endpoint's dialect. */
const paginate = (endpoint: Endpoint, input: any, items: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const size = (endpoint.paging === "page" ? input.per_page : input.limit) ?? MAX_PAGE_SIZE
  const first = endpoint.paging === "offset" ? (input.page ?? 0) : (input.page ?? 1) - 1
  return items.slice(first * size, (first + 1) * size)
}

/**
 * The routes whose method and path fit, in declaration order, with their placeholders; or why none does. Several
 * endpoints may share a method and path (e.g. a DELETE with and without a body); the first whose input decodes wins.
 */
const match = (request: IncomingRequest) => {
  let pathMatched = false
  const candidates: Array<{ readonly route: Route; readonly params: Record<string, string> }> = []
  for (const route of routes) {
    const m = route.pattern.exec(request.path)
    if (m === null) continue
    pathMatched = true
    if (route.endpoint.method !== request.method) continue
    if (candidates.length > 0 && route.pattern.source !== candidates[0]!.route.pattern.source) continue
    const params: Record<string, string> = {}
    for (const [i, name] of route.endpoint.compiledPath.params.entries()) {
      const value = decodeSegment(m[i + 1]!)
      if (value === undefined) return "encoding"
      params[name] = value
    }
    candidates.push({ route, params })
  }
  return candidates.length > 0 ? candidates : pathMatched ? "method" : "path"
}

/** The page or organization of the path must exist. */
const checkScope = (store: Store, params: Record<string, string>): Failure | undefined => {
  if (params.page_id !== undefined && !store.pageIds.includes(params.page_id)) return notFound("page")
  if (params.organization_id !== undefined && params.organization_id !== store.organizationId) {
    return notFound("organization")
  }
  return undefined
}

/** The first candidate whose input decodes, with that input; else the first candidate's problem. */
const pick = (
  candidates: ReadonlyArray<{ readonly route: Route; readonly params: Record<string, string> }>,
  request: IncomingRequest
) => {
  let first: Failure | undefined
  for (const candidate of candidates) {
    const input = readInput(candidate.route, request)
    if (Either.isRight(input)) return Either.right({ ...candidate, input: input.right })
    first ??= input.left
  }
  return Either.left({ endpoint: candidates[0]!.route.endpoint, failure: first! })
}

/** Routes one authenticated request to its handler. Never fails: every problem is an answer. */
export const dispatch = (store: Store, request: IncomingRequest, now: string): Effect.Effect<Answer> => {
  const found = match(request)
  if (found === "path") return Effect.succeed({ status: 404, body: { error: "Not found" } })
  if (found === "method") return Effect.succeed({ status: 405, body: { error: "Method not allowed" } })
  if (found === "encoding") return Effect.succeed(badEncoding)
  const scopeProblem = checkScope(store, found[0]!.params)
  const picked = pick(found, request)
  const endpoint = Either.isRight(picked) ? picked.right.route.endpoint : picked.left.endpoint
  const answer = (effect: Effect.Effect<Answer, Failure>): Effect.Effect<Answer> =>
    Effect.catchAll(effect, (f) => Effect.succeed({ status: f.status, body: { error: f.error }, endpoint }))
  return answer(
    Effect.gen(function* () {
      if (scopeProblem !== undefined) return yield* scopeProblem
      const { route, params, input } = yield* Either.mapLeft(picked, (problem) => problem.failure)
      if (route.handler === undefined) {
        return yield* failure(501, `the fake has no handler for ${endpoint.name}`)
      }
      const result = yield* route.handler({ params, input, now, store })
      if (route.encodeSuccess === undefined) return { status: endpoint.successStatus, endpoint }
      const listed = endpoint.paging === undefined ? result : paginate(endpoint, input, result)
      const encoded = route.encodeSuccess(listed)
      if (Either.isLeft(encoded)) {
        // a handler returned something its own endpoint cannot send: a bug in the fake, shown as such
        return yield* failure(
          500,
          `the fake's ${endpoint.name} result does not match its schema: ${encoded.left.message}`
        )
      }
      return { status: endpoint.successStatus, body: encoded.right, endpoint }
    })
  )
}
