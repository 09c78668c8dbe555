/** Table-driven wire tests: one call, one canned answer, and the exact request it must send. */
import { assert, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type CannedResponse, run } from "./RecordingHttpClient.js"

export interface WireCase {
  readonly name: string
  readonly call: () => Effect.Effect<unknown, unknown, any>
  readonly answer: CannedResponse
  readonly method: string
  /** Path and query as sent, e.g. `/v1/pages/p1/components?page=2`. */
  readonly target: string
  /** The JSON body expected on the wire; `undefined` means no body at all. */
  readonly json: unknown
}

/** One test per case: exactly one request, with this method, target and body, and a decoded success. */
export const wireCases = (cases: ReadonlyArray<WireCase>): void => {
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { result, requests } = yield* run(c.call(), [c.answer])
        assert.strictEqual(requests.length, 1)
        const req = requests[0]!
        assert.strictEqual(req.method, c.method)
        assert.strictEqual(req.target, c.target)
        assert.deepStrictEqual(req.json, c.json)
        if (c.json === undefined) assert.strictEqual(req.body, undefined)
        else assert.strictEqual(req.headers["content-type"], "application/json")
        assert.strictEqual(result._tag, "Right", JSON.stringify(result))
      })
    )
  }
}
