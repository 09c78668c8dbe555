/** The README's "Testing your code with a fake HTTP layer" snippet is `examples/fake-http-layer.ts`, and it works. */
import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { fakeHttpExample } from "../examples/fake-http-layer.js"

const root = path.resolve(import.meta.dirname, "..")

describe("README: testing with a fake HTTP layer", () => {
  it("shows examples/fake-http-layer.ts verbatim", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
    const section = readme.slice(readme.indexOf("## Testing your code with a fake HTTP layer"))
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
    assert.strictEqual(snippet, fs.readFileSync(path.join(root, "examples/fake-http-layer.ts"), "utf8"))
  })

  it.effect("runs: the action decodes the fake's answer and the request can be inspected", () =>
    Effect.gen(function* () {
      const { component, request } = yield* fakeHttpExample
      assert.strictEqual(component.id, "cmp1")
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.url, "https://api.statuspage.io/v1/pages/page1/components")
      assert.strictEqual(request.headers.authorization, "OAuth test-key")
      assert.strictEqual(request.body._tag, "Uint8Array")
      if (request.body._tag === "Uint8Array") {
        assert.deepStrictEqual(JSON.parse(new TextDecoder().decode(request.body.body)), {
          component: { name: "API", status: "operational" }
        })
      }
    })
  )
})
