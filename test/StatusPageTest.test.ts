import { assert, describe, it } from "@effect/vitest"
import { Components, StatusPageClient } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { fakeSuite, raw } from "./support/fakeSuite.js"

fakeSuite("in-process", () => StatusPageTest.layer({ seed: 1 }))

describe("fake Statuspage (in-process only)", () => {
  it("routes every declared endpoint", () => {
    const declared = StatusPageClient.actions().map(([, , action]) => action.endpoint.name)
    assert.isAbove(declared.length, 0)
    console.log(`the fake handles ${declared.length - StatusPageTest.unhandled.length} of ${declared.length} endpoints`)
    for (const name of StatusPageTest.unhandled) assert.include(declared, name)
  })

  it("has a handler for every declared endpoint", () => {
    assert.deepStrictEqual(StatusPageTest.unhandled, [])
  })

  it.effect("the same seed gives the same ids, another seed other ids", () =>
    Effect.gen(function* () {
      const ids = (seed: number) =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const a = yield* Components.create({ name: "a" })
          const b = yield* Components.create({ name: "b" })
          return [fake.pageId, fake.organizationId, a.id, b.id]
        }).pipe(Effect.provide(StatusPageTest.layer({ seed })))
      const first = yield* ids(7)
      assert.deepStrictEqual(yield* ids(7), first)
      assert.notDeepEqual(yield* ids(8), first)
      assert.strictEqual(new Set(first).size, 4)
    })
  )

  it.effect("the real limit: 60 requests per rolling 60 s, then 420 with the seconds until a slot frees", () =>
    Effect.gen(function* () {
      for (let i = 0; i < 30; i++) yield* Components.list()
      yield* TestClock.adjust("20 seconds")
      for (let i = 0; i < 30; i++) yield* Components.list()
      const full = yield* raw("GET", "/pages/{page_id}/components")
      assert.strictEqual(full.status, 420)
      assert.strictEqual(full.headers["retry-after"], "40")
      yield* TestClock.adjust("40 seconds")
      // the first 30 left the window; the next 30 still count
      for (let i = 0; i < 30; i++) yield* Components.list()
      assert.strictEqual((yield* raw("GET", "/pages/{page_id}/components")).headers["retry-after"], "20")
    }).pipe(Effect.provide(StatusPageTest.layer({ rateLimit: StatusPageTest.realRateLimit })))
  )

  it.effect("a faster limit of the same shape: 10 per second", () =>
    Effect.gen(function* () {
      for (let i = 0; i < 10; i++) yield* Components.list()
      const limited = yield* Effect.flip(Components.list())
      assert.strictEqual(limited._tag, "RateLimitError")
      assert.strictEqual(limited._tag === "RateLimitError" ? limited.retryAfterMillis : 0, 1000)
      yield* TestClock.adjust("1 second")
      yield* Components.list()
    }).pipe(Effect.provide(StatusPageTest.layer({ rateLimit: { limit: 10, window: "1 second" } })))
  )

  it.effect("latency runs on the Clock, so TestClock drives it", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      yield* fake.setLatency("5 seconds")
      const fiber = yield* Effect.fork(Components.list())
      yield* TestClock.adjust("4 seconds")
      assert.isTrue((yield* Fiber.poll(fiber))._tag === "None")
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(yield* Fiber.join(fiber), [])
    }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  it("serves fetch-style runtimes through toWebHandler", async () => {
    const fake = await Effect.runPromise(StatusPageTest.make({ seed: 3 }))
    const handler = StatusPageTest.toWebHandler(fake)
    const url = `https://api.statuspage.io/v1/pages/${fake.pageId}/components`
    const headers = { authorization: `OAuth ${fake.apiKey}`, "content-type": "application/json" }
    const created = await handler(
      new Request(url, { method: "POST", headers, body: JSON.stringify({ component: { name: "API" } }) })
    )
    assert.strictEqual(created.status, 201)
    assert.strictEqual(((await created.json()) as { name: string }).name, "API")
    await Effect.runPromise(fake.dropNext({ when: "before" }))
    let rejected = false
    await handler(new Request(url, { headers })).catch(() => {
      rejected = true
    })
    assert.isTrue(rejected)
  })
})
