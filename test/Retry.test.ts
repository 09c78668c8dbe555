import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { assert, describe, it } from "@effect/vitest"
import { Components, Retry, StatusPageError } from "@effect-statuspage/core"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { component, configLayer } from "./support/fixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"
import * as RecordingTracer from "./support/RecordingTracer.js"

type Answer = Parameters<typeof RecordingHttpClient.make>[0]

/** Runs `effect` against canned answers behind `Retry.layer(options)`, in a fiber the test drives with `TestClock`. */
const start = <A, E>(effect: Effect.Effect<A, E, any>, answers: Answer, options?: Retry.Options) =>
  Effect.gen(function* () {
    const http = RecordingHttpClient.make(answers)
    // When each attempt was made, by the test clock.
    const times: Array<number> = []
    const timed = HttpClient.transform(http.client, (response) =>
      Effect.zipRight(
        Effect.map(Clock.currentTimeMillis, (now) => times.push(now)),
        response
      )
    )
    const layer = Layer.merge(
      Retry.layer(options).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, timed))),
      configLayer()
    )
    const fiber = yield* Effect.fork(Effect.either(effect.pipe(Effect.provide(layer))))
    yield* TestClock.adjust(0)
    return { fiber, requests: http.requests, times }
  })

const unavailable = { status: 503, body: { message: "try later" } }

describe("Retry", () => {
  it.effect("honours Retry-After on a 429, then succeeds", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start(Components.get("c1"), [
        { status: 429, body: { error: "slow down" }, headers: { "retry-after": "7" } },
        { body: component() }
      ])
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust(6_999)
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust(1)
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
      assert.isTrue(result._tag === "Right")
    })
  )

  it.effect("retries a POST answered 420 (not processed), waiting at least 5 s without Retry-After", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start(Components.create({ name: "API" }), [
        { status: 420, body: "Enhance your calm" },
        { status: 201, body: component() }
      ])
      yield* TestClock.adjust(4_999)
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust(1)
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(
        requests.map((r) => r.method),
        ["POST", "POST"]
      )
      assert.isTrue(result._tag === "Right")
    })
  )

  it.effect("backs off exponentially with jitter (between half and all of base·2ⁿ) up to the cap", () =>
    Effect.gen(function* () {
      const { fiber, requests, times } = yield* start(Components.get("c1"), [unavailable], {
        attempts: 5,
        base: "1 second",
        cap: "3 seconds"
      })
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 5)
      // Retry n waits min(cap, base·2ⁿ⁻¹)·[½, 1]: 0.5–1 s, 1–2 s, 1.5–3 s, 1.5–3 s.
      const waits = times.slice(1).map((t, i) => t - times[i]!)
      const bounds = [
        [500, 1_000],
        [1_000, 2_000],
        [1_500, 3_000],
        [1_500, 3_000]
      ] as const
      for (const [i, [low, high]] of bounds.entries()) {
        assert.isAtLeast(waits[i]!, low, `retry ${i + 1}`)
        assert.isAtMost(waits[i]!, high, `retry ${i + 1}`)
      }
      // Out of attempts: the last answer is the error, body intact.
      assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError")
      if (result._tag === "Left" && result.left._tag === "ServerError") {
        assert.strictEqual(result.left.httpStatus, 503)
        assert.include(result.left.message, "try later")
      }
    })
  )

  it.effect("never repeats a POST or PATCH answered 5xx", () =>
    Effect.gen(function* () {
      for (const effect of [Components.create({ name: "API" }), Components.update("c1", { name: "API" })]) {
        const { fiber, requests } = yield* start(effect, [unavailable, { status: 201, body: component() }])
        yield* TestClock.adjust("10 minutes")
        const result = yield* Fiber.join(fiber)
        assert.strictEqual(requests.length, 1)
        assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError")
      }
    })
  )

  it.effect("retries 5xx for GET, PUT and DELETE", () =>
    Effect.gen(function* () {
      const idempotent = [Components.get("c1"), Components.delete("c1")]
      for (const effect of idempotent) {
        const { fiber, requests } = yield* start(effect, [unavailable, { status: 200, body: component() }])
        yield* TestClock.adjust("10 seconds")
        const result = yield* Fiber.join(fiber)
        assert.strictEqual(requests.length, 2)
        assert.isTrue(result._tag === "Right")
      }
      const put = HttpClient.put("https://api.statuspage.io/v1/pages/p/components/c1")
      const { fiber, requests } = yield* start(put, [unavailable, { status: 200, body: {} }])
      yield* TestClock.adjust("10 seconds")
      const response = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
      assert.isTrue(response._tag === "Right" && response.right.status === 200)
    })
  )

  it.effect("gives up at once when Retry-After is beyond the time budget, with the wait in the error", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start(
        Components.list(),
        [{ status: 429, body: {}, headers: { "retry-after": "600" } }],
        { budget: "2 minutes" }
      )
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 1)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RateLimitError")
      if (result._tag === "Left" && result.left._tag === "RateLimitError") {
        assert.strictEqual(result.left.retryAfterMillis, 600_000)
      }
    })
  )

  it.effect("stops retrying when the next wait would end past the time budget", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start(
        Components.get("c1"),
        [{ status: 503, body: {}, headers: { "retry-after": "4" } }],
        { budget: "10 seconds", attempts: 10 }
      )
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      // Attempts at 0, 4 and 8 s; a fourth at 12 s would be past the budget.
      assert.strictEqual(requests.length, 3)
    })
  )

  const failing = (code: string, onAttempt: () => void) =>
    HttpClient.make((request) =>
      Effect.failSync(() => {
        onAttempt()
        return new HttpClientError.RequestError({
          request,
          reason: "Transport",
          cause: Object.assign(new Error(`connect ${code}`), { code })
        })
      })
    )

  it.effect("retries a POST whose connection was refused (nothing was sent), but not one reset mid-flight", () =>
    Effect.gen(function* () {
      for (const [code, sent, reason] of [
        ["ECONNREFUSED", 4, "Transport"],
        ["ECONNRESET", 1, "OutcomeUnknown"]
      ] as const) {
        let count = 0
        const client = failing(code, () => count++)
        const layer = Layer.merge(
          Retry.layer().pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client))),
          configLayer()
        )
        const fiber = yield* Effect.fork(Effect.either(Components.create({ name: "x" }).pipe(Effect.provide(layer))))
        yield* TestClock.adjust("10 minutes")
        const result = yield* Fiber.join(fiber)
        assert.strictEqual(count, sent, code)
        assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError" && result.left.reason === reason)
      }
    })
  )

  it.effect("a 429 with Retry-After 0 or an unreadable one still waits the 5 s minimum", () =>
    Effect.gen(function* () {
      for (const header of ["0", "-1", "+5", "1."]) {
        const { fiber, requests } = yield* start(Components.get("c1"), [
          { status: 429, body: {}, headers: { "retry-after": header } },
          { body: component() }
        ])
        yield* TestClock.adjust(4_999)
        assert.strictEqual(requests.length, 1, `Retry-After: ${header}`)
        yield* TestClock.adjust(1)
        assert.isTrue((yield* Fiber.join(fiber))._tag === "Right")
        assert.strictEqual(requests.length, 2)
      }
    })
  )

  it.effect("backoff: whole milliseconds, between half and all of the capped doubling delay", () =>
    Effect.gen(function* () {
      const delays = yield* Schedule.run(
        Schedule.delays(Retry.backoff("100 millis", "1 second")),
        0,
        Array.from({ length: 200 }, () => undefined)
      )
      let n = 0
      for (const delay of delays) {
        const millis = Duration.toMillis(delay)
        const full = Math.min(1_000, 100 * 2 ** Math.min(n++, 10))
        assert.isTrue(Number.isInteger(millis), `delay ${millis} is not whole milliseconds`)
        assert.isAtLeast(millis, Math.floor(full / 2))
        assert.isAtMost(millis, full)
      }
      assert.strictEqual(n, 200)
    })
  )

  it.effect("takes a user Schedule for the backoff; attempts still bound it", () =>
    Effect.gen(function* () {
      const { fiber, requests, times } = yield* start(Components.get("c1"), [unavailable], {
        schedule: Schedule.spaced("3 seconds"),
        attempts: 3
      })
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 3)
      assert.deepStrictEqual(times, [0, 3_000, 6_000])
    })
  )

  it.effect("the schedule reads why the attempt failed: a user schedule can stop on a rate limit", () =>
    Effect.gen(function* () {
      const notOnRateLimit = Schedule.spaced("1 second").pipe(
        Schedule.whileInput((why: Retry.Reason) => !why.rateLimited)
      )
      const { fiber, requests } = yield* start(
        Components.get("c1"),
        [unavailable, { status: 429, body: {} }, { body: component() }],
        { schedule: notOnRateLimit }
      )
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RateLimitError")
    })
  )

  it.effect("wrap is dual: Retry.wrap(client, options) and client.pipe(Retry.wrap(options))", () =>
    Effect.gen(function* () {
      for (const wrap of [
        (client: HttpClient.HttpClient) => Retry.wrap(client, { attempts: 2 }),
        (client: HttpClient.HttpClient) => client.pipe(Retry.wrap({ attempts: 2 }))
      ]) {
        const http = RecordingHttpClient.make([unavailable, { body: component() }])
        const layer = Layer.merge(Layer.succeed(HttpClient.HttpClient, wrap(http.client)), configLayer())
        const fiber = yield* Effect.fork(Effect.either(Components.get("c1").pipe(Effect.provide(layer))))
        yield* TestClock.adjust("1 minute")
        assert.isTrue((yield* Fiber.join(fiber))._tag === "Right")
        assert.strictEqual(http.requests.length, 2)
      }
    })
  )

  it.effect("invalid durations fail the layer with ConfigurationError naming the option; wrap never throws", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [Retry.Options, string]> = [
        [{ base: -1 }, "retry.base"],
        [{ cap: "-5 seconds" as any }, "retry.cap"],
        [{ rateLimitedDelay: -1000 }, "retry.rateLimitedDelay"],
        [{ budget: 2 ** 31 }, "retry.budget"],
        [{ cap: "30 days" }, "retry.cap"],
        [{ base: Number.NaN }, "retry.base"],
        [{ attempts: 0 }, "retry.attempts"]
      ]
      for (const [options, setting] of cases) {
        const built = yield* Effect.either(
          Layer.build(
            Retry.layer(options).pipe(
              Layer.provide(Layer.succeed(HttpClient.HttpClient, RecordingHttpClient.make([]).client))
            )
          ).pipe(Effect.scoped)
        )
        assert.isTrue(Either.isLeft(built), setting)
        if (Either.isLeft(built)) {
          assert.isTrue(StatusPageError.isStatusPageError(built.left))
          assert.strictEqual((built.left as StatusPageError.ConfigurationError).setting, setting)
        }
        assert.doesNotThrow(() => Retry.wrap(RecordingHttpClient.make([]).client, options))
      }
    })
  )

  it.effect("verbose retry lines name the URL template, never the filled URL, at the default log level", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const logger = Logger.make(({ message }) => lines.push(String(message)))
      const http = RecordingHttpClient.make([unavailable, { body: component() }])
      const layer = Layer.mergeAll(
        Retry.layer().pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, http.client))),
        configLayer({ verbose: true }),
        Logger.replace(Logger.defaultLogger, logger)
      )
      const fiber = yield* Effect.fork(Components.get("c1").pipe(Effect.provide(layer)))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      const retry = lines.find((line) => line.includes("retrying in"))
      assert.isDefined(retry, lines.join("\n"))
      assert.include(retry!, "GET /pages/{page_id}/components/{component_id}: answered 503")
      for (const line of lines) assert.notInclude(line, "/c1")
      assert.isTrue(
        lines.some((line) => line.includes("ok in")),
        "the outcome line is shown too"
      )
    })
  )

  it.effect("sets the number of attempts on the action's span", () =>
    Effect.gen(function* () {
      const tracer = RecordingTracer.make()
      const { fiber } = yield* start(Components.get("c1").pipe(Effect.withTracer(tracer.tracer)), [
        unavailable,
        unavailable,
        { body: component() }
      ])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      const span = tracer.spans.find((s) => s.name === "StatusPage.components.get")!
      assert.strictEqual(span.attributes.get(Retry.attemptsAttribute), 3)
    })
  )
})
