/** The same plan/apply/export over HTTP: the fake served on loopback, the production transport in front. */
import { assert, describe, it } from "@effect/vitest"
import { DesiredStateApply, DesiredStateExport, DesiredStatePlan } from "@effect-statuspage/desired-state"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { example } from "./support.js"

describe("over the loopback fake server", () => {
  it.effect("apply, a connection dropped mid-apply, plan + apply again, then the export plans to nothing", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const file = yield* example
      const plan = yield* DesiredStatePlan.make(file)
      const failed = yield* Effect.flip(
        DesiredStateApply.apply(plan, {
          onProgress: ({ done }) => (done === 4 ? fake.dropNext({ when: "after" }) : Effect.void)
        })
      )
      assert.strictEqual(failed._tag, "ApplyError")
      const rest = yield* DesiredStatePlan.make(file)
      assert.strictEqual(rest.changes.length, plan.changes.length - 5)
      yield* DesiredStateApply.apply(rest)
      const { file: exported } = yield* DesiredStateExport.exportPage()
      const again = yield* DesiredStatePlan.make(exported, { prune: true })
      assert.isTrue(DesiredStatePlan.isEmpty(again), DesiredStatePlan.render(again))
      assert.deepStrictEqual(
        exported.components?.map((c) => c.name),
        ["Website", "API", "Database", "Payments"]
      )
    }).pipe(Effect.provide(StatusPageFakeServer.layerTest({ seed: "desired-server" })))
  )
})
