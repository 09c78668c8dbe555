/**
 * An endpoint is declared once: method, path, input and output schemas, envelope and paging dialect. From that one
 * declaration come the action users call, the facade's method, the fake Statuspage's route and the coverage table.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import type * as Schema from "effect/Schema"
import { type Compilable, compileAction } from "./internal/action.js"
import type * as Request from "./internal/errorMapping.js"
import { compile, type IdParams, type PathParams } from "./internal/path.js"
import type { StatusPageConfig } from "./StatusPageConfig.js"
import type { ConfigurationError, HttpError } from "./StatusPageError.js"

/**
 * @since 0.1.0
 * @category Models
 */
export type Method = Request.Method

/**
 * The three ways Statuspage lists page through results:
 * - `page`: `page` (1-based) and `per_page`;
 * - `limit`: `page` (1-based) and `limit` (incidents);
 * - `offset`: `page` (0-based) and `limit` (subscribers).
 *
 * @since 0.1.0
 * @category Models
 */
export type Paging = "page" | "limit" | "offset"

/**
 * A declaration as the fake and the docs read it: what the request path reads (name, method, path, schemas...), plus
 * the success status, the paging dialect and the deprecation note.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Endpoint extends Compilable {
  /** The documented success status. */
  readonly successStatus: number
  readonly paging: Paging | undefined
  /** Set when the endpoint is not in the current official spec, with the reason. */
  readonly deprecated: string | undefined
}

/**
 * Per-call options accepted as the last argument of every action.
 *
 * @since 0.1.0
 * @category Models
 */
export interface CallOptions {
  /** Act on this page instead of the configured one (accounts with several pages). */
  readonly pageId?: string
}

/**
 * @since 0.1.0
 * @category Models
 */
export type Requirements = StatusPageConfig | HttpClient.HttpClient

/**
 * An action: call it to get an `Effect`; its declaration is on `.endpoint`.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Action<Args extends ReadonlyArray<unknown>, A, E> {
  (...args: Args): Effect.Effect<A, E, Requirements>
  readonly endpoint: Endpoint
}

/**
 * @since 0.1.0
 * @category Guards
 */
export const isAction = (u: unknown): u is Action<ReadonlyArray<unknown>, unknown, unknown> =>
  typeof u === "function" && Predicate.hasProperty(u, "endpoint")

type Strings<T extends ReadonlyArray<string>> = T extends readonly [string, ...infer R extends ReadonlyArray<string>]
  ? [string, ...Strings<R>]
  : []

type Ids<Path extends string> = Strings<IdParams<PathParams<Path>>>

/**
 * The arguments of an action: its ids, then its input (optional when every field is), then `CallOptions`.
 *
 * @since 0.1.0
 * @category Models
 */
export type ActionArgs<Path extends string, In> = [In] extends [void]
  ? [...Ids<Path>, options?: CallOptions]
  : {} extends In
    ? [...Ids<Path>, input?: In, options?: CallOptions]
    : [...Ids<Path>, input: In, options?: CallOptions]

/**
 * The errors of an action on this path: a page action can also lack its page id, an organization action its
 * organization id (a `ConfigurationError` at call time, nothing sent); `/pages` needs neither.
 *
 * @since 0.1.0
 * @category Models
 */
export type ActionError<Path extends string> = Path extends `${string}{page_id}${string}` | `/organizations/${string}`
  ? HttpError | ConfigurationError
  : HttpError

/**
 * What a declaration states; everything else is derived.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Declaration<Path extends string, Q, B, Out> {
  readonly name: string
  readonly method: Method
  readonly path: Path
  readonly query?: Schema.Schema<Q, any>
  readonly body?: Schema.Schema<B, any>
  readonly bodyEncoding?: "json" | "form"
  readonly success?: Schema.Schema<Out, any>
  readonly successStatus?: number
  readonly paging?: Paging
  readonly deprecated?: string
  readonly secrets?: ReadonlyArray<string>
}

/**
 * Declares an endpoint and returns its action.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = <const Path extends string, Q = void, B = void, Out = void>(
  declaration: Declaration<Path, Q, B, Out>
): Action<ActionArgs<Path, [B] extends [void] ? Q : B>, Out, ActionError<Path>> => {
  const compiledPath = compile(declaration.path)
  const endpoint: Endpoint = {
    name: declaration.name,
    method: declaration.method,
    path: declaration.path,
    compiledPath,
    idParams: compiledPath.params.filter((p) => p !== "page_id" && p !== "organization_id"),
    query: declaration.query,
    body: declaration.body,
    bodyEncoding: declaration.bodyEncoding ?? "json",
    success: declaration.success,
    successStatus: declaration.successStatus ?? (declaration.method === "POST" ? 201 : 200),
    paging: declaration.paging,
    deprecated: declaration.deprecated,
    secrets: declaration.secrets ?? []
  }
  const run = compileAction(endpoint)
  const action = (...args: ReadonlyArray<unknown>) => run(args)
  return Object.assign(action, { endpoint }) as any
}
