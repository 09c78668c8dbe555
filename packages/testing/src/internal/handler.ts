/**
 * What a group's fake handlers look like: one function per action, keyed like the group module's exports, typed
 * from the action itself (its decoded input in, its decoded result out).
 */

import type { Action } from "@effect-statuspage/core/Endpoint"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import type { Store } from "./store.js"

/** A request that matched an endpoint, with its input decoded by the endpoint's own schema. */
export interface FakeRequest<I> {
  /** The path placeholders by name (`page_id`, `component_id`, ...), percent-decoded. */
  readonly params: Readonly<Record<string, string>>
  readonly input: I
  /** The time of this request, ISO-8601, from `Clock`. */
  readonly now: string
  readonly store: Store
}

/** An error answer: the status and Statuspage's `{"error": ...}` body. */
export class FakeFailure extends Data.TaggedError("FakeFailure")<{
  readonly status: number
  readonly error: string | ReadonlyArray<string>
}> {}

export type Handler<I, A> = (request: FakeRequest<I>) => Effect.Effect<A, FakeFailure>

/** The input of an action, from its arguments `[...ids, input?, options?]` (inputs are objects, ids strings). */
type InputOf<Args extends ReadonlyArray<unknown>> =
  Required<Args> extends readonly [...ReadonlyArray<unknown>, infer I, unknown]
    ? I extends string
      ? void
      : NonNullable<I>
    : void

/**
 * Handlers for the actions of the resource module `M`. Each is optional so that declaring an action never breaks
 * the build; the fake answers a missing one with 501 and `StatusPageTest.unhandled` lists it.
 */
export type GroupHandlers<M> = {
  readonly [K in keyof M as M[K] extends Action<any, any, any> ? K : never]?: M[K] extends Action<
    infer Args,
    infer A,
    any
  >
    ? Handler<InputOf<Args>, A>
    : never
}

export const notFound = (what = "resource"): FakeFailure =>
  new FakeFailure({ status: 404, error: `The requested ${what} could not be found.` })

export const unprocessable = (message: string): FakeFailure => new FakeFailure({ status: 422, error: [message] })

/** The row `id` of `table` if `belongs` accepts it (e.g. it is on the request's page), or a 404. */
export const find = <Row>(
  table: Map<string, Row>,
  id: string | undefined,
  what: string,
  belongs: (row: Row) => boolean = () => true
): Effect.Effect<Row, FakeFailure> => {
  const row = id === undefined ? undefined : table.get(id)
  return row === undefined || !belongs(row) ? Effect.fail(notFound(what)) : Effect.succeed(row)
}
