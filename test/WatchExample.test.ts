/** `examples/watch.ts` prints the changes its two watchers saw, in order, while the fake flips things. */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { vi } from "vitest"
import { watchExample } from "../examples/watch.js"

describe("examples/watch.ts", () => {
  it.effect("reports the component flip, the incident and its resolution on the right pages", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const spy = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
        lines.push(args.join(" "))
      })
      yield* Effect.ensuring(
        watchExample,
        Effect.sync(() => spy.mockRestore())
      )
      const seen = lines.filter((line) => line.includes("seen:")).map((line) => line.trim())
      assert.strictEqual(seen.length, 5)
      assert.match(seen[0]!, /^seen: Fake page \w+: API operational -> partial_outage$/)
      assert.include(seen.slice(1, 3), "seen: Fake page shoppage0001: Checkout operational -> major_outage")
      assert.include(seen.slice(1, 3), "seen: Fake page shoppage0001: incident opened: Checkout errors (critical)")
      assert.include(seen.slice(3), "seen: Fake page shoppage0001: Checkout major_outage -> operational")
      assert.include(seen.slice(3), "seen: Fake page shoppage0001: incident resolved: Checkout errors")
    })
  )
})
