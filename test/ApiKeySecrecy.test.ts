/** The API key never shows up in an error or a log line, even when the server echoes it back. */
import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { API_KEY, component, configLayer } from "./support/fixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"

/** The key as a JSON string may spell it: every character as `\uXXXX` (or only those at `only`). */
const jsonEscaped = (text: string, only?: ReadonlyArray<number>) =>
  [...text]
    .map((c, i) => (only === undefined || only.includes(i) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c))
    .join("")

/** Every way an error can be shown: its message, its fields, its printed and pretty-printed forms. */
const renderings = (error: unknown): ReadonlyArray<string> => [
  (error as Error).message,
  JSON.stringify(error),
  String(error),
  Cause.pretty(Cause.fail(error))
]

const echoes: ReadonlyArray<readonly [string, RecordingHttpClient.CannedResponse]> = [
  ["a 401 body", { status: 401, body: { error: `Invalid API key: OAuth ${API_KEY}` } }],
  ["a field map", { status: 422, body: { errors: { authorization: [`${API_KEY} is not valid`] } } }],
  ["an HTML title", { status: 403, body: `<html><title>Forbidden for ${API_KEY}</title></html>` }],
  ["a 5xx excerpt", { status: 500, body: `stack trace ... headers: {authorization: "OAuth ${API_KEY}"}` }],
  [
    "a rate limit body",
    { status: 429, body: { message: `key ${API_KEY} over limit` }, headers: { "retry-after": "1" } }
  ],
  ["the x-request-id header", { status: 404, body: { error: "nope" }, headers: { "x-request-id": `req-${API_KEY}` } }],
  ["meta.logref", { status: 404, body: { error: "nope", meta: { logref: API_KEY } } }],
  ["a 2xx body that does not match", { status: 200, body: { ...component(), name: 1, note: API_KEY } }],
  ["a 2xx body that is not JSON", { status: 200, body: `<p>welcome ${API_KEY}</p>` }],
  ["a 2xx field that fails the schema", { status: 200, body: { ...component(), status: API_KEY } }],
  [
    "a 2xx field that fails the schema, JSON-escaped",
    { status: 200, body: JSON.stringify({ ...component(), status: "KEY" }).replace("KEY", jsonEscaped(API_KEY)) }
  ],
  ["a 401 body, JSON-escaped", { status: 401, body: `{"error": "Invalid API key: ${jsonEscaped(API_KEY)}"}` }],
  [
    "a field map, partly escaped",
    { status: 422, body: `{"errors": {"key": ["${jsonEscaped(API_KEY, [0, 1, 9])} is not valid"]}}` }
  ]
]

describe("the API key stays secret", () => {
  for (const [where, canned] of echoes) {
    it.effect(`when the server echoes it in ${where}`, () =>
      Effect.gen(function* () {
        const lines: Array<string> = []
        const logger = Logger.make(({ message }) => lines.push(JSON.stringify(message)))
        const http = RecordingHttpClient.make([canned])
        const result = yield* Effect.either(
          Components.get("c1").pipe(
            Effect.provide(Layer.mergeAll(http.layer, configLayer({ verbose: true }))),
            Logger.withMinimumLogLevel(LogLevel.All),
            Effect.provide(Logger.replace(Logger.defaultLogger, logger))
          )
        )
        assert.strictEqual(result._tag, "Left")
        if (result._tag === "Left") {
          for (const text of renderings(result.left)) assert.notInclude(text, API_KEY)
        }
        assert.isAbove(lines.length, 0, "verbose mode logged the exchange")
        for (const line of lines) assert.notInclude(line, API_KEY)
        assert.notInclude(http.requests[0]!.url.href, API_KEY)
      })
    )
  }

  it.effect("an excerpt is cut after the key is scrubbed: no prefix of the key is left at the cut", () =>
    Effect.gen(function* () {
      for (const status of [500, 200]) {
        for (const at of [190, 195, 198]) {
          const body = `${"x".repeat(at)}${API_KEY} and more`
          const http = RecordingHttpClient.make([{ status, body }])
          const error: any = yield* Effect.flip(
            Components.get("c1").pipe(Effect.provide(Layer.merge(http.layer, configLayer())))
          )
          for (const text of renderings(error)) assert.notInclude(text, API_KEY.slice(0, 6))
        }
      }
    })
  )

  it.effect("an echoed key is replaced, and what the server said around it is kept", () =>
    Effect.gen(function* () {
      const http = RecordingHttpClient.make([
        { status: 403, body: `<html><title>Forbidden for ${API_KEY}</title></html>` }
      ])
      const error: any = yield* Effect.flip(
        Components.get("c1").pipe(Effect.provide(Layer.merge(http.layer, configLayer())))
      )
      assert.deepStrictEqual(error.errors, [{ message: "Forbidden for <redacted>" }])
    })
  )
})
