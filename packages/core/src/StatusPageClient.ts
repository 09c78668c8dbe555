/**
 * The seed-style facade: one value whose properties are the resource groups, with every action bound to the
 * config and `HttpClient` it was made with, so `client.components.list()` needs nothing more.
 *
 * It is derived from the resource modules themselves (`groups` below, from the one list of them), so it cannot
 * drift from the actions. Importing this module pulls in every group; import single modules to keep bundles small.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type Action, isAction } from "./Endpoint.js"
import * as Modules from "./internal/groups.js"
import type { StatusPageConfig } from "./StatusPageConfig.js"

/**
 * Every resource module under its facade name: the module's name in camelCase (`Components` is `components`).
 *
 * @since 0.1.0
 * @category Models
 */
export type Groups = { readonly [M in keyof typeof Modules as Uncapitalize<M>]: (typeof Modules)[M] }

/**
 * Every resource module, under its facade name, derived from the one list of groups. The coverage table, the
 * reference docs and the fake Statuspage all walk this record.
 *
 * @since 0.1.0
 * @category Groups
 */
export const groups: Groups = Object.fromEntries(
  Object.entries(Modules)
    // name order, whatever order the loader gives a namespace (native ESM sorts it; a transpiled one may not)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, module]) => [name[0]!.toLowerCase() + name.slice(1), module])
) as unknown as Groups

/**
 * A resource module with its actions bound: no requirements left.
 *
 * @since 0.1.0
 * @category Models
 */
export type Bound<M> = {
  readonly [K in keyof M as M[K] extends Action<any, any, any> ? K : never]: M[K] extends Action<
    infer Args,
    infer A,
    infer E
  >
    ? (...args: Args) => Effect.Effect<A, E>
    : never
}

/**
 * @since 0.1.0
 * @category Models
 */
export type Client = { readonly [G in keyof Groups]: Bound<Groups[G]> }

/**
 * @since 0.1.0
 * @category Context
 */
export class StatusPageClient extends Context.Tag("@effect-statuspage/StatusPageClient")<StatusPageClient, Client>() {}

const bindGroup = (
  module: Record<string, unknown>,
  context: Context.Context<StatusPageConfig | HttpClient.HttpClient>
) => {
  const bound: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(module)) {
    if (isAction(value)) bound[key] = (...args: ReadonlyArray<unknown>) => Effect.provide(value(...args), context)
  }
  return bound
}

/**
 * Binds every action to the config and `HttpClient` in context.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make: Effect.Effect<Client, never, StatusPageConfig | HttpClient.HttpClient> = Effect.map(
  Effect.context<StatusPageConfig | HttpClient.HttpClient>(),
  (context) => {
    const client: Record<string, unknown> = {}
    for (const [name, module] of Object.entries(groups)) client[name] = bindGroup(module, context)
    return client as unknown as Client
  }
)

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<StatusPageClient, never, StatusPageConfig | HttpClient.HttpClient> = Layer.effect(
  StatusPageClient,
  make
)

/**
 * Every declared action, as `[groupName, exportName, action]`.
 *
 * @since 0.1.0
 * @category Groups
 */
export const actions = (): Array<readonly [string, string, Action<ReadonlyArray<unknown>, unknown, unknown>]> =>
  Object.entries(groups).flatMap(([group, module]) =>
    Object.entries(module)
      .filter(([, value]) => isAction(value))
      .map(([name, value]) => [group, name, value as Action<ReadonlyArray<unknown>, unknown, unknown>] as const)
  )
