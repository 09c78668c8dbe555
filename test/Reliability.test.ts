/**
 * The real client (`UndiciHttpClient.layer`, the default transport, under the production policies: retries, pacing, per-attempt timeout)
 * against a server that misbehaves on purpose. For every fault: the outcome is a value or one of the five tagged
 * errors (never a defect, an interruption or an unhandled rejection), no POST reaches the server twice unless the
 * server said it did not process it (420/429), and the API key appears in no error, log line or span.
 *
 * The client is composed as `StatusPageNode.layer` composes it (`Policies.layer` over `UndiciHttpClient.layer`),
 * with the config given per case instead of read from the environment. Retry timings are shortened (attempts 3,
 * backoff in milliseconds) so every case ends in a few seconds; `Retry-After` is honoured as sent (1 second).
 */

import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Components, Policies, StatusPageError } from "@effect-statuspage/core"
import { UndiciHttpClient } from "@effect-statuspage/platform-node"
import * as Cause from "effect/Cause"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as FaultServer from "./support/FaultServer.js"
import { API_KEY, component, configLayer } from "./support/fixtures.js"
import * as RecordingTracer from "./support/RecordingTracer.js"

const html = (status: number, title: string, req: FaultServer.Exchange["req"]) =>
  // a careless proxy page that echoes the request headers, API key included
  `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1>` +
  `<pre>Authorization: ${req.headers.authorization}</pre></body></html>`

const htmlError =
  (status: number, title: string): FaultServer.Fault =>
  ({ req, res }) =>
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(html(status, title, req))

/** Answers the first attempt with `first`, the others with a component (a list for GET). */
const thenOk =
  (first: FaultServer.Fault, processed?: { count: number }): FaultServer.Fault =>
  (exchange) => {
    if (exchange.attempt === 1) return first(exchange)
    if (exchange.received.method === "POST" && processed !== undefined) processed.count++
    FaultServer.json(exchange.res, exchange.received.method === "POST" ? 201 : 200, ok(exchange))
  }

const ok = (exchange: FaultServer.Exchange) => (exchange.received.method === "GET" ? [component()] : component())

const rateLimited =
  (status: 420 | 429, retryAfter: () => string): FaultServer.Fault =>
  ({ res }) =>
    FaultServer.json(res, status, { error: "Rate limit exceeded" }, { "retry-after": retryAfter() })

const inOneSecond = () => new Date(Date.now() + 1000).toUTCString()

const hugeBody = (() => {
  const description = "x".repeat(2000)
  const list = Array.from({ length: 9000 }, (_, i) => component({ id: `c${i}`, description }))
  return JSON.stringify(list)
})()

const postsProcessed = { count: 0 }

const faults: Record<string, FaultServer.Fault> = {
  "rate-420-seconds": thenOk(rateLimited(420, () => "1")),
  "rate-429-date": thenOk(rateLimited(429, inOneSecond)),
  "rate-429-post": thenOk(
    rateLimited(429, () => "1"),
    postsProcessed
  ),
  "rate-420-always": rateLimited(420, () => "1"),
  "status-500": htmlError(500, "Internal Server Error"),
  "status-502": htmlError(502, "Bad Gateway"),
  "status-503": htmlError(503, "Service Unavailable"),
  "status-504": htmlError(504, "Gateway Timeout"),
  "reset-before-response": ({ req }) => req.socket.destroy(),
  "reset-after-processing": ({ req, received }) => {
    if (received.method === "POST") postsProcessed.count++
    req.socket.destroy()
  },
  slow: FaultServer.later(3_000, (exchange) => FaultServer.json(exchange.res, 200, ok(exchange))),
  truncated: ({ res }) => FaultServer.json(res, 200, JSON.stringify([component()]).slice(0, 60)),
  "cut-mid-body": ({ res }) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "5000" })
    res.write(JSON.stringify([component()]).slice(0, 60))
    setTimeout(() => res.socket?.destroy(), 20)
  },
  "invalid-json": ({ res }) => FaultServer.json(res, 200, '[{"id": nope, "status": "operational"}]'),
  "html-200": ({ req, res }) => res.writeHead(200, { "content-type": "text/html" }).end(html(200, "Maintenance", req)),
  "json-as-text": ({ res }) => res.writeHead(200, { "content-type": "text/plain" }).end(JSON.stringify([component()])),
  "missing-field": ({ res }) => {
    const { status: _, ...rest } = component()
    FaultServer.json(res, 200, [rest])
  },
  "extra-fields": ({ res }) =>
    FaultServer.json(res, 200, [component({ uptime_showcase: true, new_nested: { a: [1, 2] } })]),
  "unknown-enum": ({ res }) => FaultServer.json(res, 200, [component(), component({ status: "partially_degraded" })]),
  huge: ({ res }) => FaultServer.json(res, 200, hugeBody)
}

let server: FaultServer.FaultServer
let otherHost: FaultServer.FaultServer
const unhandled: Array<unknown> = []
const onUnhandled = (error: unknown) => unhandled.push(error)

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled)
  process.on("uncaughtException", onUnhandled)
  otherHost = await FaultServer.start({
    redirect: ({ res, received }) => FaultServer.json(res, 200, received.method === "GET" ? [] : component())
  })
  server = await FaultServer.start({
    ...faults,
    redirect: ({ res, received }) => res.writeHead(302, { location: `${otherHost.origin}${received.url}` }).end()
  })
})

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled)
  process.off("uncaughtException", onUnhandled)
  await server?.close()
  await otherHost?.close()
})

// Everything the client said, across every case: scanned for the key at the end and per case.
const logLines: Array<string> = []
const tracer = RecordingTracer.make()
const testLogger = Logger.make(({ logLevel, message, annotations, cause }) => {
  logLines.push(
    `${logLevel.label} ${JSON.stringify(message)} ${JSON.stringify([...annotations])} ${Cause.pretty(cause)}`
  )
})

const clientLayer = (
  client: "undici" | "fetch"
): Layer.Layer<HttpClient.HttpClient, StatusPageError.ConfigurationError> =>
  Policies.layer({
    retry: { attempts: 3, base: "10 millis", cap: "50 millis", budget: "10 seconds", rateLimitedDelay: "50 millis" },
    rateLimit: { limit: 10_000 }
  }).pipe(Layer.provide(client === "undici" ? UndiciHttpClient.layer : FetchHttpClient.layer))

const run = <A, E>(
  effect: Effect.Effect<A, E, any>,
  options: { readonly timeout?: Duration.DurationInput; readonly client?: "undici" | "fetch" } = {}
): Promise<Exit.Exit<A, E>> => {
  const layer = Layer.mergeAll(
    clientLayer(options.client ?? "undici"),
    configLayer({ baseUrl: `${server.origin}/v1`, timeout: options.timeout ?? "2 seconds", verbose: true }),
    tracer.layer,
    Logger.replace(Logger.defaultLogger, testLogger),
    Logger.minimumLogLevel(LogLevel.All)
  )
  const bounded = effect.pipe(
    Effect.provide(layer),
    Effect.timeoutFail({ duration: "20 seconds", onTimeout: () => "case timed out" })
  ) as Effect.Effect<A, E>
  return Effect.runPromiseExit(bounded)
}

const spanText = () =>
  tracer.spans.map((s) => `${s.name} ${JSON.stringify([...s.attributes].map(([k, v]) => [k, String(v)]))}`).join("\n")

/** The outcome is a value or one of the five tagged errors, and nothing the client produced shows the key. */
const checkOutcome = (exit: Exit.Exit<unknown, unknown>) => {
  if (Exit.isFailure(exit)) {
    const failure = Cause.failureOption(exit.cause)
    assert.isTrue(failure._tag === "Some", `not a typed failure: ${Cause.pretty(exit.cause)}`)
    const error = (failure as { value: unknown }).value
    assert.isTrue(StatusPageError.isStatusPageError(error), `not one of the five errors: ${String(error)}`)
    const text = `${JSON.stringify(error)} ${String(error)} ${Cause.pretty(exit.cause)}`
    assert.notInclude(text, API_KEY)
  }
  assert.notInclude(logLines.join("\n"), API_KEY)
  assert.notInclude(spanText(), API_KEY)
}

/** Checks the outcome is the error `tag` with one of `reasons`, and returns it. */
const expectError = (exit: Exit.Exit<unknown, unknown>, tag: string, ...reasons: ReadonlyArray<string>): any => {
  checkOutcome(exit)
  assert.isTrue(Exit.isFailure(exit), `expected ${tag} ${reasons.join(" or ")}, got a value`)
  const error = Cause.failureOption((exit as Exit.Failure<unknown, unknown>).cause).pipe((o) =>
    o._tag === "Some" ? (o.value as any) : undefined
  )
  assert.strictEqual(error?._tag, tag, error?.message)
  assert.include(reasons, error?.reason, error?.message)
  return error
}

const expectValue = <A>(exit: Exit.Exit<A, unknown>): A => {
  checkOutcome(exit)
  if (Exit.isFailure(exit)) assert.fail(`expected a value, got ${Cause.pretty(exit.cause)}`)
  return (exit as Exit.Success<A, unknown>).value
}

const list = (scenario: string) => Components.list({}, { pageId: scenario })
const create = (scenario: string) => Components.create({ name: "API" }, { pageId: scenario })
const update = (scenario: string) => Components.update("ftgks51sfs2d", { status: "major_outage" }, { pageId: scenario })
const remove = (scenario: string) => Components.delete("ftgks51sfs2d", { pageId: scenario })

describe("Reliability: rate limits", () => {
  it("420 with Retry-After in seconds is waited out and retried", async () => {
    const value = expectValue(await run(list("rate-420-seconds")))
    assert.strictEqual(value.length, 1)
    assert.strictEqual(server.count("rate-420-seconds", "GET"), 2)
  })

  it("429 with Retry-After as an HTTP date is waited out and retried", async () => {
    expectValue(await run(list("rate-429-date")))
    assert.strictEqual(server.count("rate-429-date", "GET"), 2)
  })

  it("a POST answered 429 (not processed) is sent again, and processed once", async () => {
    expectValue(await run(create("rate-429-post")))
    assert.strictEqual(server.count("rate-429-post", "POST"), 2)
    assert.strictEqual(postsProcessed.count, 1)
  })

  it("when the attempts run out it is a RateLimitError with the server's Retry-After", async () => {
    const error = expectError(await run(list("rate-420-always")), "RateLimitError", "RateLimited")
    assert.strictEqual(error.httpStatus, 420)
    assert.strictEqual(error.retryAfterMillis, 1000)
    assert.strictEqual(server.count("rate-420-always", "GET"), 3)
  })
})

describe("Reliability: 5xx with HTML bodies", () => {
  for (const status of [500, 502, 503, 504]) {
    it(`${status}: GET and DELETE are retried then a ServerError; POST and PATCH are sent once`, async () => {
      const scenario = `status-${status}`
      const get = expectError(await run(list(scenario)), "ServerError", "Status")
      assert.strictEqual(get.httpStatus, status)
      assert.strictEqual(server.count(scenario, "GET"), 3)
      assert.include(get.message, String(status))
      assert.include(get.excerpt, "<redacted>")
      const post = expectError(await run(create(scenario)), "ServerError", "Status")
      assert.strictEqual(post.httpStatus, status)
      assert.strictEqual(server.count(scenario, "POST"), 1)
      // PATCH may have taken effect too: never repeated; DELETE is idempotent: retried like GET
      expectError(await run(update(scenario)), "ServerError", "Status")
      assert.strictEqual(server.count(scenario, "PATCH"), 1)
      expectError(await run(remove(scenario)), "ServerError", "Status")
      assert.strictEqual(server.count(scenario, "DELETE"), 3)
    })
  }
})

describe("Reliability: broken connections and slow answers", () => {
  it("a reset before any response: GET is a Transport error after retries, POST is OutcomeUnknown, sent once", async () => {
    expectError(await run(list("reset-before-response")), "RequestError", "Transport")
    assert.strictEqual(server.count("reset-before-response", "GET"), 3)
    expectError(await run(create("reset-before-response")), "RequestError", "OutcomeUnknown")
    assert.strictEqual(server.count("reset-before-response", "POST"), 1)
  })

  it("a reset after the server processed a POST is OutcomeUnknown, and the POST is not repeated", async () => {
    const before = postsProcessed.count
    expectError(await run(create("reset-after-processing")), "RequestError", "OutcomeUnknown")
    assert.strictEqual(server.count("reset-after-processing", "POST"), 1)
    assert.strictEqual(postsProcessed.count, before + 1)
    expectError(await run(update("reset-after-processing")), "RequestError", "OutcomeUnknown")
    assert.strictEqual(server.count("reset-after-processing", "PATCH"), 1)
  })

  it("an answer slower than the timeout: GET is a Timeout, POST is OutcomeUnknown, sent once", async () => {
    expectError(await run(list("slow"), { timeout: "200 millis" }), "RequestError", "Timeout")
    assert.strictEqual(server.count("slow", "GET"), 3)
    expectError(await run(create("slow"), { timeout: "200 millis" }), "RequestError", "OutcomeUnknown")
    assert.strictEqual(server.count("slow", "POST"), 1)
    expectError(await run(update("slow"), { timeout: "200 millis" }), "RequestError", "OutcomeUnknown")
    assert.strictEqual(server.count("slow", "PATCH"), 1)
  })

  it("a connection closed in the middle of the body is a typed transport failure", async () => {
    expectError(await run(list("cut-mid-body")), "RequestError", "Transport", "Timeout")
  })
})

describe("Reliability: 2xx bodies that are not what the schema says", () => {
  it("truncated JSON is a ServerError Decode with an excerpt", async () => {
    const error = expectError(await run(list("truncated")), "ServerError", "Decode")
    assert.strictEqual(error.httpStatus, 200)
    assert.include(error.excerpt, '[{"id":"ftgks51sfs2d"')
  })

  it("invalid JSON is a ServerError Decode", async () => {
    expectError(await run(list("invalid-json")), "ServerError", "Decode")
  })

  it("an HTML page with a 200 is a ServerError Decode that does not show the echoed key", async () => {
    const error = expectError(await run(list("html-200")), "ServerError", "Decode")
    assert.include(error.excerpt, "Maintenance")
    assert.include(error.excerpt, "Authorization: OAuth <redacted>")
  })

  it("valid JSON under a wrong content type is decoded: the body decides, not the label", async () => {
    const value = expectValue(await run(list("json-as-text")))
    assert.strictEqual(value[0]!.id, "ftgks51sfs2d")
  })

  it("a missing required field is a ServerError Decode naming the field", async () => {
    const error = expectError(await run(list("missing-field")), "ServerError", "Decode")
    assert.strictEqual(error.path, "[0].status")
  })

  it("extra fields are dropped", async () => {
    const value = expectValue(await run(list("extra-fields")))
    assert.notProperty(value[0], "uptime_showcase")
    assert.notProperty(value[0], "new_nested")
  })

  it("an unknown enum value is a ServerError Decode naming the field (documented in the README)", async () => {
    const error = expectError(await run(list("unknown-enum")), "ServerError", "Decode")
    assert.strictEqual(error.path, "[1].status")
    assert.include(error.message, "partially_degraded")
  })

  it("a 20 MB body is decoded", async () => {
    const value = expectValue(await run(list("huge"), { timeout: "15 seconds" }))
    assert.strictEqual(value.length, 9000)
  })
})

describe("Reliability: redirects", () => {
  it("a redirect to another host is not followed by the undici client, so the key cannot follow it", async () => {
    const error = expectError(await run(list("redirect")), "RequestError", "UnexpectedStatus")
    assert.strictEqual(error.httpStatus, 302)
    assert.strictEqual(otherHost.count("redirect"), 0)
  })

  it("a client that follows redirects (fetch) does not carry the Authorization header to the other host", async () => {
    expectValue(await run(list("redirect"), { client: "fetch" }))
    const seen = otherHost.received.filter((r) => r.scenario === "redirect")
    assert.strictEqual(seen.length, 1)
    assert.isUndefined(seen[0]!.headers.authorization)
    assert.notInclude(JSON.stringify(seen), API_KEY)
  })
})

describe("Reliability: across every case", () => {
  it("no unhandled rejection or exception, and the key is in no log line or span", () => {
    assert.deepStrictEqual(unhandled, [])
    assert.isAbove(logLines.length, 0)
    assert.isAbove(tracer.spans.length, 0)
    assert.notInclude(logLines.join("\n"), API_KEY)
    assert.notInclude(spanText(), API_KEY)
    // the server did receive the key: the scan above would have found it had the client repeated it
    assert.isTrue(server.received.every((r) => r.headers.authorization === `OAuth ${API_KEY}`))
  })
})
