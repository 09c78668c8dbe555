/**
 * The production layer in one call: a lean HTTP client over undici (`UndiciHttpClient`, which sends `traceparent`),
 * the config from the environment, and the default policies (pacing to 60 requests per rolling 60 s per API key, safe
 * retries, a per-attempt timeout).
 *
 * @example
 * ```ts
 * import { StatusPageNode } from "@effect-statuspage/platform-node"
 *
 * program.pipe(Effect.provide(StatusPageNode.layer()))
 * // shared budget across processes, longer timeout, no retries:
 * program.pipe(
 *   Effect.provide(
 *     StatusPageNode.layer({
 *       rateLimit: RedisRateLimiter.layer({ redis: process.env.REDIS_URL! }),
 *       timeout: { timeout: "60 seconds" },
 *       retry: false
 *     })
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Policies from "@effect-statuspage/core/Policies"
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import type { ConfigurationError } from "@effect-statuspage/core/StatusPageError"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as UndiciHttpClient from "./UndiciHttpClient.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options<E = never, R = never> extends Policies.Options<E, R> {
  /** The settings the environment does not give (`userAgent`, `timeout`, `verbose`). */
  readonly config?: Parameters<typeof StatusPageConfig.layerFromEnv>[0]
  /** The client under the policies; default `UndiciHttpClient.layer` (lean, no client span of its own). */
  readonly httpClient?: Layer.Layer<HttpClient.HttpClient, E, R>
  /**
   * Send the current trace context (`traceparent`) with each request; default `true`. `false` turns it off for this
   * layer, as `Effect.locally(HttpClient.currentTracerPropagation, false)` does for one effect.
   */
  readonly tracePropagation?: boolean | undefined
}

/**
 * `StatusPageConfig` from the environment and an `HttpClient` wrapped in the policies.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = <E = never, R = never>(
  options: Options<E, R> = {}
): Layer.Layer<StatusPageConfig.StatusPageConfig | HttpClient.HttpClient, E | ConfigurationError, R> =>
  Layer.merge(policies(options), StatusPageConfig.layerFromEnv(options.config))

/** The `HttpClient` of `layer` and `layerConfig`: the transport (trace propagation as asked) under the policies. */
const policies = <E, R>(
  options: Omit<Options<E, R>, "config">
): Layer.Layer<HttpClient.HttpClient, E | ConfigurationError, R> => {
  const transport = options.httpClient ?? UndiciHttpClient.layer
  return Policies.layer(options).pipe(
    Layer.provide(
      options.tracePropagation === false
        ? Layer.effect(
            HttpClient.HttpClient,
            Effect.map(HttpClient.HttpClient, (client) => HttpClient.withTracerPropagation(client, false))
          ).pipe(Layer.provide(transport))
        : transport
    )
  )
}

const optionalString = (name: string) => Config.option(Config.string(name)).pipe(Config.map(Option.getOrUndefined))

/**
 * The settings `layerConfig` reads by default: `STATUSPAGE_API_KEY` (as `Config.redacted`, so the key is never a
 * plain string), `STATUSPAGE_PAGE_ID`, `STATUSPAGE_ORGANIZATION_ID`, `STATUSPAGE_BASE_URL`, `STATUSPAGE_USER_AGENT`,
 * `STATUSPAGE_TIMEOUT` (a duration, e.g. `10 seconds`) and `STATUSPAGE_VERBOSE`, from the current `ConfigProvider`.
 * A missing key is left to the config's validation, whose `ConfigurationError` names the variable; a missing page or
 * organization id fails only the actions that need it, when they are called.
 *
 * @since 0.1.0
 * @category Config
 */
export const config: Config.Config<StatusPageConfig.Options> = Config.all({
  apiKey: Config.option(Config.redacted("STATUSPAGE_API_KEY")).pipe(Config.map(Option.getOrUndefined)),
  pageId: optionalString("STATUSPAGE_PAGE_ID"),
  organizationId: optionalString("STATUSPAGE_ORGANIZATION_ID"),
  baseUrl: optionalString("STATUSPAGE_BASE_URL"),
  userAgent: optionalString("STATUSPAGE_USER_AGENT"),
  timeout: Config.option(Config.duration("STATUSPAGE_TIMEOUT")).pipe(Config.map(Option.getOrUndefined)),
  verbose: Config.option(Config.boolean("STATUSPAGE_VERBOSE")).pipe(Config.map(Option.getOrUndefined))
})

/**
 * `layer`, with the settings read from Effect `Config`s (`config` above unless given), so that they can come from
 * any `ConfigProvider` (files, secrets managers, tests) and the key stays `Redacted`.
 *
 * @example
 * ```ts
 * import { StatusPageNode } from "@effect-statuspage/platform-node"
 * import { Config } from "effect"
 *
 * StatusPageNode.layerConfig() // the STATUSPAGE_* variables
 * StatusPageNode.layerConfig({ apiKey: Config.redacted("SP_KEY"), pageId: Config.string("SP_PAGE") }, { retry: false })
 * ```
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfig = <E = never, R = never>(
  settings: Config.Config.Wrap<StatusPageConfig.Options> = config,
  options: Omit<Options<E, R>, "config"> = {}
): Layer.Layer<
  StatusPageConfig.StatusPageConfig | HttpClient.HttpClient,
  E | ConfigurationError | ConfigError.ConfigError,
  R
> => Layer.merge(policies(options), StatusPageConfig.layerConfig(settings))
