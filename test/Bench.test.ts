/** A smoke run of `pnpm bench`: tiny iteration counts, so the bench cannot rot. No timing is asserted. */
import { assert, describe, it } from "@effect/vitest"
import * as Report from "../bench/report.js"

describe("bench", () => {
  it("runs end to end and prints its tables", { timeout: 120_000 }, async () => {
    const lines: Array<string> = []
    await Report.run(Report.smoke, (line) => lines.push(line))
    const out = lines.join("\n")
    assert.include(out, "| payload")
    for (const payload of ["1 component ", "100 components", "1000 components", "incident, 20 updates"]) {
      assert.include(out, `| ${payload}`)
    }
    assert.include(out, "| Struct, our decoder (as shipped)")
    assert.include(out, "| one action (Components.list)")
    assert.include(out, "| hand-written HttpClient + Schema")
    assert.include(out, "| ComponentStatus.set, 5 components")
    assert.include(out, "| MetricBackfill.push, 20 points, batch 5")
    assert.include(out, "| component statuses, real limit (60/60 s)")
  })
})
