/**
 * The fake as a hostile or careless client would try it (issues 10 and 12): a bad percent-encoding is a 400, an
 * oversized body is refused before authentication, the request and webhook logs keep only the newest entries, and a path
 * outside the API root `/v1` is not found, as on the real API.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { raw } from "../support/fakeSuite.js"

const send = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.FakeStatusPage
    const response = yield* (yield* HttpClient.HttpClient).execute(
      HttpClientRequest.setHeader(request, "authorization", `OAuth ${fake.apiKey}`)
    )
    const text = yield* response.text
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) }
  })

describe("fake Statuspage: hardening", () => {
  it.effect("an invalid percent-encoding in a path id is a 400 naming the problem, not a defect", () =>
    Effect.gen(function* () {
      const answer = yield* raw("GET", "/pages/{page_id}/components/%E0%A4%A")
      assert.strictEqual(answer.status, 400)
      assert.match(String(answer.json.error), /percent-encoding/)
      const fake = yield* StatusPageTest.FakeStatusPage
      assert.strictEqual((yield* fake.requests).at(-1)?.status, 400)
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 1 })))
  )

  it.effect("an invalid percent-encoding in a public page id is a 400 too", () =>
    Effect.gen(function* () {
      const answer = yield* send(HttpClientRequest.get("https://statuspage.fake/status/%E0%A4%A/api/v2/summary.json"))
      assert.strictEqual(answer.status, 400)
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 1 })))
  )

  const layers = {
    "in-process": (options: StatusPageTest.Options) => StatusPageTest.layer(options),
    "over loopback HTTP": (options: StatusPageTest.Options) => StatusPageFakeServer.layerTest(options)
  }
  for (const [where, layer] of Object.entries(layers)) {
    it.effect(
      `${where}: a body over the limit is a 413 before the key is checked; one at the limit reaches the key check`,
      () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const body = (size: number) => JSON.stringify({ component: { name: "x".repeat(size - 25) } })
          assert.strictEqual(body(1000).length, 1000)
          const tooLarge = yield* raw("POST", "/pages/{page_id}/components", { body: body(1001), key: "wrong" })
          assert.strictEqual(tooLarge.status, 413)
          assert.match(String(tooLarge.json.error), /1000 bytes/)
          const atLimit = yield* raw("POST", "/pages/{page_id}/components", { body: body(1000), key: "wrong" })
          assert.strictEqual(atLimit.status, 401)
          const created = yield* raw("POST", "/pages/{page_id}/components", { body: body(1000) })
          assert.strictEqual(created.status, 201)
          const log = yield* fake.requests
          assert.deepStrictEqual(
            log.map((entry) => entry.status),
            [413, 401, 201]
          )
          assert.strictEqual(log[0]!.body, undefined)
        }).pipe(Effect.provide(layer({ seed: 1, maxRequestBodyBytes: 1000 })))
    )
  }

  it.effect("the default body limit is 1 MiB", () =>
    Effect.gen(function* () {
      const name = "x".repeat(1024 * 1024)
      const answer = yield* raw("POST", "/pages/{page_id}/components", {
        body: JSON.stringify({ component: { name } })
      })
      assert.strictEqual(answer.status, 413)
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 1 })))
  )

  it.effect("the request log keeps the newest requests up to its bound, oldest first", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      for (let page = 1; page <= 5; page++) yield* raw("GET", `/pages/{page_id}/components?page=${page}`)
      const log = yield* fake.requests
      assert.deepStrictEqual(
        log.map((entry) => entry.url.replace(/^.*\?/, "")),
        ["page=3", "page=4", "page=5"]
      )
      yield* fake.clearRequests
      yield* raw("GET", "/pages/{page_id}/components?page=6")
      assert.deepStrictEqual(
        (yield* fake.requests).map((entry) => entry.url.replace(/^.*\?/, "")),
        ["page=6"]
      )
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 1, maxLoggedRequests: 3 })))
  )

  it.live("the webhook delivery log keeps the newest deliveries up to its bound, oldest first", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      // a receiver that answers every delivery at once
      const receiver = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(request, new Response(null, { status: 204 })))
      )
      yield* Effect.provideService(fake.subscribeWebhooks("http://receiver.test/hook"), HttpClient.HttpClient, receiver)
      const api = yield* Components.create({ name: "API" })
      const statuses = ["degraded_performance", "partial_outage", "major_outage", "operational"] as const
      const newest = Effect.map(fake.webhookDeliveries, (log) =>
        log.map((d) => (d.body as { component_update: { new_status: string } }).component_update.new_status)
      )
      for (const status of statuses) {
        yield* Components.update(api.id, { status })
        // deliveries run in the background: wait for this one
        yield* Effect.repeat(Effect.zipLeft(newest, Effect.sleep("5 millis")), {
          until: (log) => log.at(-1) === status
        }).pipe(Effect.timeout("5 seconds"))
      }
      assert.deepStrictEqual(yield* newest, ["major_outage", "operational"])
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 1, maxLoggedWebhooks: 2 })))
  )

  it.effect("a Manage API path without the /v1 root is a 404, as on the real API", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const answer = yield* send(HttpClientRequest.get(`https://statuspage.fake/pages/${fake.pageId}/components`))
      assert.strictEqual(answer.status, 404)
      const rooted = yield* send(HttpClientRequest.get(`https://statuspage.fake/v1/pages/${fake.pageId}/components`))
      assert.strictEqual(rooted.status, 200)
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 1 })))
  )
})
