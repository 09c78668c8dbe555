import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import { DesiredStateApply, DesiredStatePlan } from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { example, takeRequests, writesOf } from "./support.js"

const layer = StatusPageTest.layer({ seed: "desired" })

describe("plan and apply", () => {
  it.effect("the example on an empty page: one list per kind, then exactly the planned writes, then nothing", () =>
    Effect.gen(function* () {
      const file = yield* example
      const plan = yield* DesiredStatePlan.make(file)
      const reads = yield* takeRequests
      assert.deepStrictEqual(reads, [
        "GET pages.get",
        "GET statusEmbedConfig.get",
        "GET components.list",
        "GET componentGroups.list",
        "GET incidentTemplates.list",
        "GET metricsProviders.list",
        "GET metrics.list"
      ])
      assert.strictEqual(plan.reads, 7)
      assert.deepStrictEqual(
        plan.changes.map((c) => DesiredStateApply.describe(c)),
        [
          "update page",
          "update status embed config",
          'create component "Website"',
          'create component "API"',
          'create component "Database"',
          'create component "Payments"',
          'create group "Platform"',
          'create template "Database degraded"',
          'create metrics provider "Self"',
          'create metric "Self/API latency"'
        ]
      )
      assert.deepStrictEqual(plan.moves, [
        { component: "API", from: null, to: "Platform" },
        { component: "Database", from: null, to: "Platform" }
      ])
      const pageUpdate = plan.changes[0]!
      assert.strictEqual(pageUpdate._tag, "Update")
      if (pageUpdate._tag === "Update") {
        assert.deepInclude(pageUpdate.changes, { field: "name", old: "Fake page 1", new: "Acme status" })
      }
      // the plan survives JSON
      const decoded = yield* Schema.decodeUnknown(Schema.parseJson(DesiredStatePlan.Plan))(
        DesiredStatePlan.toJson(plan)
      )
      assert.deepStrictEqual(decoded, plan)

      const progress: Array<DesiredStateApply.Progress> = []
      const result = yield* DesiredStateApply.apply(decoded, {
        onProgress: (p) => Effect.sync(() => progress.push(p))
      })
      const writes = yield* takeRequests
      assert.deepStrictEqual(writes, [
        "PATCH pages.update",
        "PATCH statusEmbedConfig.update",
        "POST components.create",
        "POST components.create",
        "POST components.create",
        "POST components.create",
        "POST componentGroups.create",
        "POST incidentTemplates.create",
        "POST metricsProviders.create",
        "POST metrics.create"
      ])
      assert.strictEqual(result.writes, 10)
      assert.deepStrictEqual(
        progress.map((p) => [p.done, p.total]),
        [...Array.from({ length: 10 }, (_, i) => [i, 10]), [10, 10]]
      )
      assert.strictEqual(progress.at(-1)!.step, "done")

      const again = yield* DesiredStatePlan.make(file)
      assert.isTrue(DesiredStatePlan.isEmpty(again), DesiredStatePlan.render(again))
      assert.deepStrictEqual(again.notes, [])
      assert.deepStrictEqual(writesOf(yield* takeRequests), [])
      const second = yield* DesiredStateApply.apply(again)
      assert.strictEqual(second.writes, 0)
      assert.deepStrictEqual(yield* takeRequests, [])

      const components = yield* Components.list()
      const api = components.find((c) => c.name === "API")!
      const platform = components.find((c) => c.name === "Platform")!
      assert.strictEqual(api.group_id, platform.id)
      assert.strictEqual(components.find((c) => c.name === "Website")!.group_id, null)
    }).pipe(Effect.provide(layer))
  )

  it.effect("updates field by field, moves between groups, and never touches statuses", () =>
    Effect.gen(function* () {
      const file = yield* example
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(file))
      const api = (yield* Components.list()).find((c) => c.name === "API")!
      yield* Components.update(api.id, { status: "major_outage" })
      yield* takeRequests
      const edited = {
        ...file,
        components: file.components!.map((c) => (c.name === "Website" ? { ...c, description: "the shop" } : c)),
        groups: [
          { name: "Platform", components: ["Database"] },
          { name: "Edge", components: ["Website", "API"] }
        ]
      }
      const plan = yield* DesiredStatePlan.make(edited)
      const rendered = DesiredStatePlan.render(plan)
      assert.deepStrictEqual(
        plan.changes.map((c) => DesiredStateApply.describe(c)),
        ['update component "Website"', 'update group "Platform"', 'create group "Edge"']
      )
      assert.include(rendered, '~ component "Website"\n    description: "www.acme.example" -> "the shop"')
      assert.include(rendered, '    components: ["API","Database"] -> ["Database"]')
      assert.include(rendered, '> component "API": group "Platform" -> "Edge"')
      assert.include(rendered, '> component "Website": group null -> "Edge"')
      assert.notInclude(rendered, "status")
      yield* DesiredStateApply.apply(plan)
      assert.strictEqual(writesOf(yield* takeRequests).length, 3)
      assert.isTrue(DesiredStatePlan.isEmpty(yield* DesiredStatePlan.make(edited)))
      const after = yield* Components.list()
      assert.strictEqual(after.find((c) => c.name === "API")!.status, "major_outage")
    }).pipe(Effect.provide(layer))
  )

  it.effect("the ETA comes from the rate limit: windows still needed for the remaining writes", () =>
    Effect.gen(function* () {
      const plan = yield* DesiredStatePlan.make(yield* example)
      const etas: Array<number> = []
      // 10 writes at 2 per 10 s: 4 more windows after the first; TestClock keeps elapsed time at 0
      yield* DesiredStateApply.apply(plan, {
        rateLimit: { limit: 2, window: "10 seconds" },
        onProgress: (p) => Effect.sync(() => etas.push(p.etaMillis))
      })
      assert.strictEqual(etas[0], 40_000)
      assert.lengthOf(etas, 11)
      assert.isTrue(etas.slice(0, -1).every((eta) => eta === 40_000))
      assert.strictEqual(etas.at(-1), 0)
    }).pipe(Effect.provide(layer))
  )
})
