/**
 * The bridge as an `HttpApp`, to serve with any `@effect/platform` server (the Node one is `BridgeServer`) or to mount
 * in your own:
 *
 * - `POST /webhook/alertmanager`, `/webhook/grafana`, `/webhook/generic`: a notification. Answered `202` with the
 *   number of alerts taken as soon as it is decoded; the writes happen in the background. A body that is not the
 *   format is `400` (and a `PayloadError` in the logs), an oversized one `413`, missing or wrong credentials `401`;
 *   once the engine drains (it is stopping), `503` with `Retry-After`, so that the sender sends it again later.
 * - `GET /healthz`: `200 ok`.
 * - `GET /metrics`: the counters in Prometheus text format (no credentials needed; it holds no secrets).
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Bridge from "./Bridge.js"
import * as BridgeAlert from "./BridgeAlert.js"
import type * as BridgeConfig from "./BridgeConfig.js"
import { authorized } from "./internal/auth.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** What a webhook request must present; none: no authentication (then listen on loopback only). */
  readonly credentials?: BridgeConfig.Credentials | undefined
  /** Bodies over this many bytes are refused; default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
}

const webhookPrefix = "/webhook/"
const encoder = new TextEncoder()

const pathname = (url: string): string => {
  const query = url.indexOf("?")
  return query === -1 ? url : url.slice(0, query)
}

/**
 * Makes the app; it needs the `Bridge` engine.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): Effect.Effect<HttpApp.Default, never, Bridge.Bridge> =>
  Effect.map(Bridge.Bridge, (bridge) => {
    const credentials = options.credentials ?? {}
    const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
    const refuse = (status: number, reason: string, message: string, headers?: Record<string, string>) =>
      Effect.as(bridge.reject(reason), HttpServerResponse.unsafeJson({ error: message }, { status, headers }))

    const webhook = (request: HttpServerRequest.HttpServerRequest, format: BridgeAlert.Format) =>
      Effect.gen(function* () {
        if (!authorized(credentials, request.headers.authorization)) {
          yield* Effect.logWarning(`statuspage bridge: refused a ${format} notification without valid credentials`)
          return yield* refuse(401, "unauthorized", "missing or wrong credentials")
        }
        const length = Number(request.headers["content-length"] ?? 0)
        if (length > maxBodyBytes) {
          return yield* refuse(413, "too_large", `body of ${length} bytes is over ${maxBodyBytes}`)
        }
        // The Node server stops reading at the limit; other servers may not, hence the check after reading too.
        const text = yield* HttpIncomingMessage.withMaxBodySize(Effect.either(request.text), Option.some(maxBodyBytes))
        if (Either.isLeft(text) || encoder.encode(text.right).byteLength > maxBodyBytes) {
          return yield* refuse(413, "too_large", `body is over ${maxBodyBytes} bytes or could not be read`)
        }
        const notification = BridgeAlert.decodeJson(format, text.right)
        if (Either.isLeft(notification)) {
          yield* Effect.logWarning("statuspage bridge: refused a malformed notification", notification.left)
          return yield* refuse(400, "malformed", notification.left.message)
        }
        return yield* bridge.ingest(notification.right).pipe(
          Effect.map((ingested) => HttpServerResponse.unsafeJson(ingested, { status: 202 })),
          Effect.catchTag("StoppingError", (error) => refuse(503, "stopping", error.message, { "retry-after": "30" }))
        )
      })

    return Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const path = pathname(request.url)
      const read = request.method === "GET" || request.method === "HEAD"
      if (path === "/healthz") {
        return read
          ? HttpServerResponse.text("ok\n")
          : HttpServerResponse.empty({ status: 405, headers: { allow: "GET" } })
      }
      if (path === "/metrics") {
        return read
          ? HttpServerResponse.text(yield* bridge.metrics, { contentType: "text/plain; version=0.0.4; charset=utf-8" })
          : HttpServerResponse.empty({ status: 405, headers: { allow: "GET" } })
      }
      if (path.startsWith(webhookPrefix)) {
        const format = BridgeAlert.formats.find((f) => f === path.slice(webhookPrefix.length))
        if (format === undefined) return HttpServerResponse.unsafeJson({ error: "unknown format" }, { status: 404 })
        if (request.method !== "POST") return HttpServerResponse.empty({ status: 405, headers: { allow: "POST" } })
        return yield* webhook(request, format)
      }
      return HttpServerResponse.unsafeJson({ error: "not found" }, { status: 404 })
    })
  })
