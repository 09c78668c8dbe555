import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import { DesiredStateApply, DesiredStatePlan } from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { example, takeRequests, writesOf } from "./support.js"

const layer = StatusPageTest.layer({ seed: "prune" })

describe("prune", () => {
  it.effect("unmanaged resources are left alone without prune, deleted with it", () =>
    Effect.gen(function* () {
      const file = yield* example
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(file))
      for (const name of ["Old 1", "Old 2"]) yield* Components.create({ name })
      yield* takeRequests
      const plain = yield* DesiredStatePlan.make(file)
      assert.isTrue(DesiredStatePlan.isEmpty(plain))
      assert.deepStrictEqual(
        plain.unmanaged.map((u) => u.name),
        ["Old 1", "Old 2"]
      )
      const pruning = yield* DesiredStatePlan.make(file, { prune: true })
      // 2 of 10 managed resources on the page: within the default 25%
      assert.strictEqual(pruning.managedOnPage, 10)
      yield* takeRequests
      const result = yield* DesiredStateApply.apply(pruning)
      assert.strictEqual(result.writes, 2)
      assert.deepStrictEqual(writesOf(yield* takeRequests), ["DELETE components.delete", "DELETE components.delete"])
      assert.deepStrictEqual(
        (yield* Components.list()).filter((c) => c.name.startsWith("Old")),
        []
      )
    }).pipe(Effect.provide(layer))
  )

  it.effect(
    "the guard: deleting more than the allowed share needs the second confirmation; nothing is written before",
    () =>
      Effect.gen(function* () {
        const file = yield* example
        yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(file))
        // a truncated file: only one component left in it
        const truncated = { version: 1 as const, components: [file.components![0]!] }
        const plan = yield* DesiredStatePlan.make(truncated, { prune: true })
        assert.strictEqual(plan.changes.filter((c) => c._tag === "Delete").length, 3)
        yield* takeRequests
        const refused = yield* Effect.flip(DesiredStateApply.apply(plan))
        assert.strictEqual(refused._tag, "PruneGuardError")
        if (refused._tag === "PruneGuardError") {
          assert.deepInclude(refused, { deletes: 3, total: 4, maxShare: 0.25 })
          assert.include(refused.message, "confirmLargePrune")
        }
        assert.deepStrictEqual(yield* takeRequests, [])
        // a larger share allowed, or the second confirmation, lets it through
        yield* DesiredStateApply.checkPruneGuard(plan, { maxPruneShare: 0.75 })
        const done = yield* DesiredStateApply.apply(plan, { confirmLargePrune: true })
        assert.strictEqual(done.writes, 3)
        assert.deepStrictEqual(
          (yield* Components.list()).map((c) => c.name),
          ["Website"]
        )
      }).pipe(Effect.provide(layer))
  )

  it.effect("a section left out of the file is never pruned", () =>
    Effect.gen(function* () {
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(yield* example))
      const plan = yield* DesiredStatePlan.make({ version: 1, templates: [] }, { prune: true })
      assert.deepStrictEqual(plan.changes, [])
      assert.include(DesiredStatePlan.render(plan), "the API cannot delete templates")
      assert.lengthOf(yield* Components.list(), 5)
    }).pipe(Effect.provide(layer))
  )
})
