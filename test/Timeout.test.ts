import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Components, Policies, Timeout } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { component, configLayer } from "./support/fixtures.js"

/**
 * A server that processes every request (it records it) and then answers with `answer(n)` for the n-th one, or never
 * answers when that is `"stall"`.
 */
const server = (answer: (n: number) => "stall" | "stall-body" | { status: number; body: unknown }) => {
  const processed: Array<string> = []
  const client = HttpClient.make((request) =>
    Effect.suspend(() => {
      processed.push(request.method)
      const canned = answer(processed.length)
      if (canned === "stall") return Effect.never
      const body =
        canned === "stall-body"
          ? new ReadableStream({ start() {} })
          : JSON.stringify((canned as { body: unknown }).body)
      const status = canned === "stall-body" ? 200 : canned.status
      return Effect.succeed(
        HttpClientResponse.fromWeb(
          request,
          new Response(body, { status, headers: { "content-type": "application/json" } })
        )
      )
    })
  )
  return { processed, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

const fork = <A, E>(effect: Effect.Effect<A, E, any>, layer: Layer.Layer<any, any, never>) =>
  Effect.fork(Effect.either(effect.pipe(Effect.provide(layer))))

describe("Timeout", () => {
  it.effect("a POST that times out after the server processed it is not repeated: OutcomeUnknown", () =>
    Effect.gen(function* () {
      const fake = server(() => "stall")
      const layer = Layer.merge(
        Policies.layer({ timeout: { timeout: "1 second" } }).pipe(Layer.provide(fake.layer)),
        configLayer()
      )
      const fiber = yield* fork(Components.create({ name: "API" }), layer)
      yield* TestClock.adjust(999)
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(1)
      const result = yield* Fiber.join(fiber)
      yield* TestClock.adjust("10 minutes")
      assert.deepStrictEqual(fake.processed, ["POST"])
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError")
      if (result._tag === "Left" && result.left._tag === "RequestError") {
        assert.strictEqual(result.left.reason, "OutcomeUnknown")
        assert.include(result.left.message, "timed out")
      }
    })
  )

  it.effect("a GET that times out is retried", () =>
    Effect.gen(function* () {
      const fake = server((n) => (n === 1 ? "stall" : { status: 200, body: component() }))
      const layer = Layer.merge(
        Policies.layer({ timeout: { timeout: "1 second" } }).pipe(Layer.provide(fake.layer)),
        configLayer()
      )
      const fiber = yield* fork(Components.get("c1"), layer)
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.processed, ["GET", "GET"])
      assert.isTrue(result._tag === "Right" && result.right.id === component().id)
    })
  )

  it.effect("defaults to the config's timeout, and reports a GET that ran out of it as Timeout", () =>
    Effect.gen(function* () {
      const fake = server(() => "stall")
      const layer = Layer.merge(Timeout.layer().pipe(Layer.provide(fake.layer)), configLayer({ timeout: "5 seconds" }))
      const fiber = yield* fork(Components.list(), layer)
      yield* TestClock.adjust(4_999)
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(1)
      const result = yield* Fiber.join(fiber)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError" && result.left.reason === "Timeout")
    })
  )

  it.effect("covers the body: a response whose body never ends times out", () =>
    Effect.gen(function* () {
      const fake = server(() => "stall-body")
      const layer = Layer.merge(Timeout.layer({ timeout: "2 seconds" }).pipe(Layer.provide(fake.layer)), configLayer())
      const fiber = yield* fork(Components.get("c1"), layer)
      yield* TestClock.adjust(2_000)
      const result = yield* Fiber.join(fiber)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError" && result.left.reason === "Timeout")
    })
  )

  it.effect("the overall deadline bounds every attempt and backoff together", () =>
    Effect.gen(function* () {
      const fake = server(() => "stall")
      const layer = Layer.merge(
        Policies.layer({ deadline: "3 seconds", timeout: { timeout: "1 second" }, retry: { attempts: 10 } }).pipe(
          Layer.provide(fake.layer)
        ),
        configLayer()
      )
      const fiber = yield* fork(Components.get("c1"), layer)
      yield* TestClock.adjust(2_999)
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(1)
      const result = yield* Fiber.join(fiber)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError" && result.left.reason === "Timeout")
      assert.isAtLeast(fake.processed.length, 2)
    })
  )

  it.effect("a POST whose deadline expires while it waits in the rate limiter was not sent: Timeout", () =>
    Effect.gen(function* () {
      const fake = server(() => ({ status: 201, body: component() }))
      const layer = Layer.merge(
        Policies.layer({ deadline: "5 seconds", rateLimit: { limit: 1, window: "60 seconds" } }).pipe(
          Layer.provide(fake.layer)
        ),
        configLayer()
      )
      // One layer, so both calls share one budget: the second waits behind the first.
      const both = Effect.all([Effect.either(Components.create({ name: "API" })), Components.create({ name: "Web" })], {
        concurrency: "unbounded"
      })
      const fiber = yield* fork(both, layer)
      yield* TestClock.adjust(4_999)
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust(1)
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.processed, ["POST"])
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError")
      if (result._tag === "Left" && result.left._tag === "RequestError") {
        assert.strictEqual(result.left.reason, "Timeout")
      }
    })
  )

  it.effect("a POST whose deadline expires after it was sent is still OutcomeUnknown", () =>
    Effect.gen(function* () {
      const fake = server(() => "stall")
      const layer = Layer.merge(
        Policies.layer({ deadline: "5 seconds", rateLimit: { limit: 1 }, timeout: false }).pipe(
          Layer.provide(fake.layer)
        ),
        configLayer()
      )
      const fiber = yield* fork(Components.create({ name: "API" }), layer)
      yield* TestClock.adjust(5_000)
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.processed, ["POST"])
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError")
      if (result._tag === "Left" && result.left._tag === "RequestError") {
        assert.strictEqual(result.left.reason, "OutcomeUnknown")
      }
    })
  )
})
