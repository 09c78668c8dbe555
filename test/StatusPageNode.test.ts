import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Components, StatusPageConfig } from "@effect-statuspage/core"
import { StatusPageNode } from "@effect-statuspage/platform-node"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { API_KEY, component, PAGE_ID } from "./support/fixtures.js"

/** A loopback server answering the n-th request with `answer(n)`; it records what it received. */
const serve = (answer: (n: number, request: IncomingMessage) => { status: number; body: unknown; headers?: {} }) =>
  Effect.acquireRelease(
    Effect.async<{
      url: string
      seen: Array<{ method: string; url: string; authorization: string; traceparent: string | undefined }>
      close: () => void
    }>((resume) => {
      const seen: Array<{ method: string; url: string; authorization: string; traceparent: string | undefined }> = []
      const server = createServer((request, response) => {
        seen.push({
          method: request.method!,
          url: request.url!,
          authorization: request.headers.authorization ?? "",
          traceparent: request.headers.traceparent as string | undefined
        })
        const { status, body, headers } = answer(seen.length, request)
        response.writeHead(status, { "content-type": "application/json", ...headers })
        response.end(JSON.stringify(body))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}/v1`, seen, close: () => server.close() }))
      })
    }),
    (server) => Effect.sync(server.close)
  )

describe("StatusPageNode", () => {
  it.scopedLive("one layer: config from the environment, Node HTTP, retries on 429 honouring Retry-After", () =>
    Effect.gen(function* () {
      const server = yield* serve((n) =>
        n === 1
          ? { status: 429, body: { error: "rate limited" }, headers: { "retry-after": "1" } }
          : { status: 200, body: [component()] }
      )
      const env = ConfigProvider.fromMap(
        new Map([
          ["STATUSPAGE_API_KEY", API_KEY],
          ["STATUSPAGE_PAGE_ID", PAGE_ID],
          ["STATUSPAGE_BASE_URL", server.url]
        ])
      )
      const components = yield* Components.list().pipe(
        Effect.provide(StatusPageNode.layer()),
        Effect.withConfigProvider(env)
      )
      assert.strictEqual(components.length, 1)
      assert.deepStrictEqual(
        server.seen.map((r) => [r.method, r.url, r.authorization]),
        [
          ["GET", `/v1/pages/${PAGE_ID}/components`, `OAuth ${API_KEY}`],
          ["GET", `/v1/pages/${PAGE_ID}/components`, `OAuth ${API_KEY}`]
        ]
      )
    })
  )

  it.scoped("propagates the action's span as traceparent by default; tracePropagation: false turns it off", () =>
    Effect.gen(function* () {
      const server = yield* serve(() => ({ status: 200, body: [component()] }))
      const env = ConfigProvider.fromMap(
        new Map([
          ["STATUSPAGE_API_KEY", API_KEY],
          ["STATUSPAGE_PAGE_ID", PAGE_ID],
          ["STATUSPAGE_BASE_URL", server.url]
        ])
      )
      const span = yield* Components.list().pipe(
        Effect.zipRight(Effect.currentSpan),
        Effect.withSpan("caller"),
        Effect.provide(StatusPageNode.layer()),
        Effect.withConfigProvider(env)
      )
      const traceparent = server.seen[0]!.traceparent
      assert.isDefined(traceparent)
      assert.match(traceparent!, new RegExp(`^00-${span.traceId}-[0-9a-f]{16}-01$`))
      assert.notInclude(traceparent!, span.spanId, "the parent is the action's span, not the caller's")
      yield* Components.list().pipe(
        Effect.locally(HttpClient.currentTracerPropagation, false),
        Effect.withSpan("caller"),
        Effect.provide(StatusPageNode.layer()),
        Effect.withConfigProvider(env)
      )
      assert.isUndefined(server.seen[1]!.traceparent)
      yield* Components.list().pipe(
        Effect.withSpan("caller"),
        Effect.provide(StatusPageNode.layer({ tracePropagation: false })),
        Effect.withConfigProvider(env)
      )
      assert.isUndefined(server.seen[2]!.traceparent)
    })
  )

  it.effect("layerConfig reads the settings from Config, the key as Redacted; a missing key names its variable", () =>
    Effect.gen(function* () {
      const env = ConfigProvider.fromMap(
        new Map([
          ["STATUSPAGE_API_KEY", API_KEY],
          ["STATUSPAGE_PAGE_ID", PAGE_ID],
          ["STATUSPAGE_TIMEOUT", "7 seconds"]
        ])
      )
      const config = yield* StatusPageConfig.StatusPageConfig.pipe(
        Effect.provide(StatusPageNode.layerConfig()),
        Effect.withConfigProvider(env)
      )
      assert.deepStrictEqual(config.pageId, Option.some(PAGE_ID))
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(7)))
      assert.strictEqual(Redacted.value(config.apiKey), API_KEY)
      assert.notInclude(String(config.apiKey), API_KEY)

      const custom = ConfigProvider.fromMap(
        new Map([
          ["SP_KEY", API_KEY],
          ["SP_PAGE", "custom-page"]
        ])
      )
      const mine = yield* StatusPageConfig.StatusPageConfig.pipe(
        Effect.provide(
          StatusPageNode.layerConfig({ apiKey: Config.redacted("SP_KEY"), pageId: Config.string("SP_PAGE") })
        ),
        Effect.withConfigProvider(custom)
      )
      assert.deepStrictEqual(mine.pageId, Option.some("custom-page"))

      const missing = yield* StatusPageConfig.StatusPageConfig.pipe(
        Effect.provide(StatusPageNode.layerConfig()),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["STATUSPAGE_PAGE_ID", PAGE_ID]]))),
        Effect.flip
      )
      assert.strictEqual(missing._tag, "ConfigurationError")
      assert.include(missing.message, "STATUSPAGE_API_KEY")
    })
  )
})
