/**
 * The configured `timeout` and `maxResponseSize` hold whatever `HttpClient` is in context: the platform's
 * `FetchHttpClient` (the README's quick start), a bare `UndiciHttpClient`, or either under the policies. A server
 * that never answers, drips its body, or sends an endless one ends in a typed error, and the body is cut while it is
 * read, not after.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Components, Policies, StatusPagePublic } from "@effect-statuspage/core"
import { UndiciHttpClient } from "@effect-statuspage/platform-node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as FaultServer from "./support/FaultServer.js"
import { component, configLayer } from "./support/fixtures.js"

/** Bytes each endless answer wrote before the client went away, by scenario. */
const written: Record<string, number> = {}

const endless =
  (scenario: string): FaultServer.Fault =>
  ({ res }) => {
    res.writeHead(200, { "content-type": "application/json" })
    const chunk = `"${"x".repeat(64 * 1024)}",`
    written[scenario] = 0
    res.write("[")
    const more = () => {
      if (res.destroyed || written[scenario]! > 256 * 1024 * 1024) return res.end()
      written[scenario]! += chunk.length
      if (res.write(chunk)) setImmediate(more)
      else res.once("drain", more)
    }
    more()
  }

let server: FaultServer.FaultServer

beforeAll(async () => {
  server = await FaultServer.start({
    hang: () => {},
    drip: ({ res }) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.write("[")
      const timer = setInterval(() => res.write(" "), 50)
      res.on("close", () => clearInterval(timer))
    },
    "endless-fetch": endless("endless-fetch"),
    "endless-undici": endless("endless-undici"),
    "endless-policies": endless("endless-policies"),
    declared: ({ res }) => res.writeHead(200, { "content-length": String(8 * 1024 * 1024) }).end(),
    small: ({ res }) => FaultServer.json(res, 200, [component()])
  })
})

afterAll(async () => {
  await server?.close()
})

const clients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient, unknown>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["a bare UndiciHttpClient", UndiciHttpClient.layer],
  ["the policies over undici", Policies.layer({ retry: false }).pipe(Layer.provide(UndiciHttpClient.layer))]
]

const list = (scenario: string, client: Layer.Layer<HttpClient.HttpClient, unknown>) =>
  Components.list({}, { pageId: scenario }).pipe(
    Effect.provide(
      Layer.merge(
        client,
        configLayer({ baseUrl: `${server.origin}/v1`, timeout: "400 millis", maxResponseSize: 1024 * 1024 })
      )
    ),
    Effect.flip,
    // the bound under test is far below this one; this only keeps a regression from hanging the suite
    Effect.timeoutFail({ duration: "15 seconds", onTimeout: () => "the call hung" })
  )

describe("the configured timeout holds whatever HttpClient is in context", () => {
  for (const [name, client] of clients) {
    it.live(`${name}: a server that never answers is a Timeout`, () =>
      Effect.gen(function* () {
        const error: any = yield* list("hang", client)
        assert.strictEqual(error._tag, "RequestError")
        assert.strictEqual(error.reason, "Timeout")
      })
    )
    it.live(`${name}: a body that drips forever is a Timeout`, () =>
      Effect.gen(function* () {
        const error: any = yield* list("drip", client)
        assert.strictEqual(error._tag, "RequestError")
        assert.strictEqual(error.reason, "Timeout")
      })
    )
  }

  it.live("the public client too, with FetchHttpClient", () =>
    Effect.gen(function* () {
      const page = yield* StatusPagePublic.make({ baseUrl: `${server.origin}/v1/pages/hang`, timeout: "400 millis" })
      const error: any = yield* page.status().pipe(Effect.provide(FetchHttpClient.layer), Effect.flip)
      assert.strictEqual(error.reason, "Timeout")
    })
  )
})

describe("maxResponseSize holds on every client, while the body is read", () => {
  for (const [name, client] of clients) {
    const scenario = `endless-${name.startsWith("Fetch") ? "fetch" : name.startsWith("a bare") ? "undici" : "policies"}`
    it.live(`${name}: an endless body is ServerError TooLarge naming the limit`, () =>
      Effect.gen(function* () {
        const error: any = yield* list(scenario, client)
        assert.strictEqual(error._tag, "ServerError")
        assert.strictEqual(error.reason, "TooLarge")
        assert.strictEqual(error.httpStatus, 200)
        assert.include(error.message, "maxResponseSize (1 MiB)")
        // cut while reading: the server got far less than the 256 MiB it would have sent
        yield* Effect.sleep("100 millis")
        assert.isBelow(written[scenario]!, 64 * 1024 * 1024)
      })
    )
    it.live(`${name}: a Content-Length above the limit fails before the body is read`, () =>
      Effect.gen(function* () {
        const error: any = yield* list("declared", client)
        assert.strictEqual(error.reason, "TooLarge")
      })
    )
    it.live(`${name}: a body under the limit is decoded`, () =>
      Effect.gen(function* () {
        const components = yield* Components.list({}, { pageId: "small" }).pipe(
          Effect.provide(
            Layer.merge(client, configLayer({ baseUrl: `${server.origin}/v1`, maxResponseSize: 1024 * 1024 }))
          )
        )
        assert.strictEqual(components.length, 1)
      })
    )
  }
})
