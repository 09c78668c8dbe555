/**
 * Crash safety: a connection dropped at any write of an apply (before the server acts, or after it acted without
 * answering), then plan + apply again, ends with the file's state, no duplicates and a plan with nothing to do.
 */
import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import { DesiredStateApply, DesiredStatePlan } from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { example } from "./support.js"

/** What the page looks like, by name: the fields a file manages, never ids. */
const shape = Effect.gen(function* () {
  const fake = yield* StatusPageTest.FakeStatusPage
  const state = yield* fake.state
  const rows = (table: string) => (state[table] ?? []) as ReadonlyArray<Record<string, any>>
  const components = rows("components")
  const nameOf = new Map(components.map((c) => [c.id, c.name]))
  return {
    components: components
      .filter((c) => !c.group)
      .map((c) => `${c.name} in ${c.group_id === null ? "-" : nameOf.get(c.group_id)}`)
      .sort(),
    groups: components
      .filter((c) => c.group)
      .map(
        (g) =>
          `${g.name}: ${(g.components as Array<string>)
            .map((id) => nameOf.get(id))
            .sort()
            .join(",")}`
      )
      .sort(),
    templates: rows("incidentTemplates")
      .map((t) => t.name)
      .sort(),
    providers: rows("metricsProviders")
      .map((p) => p.type)
      .sort(),
    metrics: rows("metrics")
      .map((m) => m.name)
      .sort()
  }
})

const writesOfExample = 10

describe("convergence after a crash", () => {
  for (const when of ["before", "after"] as const) {
    for (let at = 0; at < writesOfExample; at++) {
      it.effect(`dropped ${when} write ${at + 1} of ${writesOfExample}`, () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const file = yield* example
          const plan = yield* DesiredStatePlan.make(file)
          assert.strictEqual(plan.changes.length, writesOfExample)
          const failed = yield* Effect.flip(
            DesiredStateApply.apply(plan, {
              onProgress: ({ done }) => (done === at ? fake.dropNext({ when }) : Effect.void)
            })
          )
          assert.strictEqual(failed._tag, "ApplyError")
          if (failed._tag === "ApplyError") assert.strictEqual(failed.done, at)

          const retry = yield* DesiredStatePlan.make(file)
          // after a drop that came after the server acted, that write is already done
          assert.strictEqual(retry.changes.length, writesOfExample - at - (when === "after" ? 1 : 0))
          yield* DesiredStateApply.apply(retry)
          assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(file)))

          const expected = {
            components: ["API in Platform", "Database in Platform", "Payments in -", "Website in -"],
            groups: ["Platform: API,Database"],
            templates: ["Database degraded"],
            providers: ["Self"],
            metrics: ["API latency"]
          }
          assert.deepStrictEqual(yield* shape, expected)
          assert.strictEqual((yield* Components.list()).length, 5)
        }).pipe(Effect.provide(StatusPageTest.layer({ seed: `crash-${when}-${at}` })))
      )
    }
  }
})
