import { assert, describe, it } from "@effect/vitest"
import { StatusPageFakeServer } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { vi } from "vitest"
import { demo } from "../examples/main.js"
import { fakeSuite } from "./support/fakeSuite.js"

fakeSuite("over HTTP on loopback", () => StatusPageFakeServer.layerTest({ seed: 1 }))

describe("pnpm demo", () => {
  it.live("runs every example to completion against the fake when no API key is set", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const spy = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
        lines.push(args.join(" "))
      })
      yield* Effect.ensuring(
        demo(undefined).pipe(
          Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => "the demo took over 60 s" })
        ),
        Effect.sync(() => spy.mockRestore())
      )
      const output = lines.join("\n")
      assert.include(output, "using a fake Statuspage at http://127.0.0.1:")
      assert.include(output, "resolved      Resolved.")
      assert.include(output, "postmortem published at")
      assert.match(output, /they land in \d+ 30-second slots/)
      assert.strictEqual(lines.at(-1)?.trim(), "done")
    })
  )
})
