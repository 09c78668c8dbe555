/**
 * The one-call layer for runtimes that have `fetch` and nothing Node-specific (Bun, Deno, Cloudflare Workers,
 * browsers): `StatusPageConfig` read through `Config` (the environment by default) and `@effect/platform`'s
 * `FetchHttpClient` wrapped in the default policies (pacing, safe retries, per-attempt timeout). The Node
 * counterpart, over undici, is `StatusPageNode.layer` in `@effect-statuspage/platform-node`.
 *
 * @example
 * ```ts
 * import { Components, StatusPageFetch } from "@effect-statuspage/core"
 * import { ConfigProvider, Effect, Layer } from "effect"
 *
 * // Bun and Deno (`deno run --allow-net --allow-env`): STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID from the environment
 * Effect.runPromise(Components.list().pipe(Effect.provide(StatusPageFetch.layer())))
 *
 * // Cloudflare Workers: the settings come from the Worker's `env` binding
 * const layerFor = (env: Record<string, string>) =>
 *   StatusPageFetch.layer().pipe(Layer.provide(Layer.setConfigProvider(ConfigProvider.fromJson(env))))
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Layer from "effect/Layer"
import * as Policies from "./Policies.js"
import * as StatusPageConfig from "./StatusPageConfig.js"
import type { ConfigurationError } from "./StatusPageError.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options<E = never, R = never> extends Policies.Options<E, R> {
  /** The settings the environment does not give (`userAgent`, `timeout`, `verbose`). */
  readonly config?: Parameters<typeof StatusPageConfig.layerFromEnv>[0]
}

/**
 * `StatusPageConfig` from `Config` and a `fetch`-based `HttpClient` wrapped in the policies.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = <E = never, R = never>(
  options: Options<E, R> = {}
): Layer.Layer<StatusPageConfig.StatusPageConfig | HttpClient.HttpClient, E | ConfigurationError, R> =>
  Layer.merge(
    Policies.layer(options).pipe(Layer.provide(FetchHttpClient.layer)),
    StatusPageConfig.layerFromEnv(options.config)
  )
