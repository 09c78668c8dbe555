/**
 * The fake Statuspage (`StatusPageTest` from the core) served over real HTTP on loopback, for examples, other
 * processes and other languages. The same app answers as in-process; a dropped connection destroys the socket.
 *
 * @since 0.1.0
 */
import { createServer } from "node:http"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as UndiciHttpClient from "@effect-statuspage/platform-node/UndiciHttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as StatusPageTest from "./StatusPageTest.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options extends StatusPageTest.Options {
  /** Default `0`: a free port. */
  readonly port?: number
  /** Default `127.0.0.1`. */
  readonly host?: string
}

/**
 * The fake's app for a Node server: `ConnectionDropped` destroys the request's socket, so the client sees a reset.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const nodeApp = (fake: StatusPageTest.Service) =>
  Effect.catchTag(fake.app, "ConnectionDropped", () =>
    Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
      NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
      return HttpServerResponse.empty()
    })
  )

/**
 * The API root of the running server, e.g. `http://127.0.0.1:4010/v1`.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const baseUrl: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(
  HttpServer.HttpServer,
  (server) => {
    const address = server.address
    if (address._tag === "UnixAddress") return `http://localhost/v1`
    const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname
    return `http://${host}:${address.port}/v1`
  }
)

/**
 * Whether only this machine can reach a server bound to `host`: `localhost`, `127.0.0.0/8` or `::1`.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isLoopback = (host: string): boolean =>
  /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i.test(host)

/**
 * A fresh fake served on `host:port` (127.0.0.1 and a free port by default) for the layer's lifetime. Any other host
 * than a loopback one logs a warning first: other machines can then reach a server that accepts a known key.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<StatusPageTest.FakeStatusPage | HttpServer.HttpServer, HttpServerError.ServeError> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const host = options.host ?? "127.0.0.1"
      if (!isLoopback(host)) {
        yield* Effect.logWarning(
          `the fake Statuspage binds to ${host}, not a loopback address: other machines can reach it and use its key`
        )
      }
      const fake = yield* StatusPageTest.make(options)
      return HttpServer.serve(nodeApp(fake)).pipe(
        Layer.provideMerge(NodeHttpServer.layerServer(createServer, { port: options.port ?? 0, host })),
        Layer.merge(Layer.succeed(StatusPageTest.FakeStatusPage, fake))
      )
    })
  )

/**
 * A fake on a free loopback port plus what an action needs to reach it over HTTP: an undici `HttpClient` and a
 * `StatusPageConfig` with the fake's key, page and organization at the server's URL.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerTest = (
  options: Options = {}
): Layer.Layer<
  StatusPageTest.FakeStatusPage | HttpServer.HttpServer | StatusPageConfig.StatusPageConfig | HttpClient.HttpClient,
  HttpServerError.ServeError
> =>
  Layer.effectContext(
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      return Context.make(StatusPageConfig.StatusPageConfig, yield* StatusPageTest.config(fake, yield* baseUrl))
    })
  ).pipe(Layer.provideMerge(layer(options)), Layer.merge(UndiciHttpClient.layer))
