import { assert, describe, it } from "@effect/vitest"
import * as Burst from "../../bench/bridge.js"

// The burst of `pnpm bench` (500 alerts over 25 components in 50 webhooks), against the fake with its rate limit on:
// the request counts are exact facts; the times are only printed by the bench.
describe("Bridge burst", () => {
  it("component statuses: 1 list + 25 writes, 0 rejections", async () => {
    const figures = await Burst.run(Burst.scenarios[0]!)
    assert.deepInclude(figures, { requests: 26, writes: 25, rejections: 0 })
  })

  it("5 incidents over 25 components: per key one unresolved list, one components list, one create, the check after it; 0 rejections", async () => {
    const figures = await Burst.run(Burst.scenarios[1]!)
    assert.deepInclude(figures, { requests: 20, writes: 5, rejections: 0 })
  })

  it("paced under a limit the burst exceeds (10 per second): still 26 requests and 0 rejections", async () => {
    const figures = await Burst.run(Burst.scenarios[2]!)
    assert.deepInclude(figures, { requests: 26, writes: 25, rejections: 0 })
  })
})
