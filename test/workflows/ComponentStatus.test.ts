/**
 * Component status against the fake Statuspage: one list, then one PATCH per component that differs (minimal), none
 * on a rerun (idempotent), convergence after a drop at any write (crash-safe), groups never written, the
 * `under_maintenance` override and its end time, and the errors.
 */
import { assert, describe, it } from "@effect/vitest"
import { ComponentGroups, Components } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import { ComponentStatus } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import * as RecordingTracer from "../support/RecordingTracer.js"
import { atWrite, counted, pageView, writesOf } from "./support.js"

const layer = () => StatusPageTest.layer({ seed: "component-status" })

const setup = Effect.gen(function* () {
  const api = yield* Components.create({ name: "API" })
  const web = yield* Components.create({ name: "Web" })
  const db = yield* Components.create({ name: "Database", status: "major_outage" })
  const cdn = yield* Components.create({ name: "CDN" })
  const group = yield* ComponentGroups.create({ name: "Edge", components: [cdn.id] })
  return { api, web, db, cdn, group }
})

const health = {
  API: "major_outage",
  Web: "degraded_performance",
  Database: "operational",
  CDN: "operational"
} as const

describe("ComponentStatus.set", () => {
  it.effect("minimal: 1 list + 1 PATCH per component whose status differs; idempotent: the rerun is 1 list", () =>
    Effect.gen(function* () {
      const { api, web, db, cdn } = yield* setup
      const first = yield* counted(ComponentStatus.set(health))
      assert.deepStrictEqual(first.endpoints, [
        "components.list",
        "components.update",
        "components.update",
        "components.update"
      ])
      assert.deepStrictEqual(
        writesOf(first.log).map((r) => r.body),
        [
          { component: { status: "major_outage" } },
          { component: { status: "degraded_performance" } },
          { component: { status: "operational" } }
        ]
      )
      assert.deepStrictEqual(
        first.result.changes.map((c) => [c.id, c.from, c.to]),
        [
          [api.id, "operational", "major_outage"],
          [web.id, "operational", "degraded_performance"],
          [db.id, "major_outage", "operational"]
        ]
      )
      assert.deepStrictEqual(first.result.unchanged, [`component CDN (${cdn.id})`])
      const second = yield* counted(ComponentStatus.set(health))
      assert.deepStrictEqual(second.endpoints, ["components.list"])
      assert.deepStrictEqual(second.result.writes, [])
      assert.strictEqual(second.result.unchanged.length, 4)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("by id as well as by name; several targets for one component: the worst wins", () =>
    Effect.gen(function* () {
      const { api } = yield* setup
      const { result, endpoints } = yield* counted(
        ComponentStatus.set([
          { component: api.id, status: "degraded_performance" },
          { component: "API", status: "partial_outage" },
          { component: "API", status: "operational" }
        ])
      )
      assert.deepStrictEqual(endpoints, ["components.list", "components.update"])
      assert.deepStrictEqual(
        result.changes.map((c) => c.to),
        ["partial_outage"]
      )
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a group is never written: skipped with reason Group", () =>
    Effect.gen(function* () {
      const { group } = yield* setup
      const { result, log } = yield* counted(ComponentStatus.set({ Edge: "major_outage" }))
      assert.deepStrictEqual(writesOf(log), [])
      assert.deepStrictEqual(
        result.skipped.map((s) => [s.item, s.reason]),
        [[`component Edge (${group.id})`, "Group"]]
      )
    }).pipe(Effect.provide(layer()))
  )

  it.effect("under_maintenance until a time: honoured before it, the `after` status from it on", () =>
    Effect.gen(function* () {
      const { api } = yield* setup
      const until = new Date(Date.parse("1970-01-01T01:00:00Z"))
      const override = [
        { component: "API", status: "under_maintenance", until, after: "degraded_performance" }
      ] as const
      const during = yield* ComponentStatus.set(override)
      assert.deepStrictEqual(
        during.changes.map((c) => c.to),
        ["under_maintenance"]
      )
      yield* TestClock.adjust("59 minutes")
      assert.deepStrictEqual((yield* ComponentStatus.set(override)).writes, [])
      yield* TestClock.adjust("1 minute")
      const after = yield* ComponentStatus.set(override)
      assert.deepStrictEqual(
        after.changes.map((c) => [c.id, c.from, c.to]),
        [[api.id, "under_maintenance", "degraded_performance"]]
      )
    }).pipe(Effect.provide(layer()))
  )

  it.effect("bad input fails with InputError before any write: unknown, ambiguous, invalid status or until", () =>
    Effect.gen(function* () {
      yield* setup
      yield* Components.create({ name: "Web" })
      const cases = [
        [{ Nope: "major_outage" }, "UnknownComponent"],
        [{ API: "major_outage", Web: "major_outage" }, "AmbiguousComponent"],
        [{ API: "broken" as any }, "Invalid"],
        [[{ component: "API", status: "major_outage", until: "2030-01-01T00:00:00Z" }], "Invalid"],
        [[{ component: "API", status: "under_maintenance", until: "tomorrow-ish" }], "Invalid"]
      ] as const
      for (const [targets, reason] of cases) {
        const { result, log } = yield* counted(Effect.flip(ComponentStatus.set(targets as any)))
        assert.strictEqual(result._tag, "InputError")
        assert.strictEqual((result as any).reason, reason)
        assert.include(result.message, "nothing was written")
        assert.deepStrictEqual(writesOf(log), [])
      }
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a failure mid-job says what was written before it; the rerun finishes the job", () =>
    Effect.gen(function* () {
      const { api } = yield* setup
      const error = yield* Effect.flip(
        atWrite(2, (fake) => fake.failNext({ status: 500, body: { error: "boom" } }))(ComponentStatus.set(health))
      )
      assert.strictEqual(error._tag, "JobError")
      if (error._tag !== "JobError") return
      assert.deepStrictEqual(
        error.written.map((w) => w.target),
        [`component API (${api.id})`]
      )
      assert.strictEqual(error.cause._tag, "ServerError")
      assert.include(error.message, "1 write applied before it")
      assert.include(error.message, "operational -> major_outage")
      const rerun = yield* ComponentStatus.set(health)
      assert.strictEqual(rerun.writes.length, 2)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("one span with writes and skipped", () => {
    const tracer = RecordingTracer.make()
    return Effect.gen(function* () {
      yield* setup
      yield* ComponentStatus.set({ ...health, Edge: "major_outage" })
      const span = tracer.spans.find((s) => s.name === "Workflows.ComponentStatus.set")!
      assert.strictEqual(span.attributes.get("workflows.writes"), 3)
      assert.strictEqual(span.attributes.get("workflows.skipped"), 1)
    }).pipe(Effect.provide(Layer.merge(layer(), tracer.layer)))
  })

  describe("crash-safe: a drop before or after each of the 3 writes, then a rerun, ends as a clean run", () => {
    const clean = Effect.gen(function* () {
      yield* setup
      yield* ComponentStatus.set(health)
      return yield* pageView
    }).pipe(Effect.provide(layer()))
    for (const when of ["before", "after"] as const) {
      for (const n of [1, 2, 3]) {
        it.effect(`write ${n} dropped ${when}`, () =>
          Effect.gen(function* () {
            const expected = yield* clean
            const ended = yield* Effect.gen(function* () {
              yield* setup
              const error = yield* Effect.flip(
                atWrite(n, (fake) => fake.dropNext({ when }))(ComponentStatus.set(health))
              )
              assert.strictEqual(error._tag, "JobError")
              assert.strictEqual((error as any).written.length, n - 1)
              yield* ComponentStatus.set(health)
              return yield* pageView
            }).pipe(Effect.provide(layer()))
            assert.deepStrictEqual(ended, expected)
          })
        )
      }
    }
  })
})
