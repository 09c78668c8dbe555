/**
 * Every way an exchange can fail, and what the caller gets: the status table of the README, the lenient reading of
 * error bodies, request ids, Retry-After, 2xx bodies that drift, and transport failures by method.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { Components, Incidents, Retry, type StatusPageError } from "@effect-statuspage/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { component, configLayer } from "./support/fixtures.js"
import { run } from "./support/RecordingHttpClient.js"

const GET_TEMPLATE = "/pages/{page_id}/components/{component_id}"

const failure = (result: { _tag: "Left"; left: unknown } | { _tag: "Right"; right: unknown }): any => {
  assert.strictEqual(result._tag, "Left", "the action fails")
  return (result as { left: unknown }).left
}

const answerGet = (status: number, body?: unknown, headers?: Record<string, string>) =>
  Effect.map(
    run(Components.get("c1"), [{ status, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) }]),
    ({ result }) => failure(result)
  )

describe("status mapping", () => {
  const table: ReadonlyArray<readonly [number, string, string]> = [
    [400, "RequestError", "BadRequest"],
    [401, "RequestError", "Unauthorized"],
    [403, "RequestError", "Forbidden"],
    [404, "ResourceError", "NotFound"],
    [405, "RequestError", "MethodNotAllowed"],
    [409, "ResourceError", "Conflict"],
    [422, "ResourceError", "Unprocessable"],
    [420, "RateLimitError", "RateLimited"],
    [429, "RateLimitError", "RateLimited"],
    [500, "ServerError", "Status"],
    [502, "ServerError", "Status"],
    [503, "ServerError", "Status"],
    [410, "RequestError", "UnexpectedStatus"],
    [418, "RequestError", "UnexpectedStatus"],
    [304, "RequestError", "UnexpectedStatus"]
  ]
  for (const [status, tag, reason] of table) {
    it.effect(`${status} is ${tag} ${reason}, with method, template and status`, () =>
      Effect.gen(function* () {
        const error = yield* answerGet(status, status === 304 ? undefined : { error: "went wrong" })
        assert.strictEqual(error._tag, tag)
        assert.strictEqual(error.reason, reason)
        assert.strictEqual(error.httpStatus, status)
        assert.strictEqual(error.method, "GET")
        assert.strictEqual(error.urlTemplate, GET_TEMPLATE)
        assert.include(error.message, `GET ${GET_TEMPLATE} answered ${status}`)
        assert.notInclude(error.message, "/c1")
      })
    )
  }
})

describe("error bodies", () => {
  const bodies: ReadonlyArray<readonly [string, unknown, ReadonlyArray<Record<string, string>>]> = [
    ["a single error string", { error: "Component not found" }, [{ message: "Component not found" }]],
    ["a list of error strings", { error: ["a", "b"] }, [{ message: "a" }, { message: "b" }]],
    ["a message", { message: "Access denied" }, [{ message: "Access denied" }]],
    ["a field map", { errors: { name: ["can't be blank"] } }, [{ message: "can't be blank", field: "name" }]],
    [
      "an HTML page",
      "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
      [{ message: "502 Bad Gateway" }]
    ],
    ["plain text", "upstream connect error", [{ message: "upstream connect error" }]],
    ["an empty body", undefined, []]
  ]
  for (const [what, body, expected] of bodies) {
    it.effect(`reads ${what}`, () =>
      Effect.gen(function* () {
        const error = yield* answerGet(422, body)
        assert.deepStrictEqual(error.errors, expected)
        for (const detail of expected) assert.include(error.message, detail.message)
      })
    )
  }

  it.effect("a 5xx keeps an excerpt of its body", () =>
    Effect.gen(function* () {
      const error = yield* answerGet(503, "<html><title>Maintenance</title>  back   soon</html>")
      assert.strictEqual(error.excerpt, "<html><title>Maintenance</title> back soon</html>")
    })
  )

  it.effect("a huge error body gives a bounded error: message, details and excerpt are cut", () =>
    Effect.gen(function* () {
      const long = "x".repeat(5_000_000)
      const many = {
        errors: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, [long.slice(0, 5000)]]))
      }
      for (const [status, body] of [
        [422, { error: long }],
        [422, many],
        [400, long],
        [500, long]
      ] as const) {
        const error = yield* answerGet(status, body)
        assert.isBelow(error.message.length, 2_000, `${status}: message`)
        assert.isAtMost(error.errors.length, 50, `${status}: details`)
        assert.isBelow(JSON.stringify(error).length, 100_000, `${status}: the whole error`)
        assert.include(error.message, "xxxx")
      }
    })
  )
})

describe("logref", () => {
  it.effect("comes from the x-request-id header", () =>
    Effect.gen(function* () {
      const error = yield* answerGet(500, { error: "boom" }, { "x-request-id": "9f1c-77" })
      assert.strictEqual(error.logref, "9f1c-77")
    })
  )
  it.effect("comes from meta.logref in the body", () =>
    Effect.gen(function* () {
      const error = yield* answerGet(404, { error: "nope", meta: { logref: "lr-123" } })
      assert.strictEqual(error.logref, "lr-123")
    })
  )
  it.effect("is absent when the server sent none", () =>
    Effect.gen(function* () {
      const error = yield* answerGet(404, { error: "nope" })
      assert.isFalse("logref" in error)
    })
  )
})

describe("Retry-After", () => {
  it.effect("as delay-seconds", () =>
    Effect.gen(function* () {
      const error = yield* answerGet(429, { error: "slow down" }, { "retry-after": "7" })
      assert.strictEqual(error._tag, "RateLimitError")
      assert.strictEqual(error.retryAfterMillis, 7000)
    })
  )
  it.effect("as an HTTP date, measured from the clock (the test clock is at the epoch)", () =>
    Effect.gen(function* () {
      const error = yield* answerGet(420, { error: "slow down" }, { "retry-after": "Thu, 01 Jan 1970 00:00:30 GMT" })
      assert.strictEqual(error._tag, "RateLimitError")
      assert.strictEqual(error.retryAfterMillis, 30_000)
    })
  )
  it.effect("absent or unreadable gives no delay", () =>
    Effect.gen(function* () {
      assert.isUndefined((yield* answerGet(429, {})).retryAfterMillis)
      assert.isUndefined((yield* answerGet(429, {}, { "retry-after": "soon" })).retryAfterMillis)
    })
  )
  it.effect("only delta-seconds or an HTTP-date count: anything V8's Date.parse would read leniently is absent", () =>
    Effect.gen(function* () {
      for (const header of [
        "-1",
        "5, 6",
        "+5",
        "1.",
        "1.5",
        "2",
        "1e3",
        "0x10",
        "Thu, 01 Jan 1970 00:00:30",
        "1970-01-01"
      ]) {
        const error = yield* answerGet(429, {}, { "retry-after": header })
        if (header === "2") assert.strictEqual(error.retryAfterMillis, 2000)
        else assert.isUndefined(error.retryAfterMillis, `Retry-After: ${header}`)
      }
      const rfc850 = yield* answerGet(429, {}, { "retry-after": "Thursday, 01-Jan-70 00:00:09 GMT" })
      assert.strictEqual(rfc850.retryAfterMillis, 9000)
      const asctime = yield* answerGet(429, {}, { "retry-after": "Thu Jan  1 00:00:04 1970" })
      assert.strictEqual(asctime.retryAfterMillis, 4000)
    })
  )
})

describe("2xx bodies that drift", () => {
  it.effect("a body that does not match is ServerError Decode naming the field", () =>
    Effect.gen(function* () {
      const { result } = yield* run(Components.list(), [{ body: [component(), component({ status: "on_fire" })] }])
      const error = failure(result)
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.path, "[1].status")
      assert.strictEqual(error.httpStatus, 200)
      assert.strictEqual(error.urlTemplate, "/pages/{page_id}/components")
      assert.include(error.message, "[1].status")
      assert.isTrue(error.excerpt.startsWith(`[{"id":"ftgks51sfs2d"`))
    })
  )
  it.effect("a missing field is named too", () =>
    Effect.gen(function* () {
      const { id: _, ...withoutId } = component()
      const error = failure((yield* run(Components.get("c1"), [{ body: withoutId }])).result)
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.path, "id")
    })
  )
  it.effect("a body that is not JSON is ServerError Decode with an excerpt", () =>
    Effect.gen(function* () {
      const error = failure((yield* run(Components.get("c1"), [{ body: "<html>login</html>" }])).result)
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.reason, "Decode")
      assert.include(error.message, "not JSON")
      assert.strictEqual(error.excerpt, "<html>login</html>")
    })
  )
})

/** A client that fails every request the way the platform's clients do. */
const failingClient = (cause: unknown) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) => Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
  )

const withClient = <A>(effect: Effect.Effect<A, StatusPageError.StatusPageError, any>, client: Layer.Layer<any>) =>
  Effect.map(Effect.either(effect.pipe(Effect.provide(Layer.merge(client, configLayer())))), failure)

describe("transport failures", () => {
  const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })
  const timeout = new Cause.TimeoutException("request timed out")
  const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, StatusPageError.StatusPageError, any>]> = [
    ["GET", Components.get("c1")],
    ["PUT-like DELETE", Components.delete("c1")],
    ["POST", Components.create({ name: "API" })],
    ["PATCH", Components.update("c1", { name: "API" })]
  ]
  for (const [method, effect] of cases) {
    const idempotent = method === "GET" || method === "PUT-like DELETE"
    it.effect(`${method}: a failure after connecting is ${idempotent ? "Transport" : "OutcomeUnknown"}`, () =>
      Effect.gen(function* () {
        const error = yield* withClient(effect, failingClient(reset))
        assert.strictEqual(error._tag, "RequestError")
        assert.strictEqual(error.reason, idempotent ? "Transport" : "OutcomeUnknown")
        assert.isUndefined(error.httpStatus)
      })
    )
    it.effect(`${method}: a timeout is ${idempotent ? "Timeout" : "OutcomeUnknown"}`, () =>
      Effect.gen(function* () {
        const error = yield* withClient(effect, failingClient(timeout))
        assert.strictEqual(error.reason, idempotent ? "Timeout" : "OutcomeUnknown")
        assert.include(error.message, "timed out")
      })
    )
    it.effect(`${method}: a refused connection is Transport (nothing reached the server)`, () =>
      Effect.gen(function* () {
        const error = yield* withClient(effect, failingClient(refused))
        assert.strictEqual(error.reason, "Transport")
      })
    )
  }

  it.effect("a transport failure says the cause's code, the host and the attempts made", () =>
    Effect.gen(function* () {
      const error = yield* withClient(Components.get("c1"), failingClient(refused))
      assert.include(error.message, "ECONNREFUSED")
      assert.include(error.message, "host api.statuspage.io")
      assert.notInclude(error.message, "/c1")
      const retried = yield* Effect.fork(
        Components.get("c1").pipe(
          Effect.provide(
            Layer.merge(Retry.layer({ attempts: 3 }).pipe(Layer.provide(failingClient(refused))), configLayer())
          ),
          Effect.flip
        )
      )
      yield* TestClock.adjust("1 minute")
      const after: any = yield* Fiber.join(retried)
      assert.include(after.message, "3 attempts")
    })
  )

  it.effect("a 401 says to check the key and its setting; a page-scoped 404 says to check the page id", () =>
    Effect.gen(function* () {
      const unauthorized = yield* answerGet(401, { error: "Unauthorized" })
      assert.include(unauthorized.message, "STATUSPAGE_API_KEY")
      assert.include(unauthorized.message, "'OAuth ' prefix")
      const notFound = yield* answerGet(404, { error: "Not found" })
      assert.include(notFound.message, "STATUSPAGE_PAGE_ID")
    })
  )

  it.effect("a body that fails while it is read is a transport failure of the request", () =>
    Effect.gen(function* () {
      const broken = new ReadableStream({
        start: (controller) => controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }))
      })
      const client = Layer.succeed(
        HttpClient.HttpClient,
        HttpClient.make((request) =>
          Effect.succeed(
            HttpClientResponse.fromWeb(
              request,
              new Response(broken, { status: 200, headers: { "content-type": "application/json" } })
            )
          )
        )
      )
      const error = yield* withClient(Components.get("c1"), client)
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
    })
  )
})

describe("bodies that cannot be JSON", () => {
  it.effect("a bigint in a free-form field is InvalidInput, not a defect, and nothing is sent", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Incidents.create({ name: "Outage", metadata: { jira: { issue: 10n } } }),
        [{ status: 201, body: {} }]
      )
      assert.strictEqual(requests.length, 0)
      const error = failure(result)
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "InvalidInput")
      assert.include(error.message, "cannot be sent as JSON")
    })
  )
})
