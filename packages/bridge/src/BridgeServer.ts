/**
 * The bridge on Node's HTTP server: the only module of the package that needs `@effect/platform-node` and
 * `@effect-statuspage/platform-node` (import it as `@effect-statuspage/bridge/BridgeServer`; the rest of the package
 * is platform-agnostic).
 *
 * @example
 * ```ts
 * import { NodeRuntime } from "@effect/platform-node"
 * import * as BridgeServer from "@effect-statuspage/bridge/BridgeServer"
 * import { Effect } from "effect"
 *
 * // STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID come from the environment.
 * Effect.flatMap(BridgeServer.load("bridge.yaml"), (config) => BridgeServer.run({ config, port: 9095 }))
 *   .pipe(NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 */
import { readFile } from "node:fs/promises"
import { createServer } from "node:http"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import { ConfigurationError } from "@effect-statuspage/core/StatusPageError"
import * as StatusPageNode from "@effect-statuspage/platform-node/StatusPageNode"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Bridge from "./Bridge.js"
import * as BridgeConfig from "./BridgeConfig.js"
import * as BridgeHandler from "./BridgeHandler.js"
import * as BridgePublisher from "./BridgePublisher.js"

/**
 * The port the bridge listens on unless told otherwise.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultPort = 9095

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options<E = never, R = never> {
  readonly config: BridgeConfig.BridgeConfig
  /** Default 9095; `0` picks a free port. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. Listen elsewhere only with `auth` set in the config. */
  readonly host?: string | undefined
  /** A Redis URL: pace writes with budgets shared by every replica using it (`RedisRateLimiter`). */
  readonly redis?: string | undefined
  /**
   * The Statuspage client the jobs use; default `StatusPageNode.layer` (key and page from `STATUSPAGE_API_KEY` and
   * `STATUSPAGE_PAGE_ID`), paced through Redis when `redis` is given.
   */
  readonly statusPage?: Layer.Layer<HttpClient.HttpClient | StatusPageConfig.StatusPageConfig, E, R> | undefined
}

/**
 * Reads and validates a config file; errors name the file, line and column.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const load = (path: string): Effect.Effect<BridgeConfig.BridgeConfig, BridgeConfig.BridgeConfigError> =>
  Effect.tryPromise({
    try: () => readFile(path, "utf8"),
    catch: (e) =>
      new BridgeConfig.BridgeConfigError({
        reason: "Unreadable",
        source: path,
        line: 1,
        column: 1,
        path: "",
        detail: (e as NodeJS.ErrnoException).code ?? "the file could not be read"
      })
  }).pipe(
    Effect.flatMap((text) =>
      Either.match(BridgeConfig.parse(text, path), { onLeft: Effect.fail, onRight: Effect.succeed })
    )
  )

/** `ioredis` is an optional peer of platform-node: its entry point is loaded only when a Redis URL is given. */
const redisRateLimit = (redis: string): Layer.Layer<HttpClient.HttpClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.tryPromise({
      try: () => import("@effect-statuspage/platform-node/RedisRateLimiter"),
      catch: (cause) =>
        new ConfigurationError({
          setting: "redis",
          reason: "Invalid",
          message: `sharing the rate limit through Redis needs the optional peer ioredis (npm i ioredis): ${cause instanceof Error ? cause.message : String(cause)}`
        })
    }).pipe(Effect.map((RedisRateLimiter) => RedisRateLimiter.layer({ redis })))
  )

const productionClient = (redis: string | undefined) =>
  redis === undefined
    ? StatusPageNode.layer()
    : StatusPageNode.layer<ConfigurationError, never>({ rateLimit: redisRateLimit(redis) })

/**
 * The server as a layer: serves the handler on `host:port` and runs the engine, with the credentials the config
 * names read from the environment. Releasing it drains the engine while the server still answers (new webhooks get
 * `503`; see `Bridge.Service.drain`, bounded by the config's `drain_timeout`), then closes the server. The `Bridge`
 * it provides lets a program drain earlier, e.g. interruptibly.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = <E = never, R = never>(
  options: Options<E, R>
): Layer.Layer<
  HttpServer.HttpServer | Bridge.Bridge,
  HttpServerError.ServeError | ConfigError.ConfigError | ConfigurationError | E,
  R
> => {
  const statusPage: Layer.Layer<HttpClient.HttpClient | StatusPageConfig.StatusPageConfig, E | ConfigurationError, R> =
    options.statusPage ?? productionClient(options.redis)
  const serve = Layer.scopedDiscard(
    Effect.gen(function* () {
      const credentials = yield* BridgeConfig.auth(options.config)
      const app = yield* BridgeHandler.make({ credentials, maxBodyBytes: options.config.max_body_bytes })
      yield* HttpServer.serveEffect(app)
      // Added after serving began: runs before serving stops, so webhooks sent meanwhile are answered 503.
      yield* Effect.addFinalizer(() => Bridge.drain)
    })
  )
  return serve.pipe(
    Layer.provideMerge(Bridge.layer(options.config)),
    Layer.provide(BridgePublisher.layer),
    Layer.provide(statusPage),
    HttpServer.withLogAddress,
    Layer.provideMerge(
      NodeHttpServer.layer(createServer, { port: options.port ?? defaultPort, host: options.host ?? "127.0.0.1" })
    )
  )
}

/**
 * Runs the server until interrupted (e.g. by `NodeRuntime.runMain` on SIGINT/SIGTERM).
 *
 * @since 0.1.0
 * @category Running
 */
export const run = <E = never, R = never>(
  options: Options<E, R>
): Effect.Effect<never, HttpServerError.ServeError | ConfigError.ConfigError | ConfigurationError | E, R> =>
  Layer.launch(layer(options))

/**
 * The address the server listens on, as a URL without a trailing slash (`http://127.0.0.1:9095`).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const url: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(HttpServer.HttpServer, (server) => {
  const address = server.address
  if (address._tag === "UnixAddress") return "http://localhost"
  const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname
  return `http://${host}:${address.port}`
})
