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
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
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
): Layer.Layer<StatusPageConfig.StatusPageConfig | HttpClient.HttpClient, E | ConfigurationError, R> => {
  const transport = options.httpClient ?? UndiciHttpClient.layer
  return Layer.merge(
    Policies.layer(options).pipe(
      Layer.provide(
        options.tracePropagation === false
          ? Layer.effect(
              HttpClient.HttpClient,
              Effect.map(HttpClient.HttpClient, (client) => HttpClient.withTracerPropagation(client, false))
            ).pipe(Layer.provide(transport))
          : transport
      )
    ),
    StatusPageConfig.layerFromEnv(options.config)
  )
}
