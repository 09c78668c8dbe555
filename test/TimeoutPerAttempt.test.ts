/**
 * Without a Timeout layer, the config's `timeout` still bounds each attempt on the wire, and only that: waiting for
 * budget in the rate limiter, or for a retry, never counts against it.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Components, Policies, RateLimiter, Retry, Timeout } from "@effect-statuspage/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { component, configLayer } from "./support/fixtures.js"

/** A server whose n-th answer is `answer(n)`: a status and headers, or `"hang"` (never answers). */
const server = (answer: (n: number) => "hang" | { status: number; headers?: Record<string, string> }) => {
  const arrivals: Array<number> = []
  const client = HttpClient.make((request) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) => {
      arrivals.push(at)
      const a = answer(arrivals.length)
      if (a === "hang") return Effect.never
      const body = a.status === 200 ? JSON.stringify(component()) : "{}"
      return Effect.succeed(
        HttpClientResponse.fromWeb(
          request,
          new Response(body, { status: a.status, headers: { "content-type": "application/json", ...a.headers } })
        )
      )
    })
  )
  return { arrivals, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

const fiveSeconds = configLayer({ timeout: "5 seconds" })

const failureOf = (result: Either.Either<unknown, unknown>) => {
  assert.isTrue(Either.isLeft(result), "the call fails")
  return Either.isLeft(result) ? (result.left as { _tag: string; reason: string }) : undefined
}

describe("timeout over policies without a Timeout layer", () => {
  it.effect("rate limiter: 10 s in the line do not count; 5 s on the wire do", () =>
    Effect.gen(function* () {
      const api = server((n) => (n === 1 ? { status: 200 } : "hang"))
      const layer = Layer.merge(
        RateLimiter.layer({ limit: 1, window: "10 seconds", margin: 0 }).pipe(Layer.provide(api.layer)),
        fiveSeconds
      )
      const calls = yield* Effect.fork(
        Effect.all([Components.get("a"), Effect.either(Components.get("b"))], { concurrency: "unbounded" }).pipe(
          Effect.provide(layer)
        )
      )
      yield* TestClock.adjust(9_999)
      assert.deepStrictEqual(api.arrivals, [0], "the second waits in the line, past its 5-s timeout")
      yield* TestClock.adjust(1)
      assert.deepStrictEqual(api.arrivals, [0, 10_000])
      yield* TestClock.adjust(4_999)
      assert.isNull(calls.unsafePoll(), "on the wire for less than 5 s")
      yield* TestClock.adjust(1)
      const [, second] = yield* Fiber.join(calls)
      assert.deepStrictEqual([failureOf(second)?._tag, failureOf(second)?.reason], ["RequestError", "Timeout"])
    })
  )

  it.effect("retry: the wait before the next attempt does not count", () =>
    Effect.gen(function* () {
      const api = server((n) => (n === 1 ? { status: 429, headers: { "retry-after": "10" } } : { status: 200 }))
      const call = yield* Effect.fork(
        Effect.either(Components.get("a")).pipe(
          Effect.provide(Layer.merge(Retry.layer().pipe(Layer.provide(api.layer)), fiveSeconds))
        )
      )
      yield* TestClock.adjust(10_000)
      const result = yield* Fiber.join(call)
      assert.deepStrictEqual(api.arrivals, [0, 10_000])
      assert.isTrue(Either.isRight(result), "answered on the second attempt, 10 s after the first")
    })
  )

  it.effect("every attempt is still bounded: through the policies with timeout off, and under a deadline alone", () =>
    Effect.gen(function* () {
      const layers = [
        Policies.layer({ timeout: false, retry: false }),
        Policies.layer({ timeout: false, rateLimit: false, retry: { attempts: 2, base: "1 second", cap: "1 second" } }),
        Timeout.layerDeadline("1 minute")
      ]
      for (const policies of layers) {
        const api = server(() => "hang")
        const call = yield* Effect.fork(
          Effect.either(Components.get("a")).pipe(
            Effect.provide(Layer.merge(policies.pipe(Layer.provide(api.layer)), fiveSeconds))
          )
        )
        yield* TestClock.adjust(20_000)
        const error = failureOf(yield* Fiber.join(call))
        assert.deepStrictEqual([error?._tag, error?.reason], ["RequestError", "Timeout"])
        // one attempt, or two with the retry's 0.5-1 s wait between them, each cut at 5 s
        assert.isTrue(
          api.arrivals.length === 1 ||
            (api.arrivals[1]! - api.arrivals[0]! >= 5_500 && api.arrivals[1]! - api.arrivals[0]! <= 6_000),
          String(api.arrivals)
        )
      }
    })
  )
})
