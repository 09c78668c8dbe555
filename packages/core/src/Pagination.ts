/**
 * Every item of a list action, across pages. Statuspage lists silently stop at 100 items unless paged, and page in
 * three dialects (see `Endpoint.Paging`); these helpers hide both: they ask for 100 items per page (the most the API
 * gives) and stop on the first short page. Each page is one call of the action, so it goes through the policies
 * (pacing, retries) like any other. They never loop forever: a page with the same ids as the page before it (a server
 * that ignores `page`) ends the list, and more than `maxPages` pages (default 1,000, i.e. 100,000 items) fail.
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
 * @since 0.1.0
 * @category Models
 */
export interface StreamOptions {
  /** The most pages to read; one more is a `RequestError` `TooManyItems`. Default 1,000. */
  readonly maxPages?: number | undefined
}

/**
 * The default bound on pages.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultMaxPages = 1000

const idsOf = (items: ReadonlyArray<unknown>): string | undefined => {
  const ids: Array<unknown> = []
  for (const item of items) {
    const id = (item as { readonly id?: unknown } | null)?.id
    if (typeof id !== "string" && typeof id !== "number") return undefined
    ids.push(id)
  }
  return JSON.stringify(ids)
}

const tooMany = (endpoint: Endpoint.Endpoint, what: string, hint: string) =>
  new RequestError({
    method: endpoint.method,
    urlTemplate: endpoint.path,
    reason: "TooManyItems",
    errors: [],
    message: `${endpoint.method} ${endpoint.path}: ${endpoint.name} has more than ${what}; ${hint}`
  })

/**
 * `stream` with options: `maxPages` bounds the pages read.
 *
 * @example
 * ```ts
 * Pagination.streamWith(Incidents.list, { maxPages: 10 }, { q: "database" })
 * ```
 *
 * @since 0.1.0
 * @category Streams
 */
export const streamWith = <Args extends ReadonlyArray<unknown>, A, E>(
  action: Endpoint.Action<Args, ReadonlyArray<A>, E>,
  options: StreamOptions,
  ...args: Args
): Stream.Stream<A, E | RequestError, Endpoint.Requirements> => {
  const { endpoint } = action
  if (endpoint.paging === undefined) {
    return Stream.fail(
      invalidInput({ method: endpoint.method, urlTemplate: endpoint.path }, "", `${endpoint.name} is not a paged list`)
    )
  }
  const dialect = dialects[endpoint.paging]
  const maxPages = options.maxPages ?? defaultMaxPages
  const at = endpoint.idParams.length
  const argsFor = (page: number) => {
    const pageArgs = [...args]
    pageArgs[at] = { ...(args[at] as object | undefined), page, [dialect.size]: pageSize }
    return pageArgs as unknown as Args
  }
  // The state: the page to read, how many were read, and the ids of the last one.
  const start = [dialect.first as number, 0, undefined] as const
  type State = readonly [number, number, string | undefined]
  return Stream.paginateChunkEffect(
    start,
    ([page, read, previous]): Effect.Effect<
      readonly [Chunk.Chunk<A>, Option.Option<State>],
      E | RequestError,
      Endpoint.Requirements
    > => {
      if (read === maxPages) {
        return Effect.fail(tooMany(endpoint, `${maxPages} pages`, "raise maxPages or narrow the query"))
      }
      return Effect.map(action(...argsFor(page)), (items) => {
        const ids = idsOf(items)
        // The same ids as the page before: the server ignores `page`, and reading on would never end.
        if (items.length > 0 && ids !== undefined && ids === previous) return [Chunk.empty<A>(), Option.none()] as const
        const next = items.length < pageSize ? Option.none() : Option.some([page + 1, read + 1, ids] as const)
        return [Chunk.unsafeFromArray(items), next] as const
      })
    }
  )
}

/**
 * All items of a list action, fetched page by page as the stream is read. Takes the action's own arguments (ids,
 * then input, then call options); its paging fields (`page`, `per_page` or `limit`) are set by the stream. Reads at
 * most `defaultMaxPages` pages (see `streamWith`).
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
): Stream.Stream<A, E | RequestError, Endpoint.Requirements> => streamWith(action, {}, ...args)

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
  Effect.flatMap(
    Stream.runCollect(
      Stream.take(
        // enough pages for `max` items, so that `max` is the bound that speaks
        streamWith(action, { maxPages: Math.max(defaultMaxPages, Math.ceil((options.max + 1) / pageSize)) }, ...args),
        options.max + 1
      )
    ),
    (chunk) => {
      if (chunk.length <= options.max) return Effect.succeed(Chunk.toArray(chunk))
      return Effect.fail(tooMany(action.endpoint, `${options.max} items`, "raise max or read Pagination.stream"))
    }
  )
