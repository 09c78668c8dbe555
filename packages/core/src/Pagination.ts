/**
 * Every item of a list action, across pages. Statuspage lists silently stop at 100 items unless paged, and page in
 * three dialects (see `Endpoint.Paging`); these helpers hide both: they ask for 100 items per page (the most the API
 * gives) and stop on the first short page. Each page is one call of the action, so it goes through the policies
 * (pacing, retries) like any other.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as Endpoint from "./Endpoint.js"
import { invalidInput } from "./internal/errorMapping.js"
import { RequestError } from "./StatusPageError.js"

/**
 * The page size the helpers ask for: Statuspage's maximum.
 *
 * @since 0.1.0
 * @category Constants
 */
export const pageSize = 100

const dialects = {
  page: { first: 1, size: "per_page" },
  limit: { first: 1, size: "limit" },
  offset: { first: 0, size: "limit" }
} as const

/**
 * All items of a list action, fetched page by page as the stream is read. Takes the action's own arguments (ids,
 * then input, then call options); its paging fields (`page`, `per_page` or `limit`) are set by the stream.
 *
 * @example
 * ```ts
 * Pagination.stream(Components.list).pipe(Stream.runForEach((component) => Console.log(component.name)))
 * ```
 *
 * @since 0.1.0
 * @category Streams
 */
export const stream = <Args extends ReadonlyArray<unknown>, A, E>(
  action: Endpoint.Action<Args, ReadonlyArray<A>, E>,
  ...args: Args
): Stream.Stream<A, E | RequestError, Endpoint.Requirements> => {
  const { endpoint } = action
  if (endpoint.paging === undefined) {
    return Stream.fail(
      invalidInput({ method: endpoint.method, urlTemplate: endpoint.path }, "", `${endpoint.name} is not a paged list`)
    )
  }
  const dialect = dialects[endpoint.paging]
  const at = endpoint.idParams.length
  const argsFor = (page: number) => {
    const pageArgs = [...args]
    pageArgs[at] = { ...(args[at] as object | undefined), page, [dialect.size]: pageSize }
    return pageArgs as unknown as Args
  }
  return Stream.paginateChunkEffect(dialect.first as number, (page) =>
    Effect.map(
      action(...argsFor(page)),
      (items) =>
        [Chunk.unsafeFromArray(items), items.length < pageSize ? Option.none() : Option.some(page + 1)] as const
    )
  )
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface CollectOptions {
  /** The most items expected; more is an error, never a silent cut. */
  readonly max: number
}

/**
 * All items of a list action in one array, or a `RequestError` with reason `TooManyItems` when there are more than
 * `max` (it reads at most one page past `max` to find out). Takes the action's own arguments after the options.
 *
 * @example
 * ```ts
 * const all = yield* Pagination.collect(Components.list, { max: 1000 })
 * const open = yield* Pagination.collect(Incidents.list, { max: 500 }, { q: "database" })
 * ```
 *
 * @since 0.1.0
 * @category Streams
 */
export const collect = <Args extends ReadonlyArray<unknown>, A, E>(
  action: Endpoint.Action<Args, ReadonlyArray<A>, E>,
  options: CollectOptions,
  ...args: Args
): Effect.Effect<Array<A>, E | RequestError, Endpoint.Requirements> =>
  Effect.flatMap(Stream.runCollect(Stream.take(stream(action, ...args), options.max + 1)), (chunk) => {
    if (chunk.length <= options.max) return Effect.succeed(Chunk.toArray(chunk))
    const { method, path, name } = action.endpoint
    return Effect.fail(
      new RequestError({
        method,
        urlTemplate: path,
        reason: "TooManyItems",
        errors: [],
        message: `${method} ${path}: ${name} has more than ${options.max} items; raise max or read Pagination.stream`
      })
    )
  })
