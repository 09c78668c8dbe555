import { assert, describe, it } from "@effect/vitest"
import { ComponentGroups, Components } from "@effect-statuspage/core"
import { DesiredStateApply, DesiredStatePlan } from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { example, takeRequests, writesOf } from "./support.js"

const layer = StatusPageTest.layer({ seed: "drift" })
const steps = (plan: DesiredStatePlan.Plan) => plan.changes.map((c) => DesiredStateApply.describe(c))
const applied = Effect.flatMap(example, (file) =>
  Effect.flatMap(DesiredStatePlan.make(file), (p) => DesiredStateApply.apply(p))
)
const byName = (name: string) => Effect.map(Components.list(), (all) => all.find((c) => c.name === name)!)

describe("drift", () => {
  it.effect("a component deleted outside is planned as a create (and rejoins its group), never an error", () =>
    Effect.gen(function* () {
      yield* applied
      yield* Components.delete((yield* byName("Database")).id)
      const plan = yield* DesiredStatePlan.make(yield* example)
      assert.deepStrictEqual(steps(plan), ['create component "Database"', 'update group "Platform"'])
      assert.deepStrictEqual(plan.moves, [{ component: "Database", from: null, to: "Platform" }])
      yield* DesiredStateApply.apply(plan)
      assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(yield* example)))
    }).pipe(Effect.provide(layer))
  )

  it.effect("a group deleted outside (its members left in no group) is created again with them", () =>
    Effect.gen(function* () {
      yield* applied
      yield* ComponentGroups.delete((yield* byName("Platform")).id)
      const plan = yield* DesiredStatePlan.make(yield* example)
      assert.deepStrictEqual(steps(plan), ['create group "Platform"'])
      yield* DesiredStateApply.apply(plan)
      assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(yield* example)))
    }).pipe(Effect.provide(layer))
  )

  it.effect("renamed outside: a create plus an unmanaged resource; with prune, one delete and one create", () =>
    Effect.gen(function* () {
      yield* applied
      yield* Components.update((yield* byName("Website")).id, { name: "Web site" })
      const file = yield* example
      const plan = yield* DesiredStatePlan.make(file)
      assert.deepStrictEqual(steps(plan), ['create component "Website"'])
      assert.deepStrictEqual(
        plan.unmanaged.map((u) => `${u.kind} ${u.name}`),
        ["component Web site"]
      )
      const pruned = yield* DesiredStatePlan.make(file, { prune: true })
      assert.deepStrictEqual(steps(pruned), ['create component "Website"', 'delete component "Web site"'])
      assert.include(DesiredStatePlan.render(pruned), '- component "Web site"')
    }).pipe(Effect.provide(layer))
  )

  it.effect("renamed outside, and the file says so with renamed_from: one update of the name", () =>
    Effect.gen(function* () {
      yield* applied
      yield* Components.update((yield* byName("Website")).id, { name: "Web site" })
      const file = yield* example
      const renamed = {
        ...file,
        components: file.components!.map((c) => (c.name === "Website" ? { ...c, renamed_from: "Web site" } : c))
      }
      const plan = yield* DesiredStatePlan.make(renamed)
      assert.deepStrictEqual(steps(plan), ['update component "Website"'])
      assert.include(DesiredStatePlan.render(plan), 'name: "Web site" -> "Website"')
      yield* takeRequests
      yield* DesiredStateApply.apply(plan)
      assert.deepStrictEqual(writesOf(yield* takeRequests), ["PATCH components.update"])
      assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(file)))
    }).pipe(Effect.provide(layer))
  )

  it.effect(
    "a member moved outside is moved back by one group write; a component leaving an unmanaged group by its own",
    () =>
      Effect.gen(function* () {
        yield* applied
        const website = yield* byName("Website")
        const payments = yield* byName("Payments")
        const stray = yield* ComponentGroups.create({ name: "Stray", components: [website.id, payments.id] })
        const api = yield* byName("API")
        yield* Components.update(api.id, { group_id: stray.id })
        const plan = yield* DesiredStatePlan.make(yield* example)
        assert.deepStrictEqual(steps(plan), [
          'update component "Website"',
          'update component "Payments"',
          'update group "Platform"'
        ])
        assert.deepStrictEqual(plan.moves, [
          { component: "Website", from: "Stray", to: null },
          { component: "Payments", from: "Stray", to: null },
          { component: "API", from: "Stray", to: "Platform" }
        ])
        assert.deepStrictEqual(
          plan.unmanaged.map((u) => `${u.kind} ${u.name}`),
          ["group Stray"]
        )
        yield* DesiredStateApply.apply(plan)
        assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(yield* example)))
      }).pipe(Effect.provide(layer))
  )

  it.effect("a group that keeps none of its members is written before the group that takes them", () =>
    Effect.gen(function* () {
      yield* applied
      const file = yield* example
      // listed first, Front would take both of Platform's members and Statuspage would delete the emptied Platform
      const regrouped = {
        ...file,
        groups: [
          { name: "Front", components: ["API", "Database"] },
          { name: "Platform", components: ["Website"] }
        ]
      }
      const plan = yield* DesiredStatePlan.make(regrouped)
      assert.deepStrictEqual(steps(plan), ['update group "Platform"', 'create group "Front"'])
      yield* DesiredStateApply.apply(plan)
      assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(regrouped)))
    }).pipe(Effect.provide(layer))
  )

  it.effect("two groups swapping all their members: noted, and plan + apply again converges", () =>
    Effect.gen(function* () {
      const file = yield* example
      const before = { ...file, groups: [file.groups![0]!, { name: "Front", components: ["Website"] }] }
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(before))
      const swapped = {
        ...file,
        groups: [
          { name: "Platform", components: ["Website"] },
          { name: "Front", components: ["API", "Database"] }
        ]
      }
      const plan = yield* DesiredStatePlan.make(swapped)
      assert.isTrue(plan.notes.some((n) => n.message.includes("swap")))
      yield* Effect.ignore(DesiredStateApply.apply(plan))
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(swapped))
      assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(swapped)))
    }).pipe(Effect.provide(layer))
  )
})
