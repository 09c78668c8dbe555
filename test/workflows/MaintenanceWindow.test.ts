/**
 * Maintenance windows by name against the fake Statuspage: request counts (minimal), reruns that write nothing
 * (idempotent), convergence after a drop at each write of a schedule -> start -> extend -> complete run
 * (crash-safe), cancel, the flags, and the errors.
 */
import { assert, describe, it } from "@effect/vitest"
import { Components, type Endpoint } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import { type JobError, MaintenanceWindow } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { atWrite, counted, pageView, writesOf } from "./support.js"

const layer = () => StatusPageTest.layer({ seed: "maintenance-window" })
const NAME = "Database upgrade"
const start = "2030-01-01T02:00:00.000Z"
const end = "2030-01-01T04:00:00.000Z"

const setup = Effect.gen(function* () {
  const db = yield* Components.create({ name: "Database" })
  const api = yield* Components.create({ name: "API" })
  return { db, api }
})

const schedule = MaintenanceWindow.schedule({
  name: NAME,
  start,
  end,
  body: "We upgrade the database.",
  components: ["Database", "API"],
  remindPrior: true,
  autoStart: true,
  autoComplete: true,
  autoTransitionToMaintenanceState: true,
  autoTransitionToOperationalState: true,
  deliverNotifications: false
})

describe("MaintenanceWindow", () => {
  it.effect("schedule creates once (scheduled list + active list + components list + POST), then writes nothing", () =>
    Effect.gen(function* () {
      const { db, api } = yield* setup
      const first = yield* counted(schedule)
      assert.deepStrictEqual(first.endpoints, [
        "incidents.listScheduled",
        "incidents.listActiveMaintenance",
        "components.list",
        "incidents.create"
      ])
      const sent = (first.log[3]!.body as any).incident
      assert.deepStrictEqual(sent.component_ids, [db.id, api.id])
      assert.strictEqual(sent.scheduled_remind_prior, true)
      assert.strictEqual(sent.auto_transition_to_operational_state, true)
      assert.strictEqual(first.result.outcome, "created")
      assert.strictEqual(first.result.maintenance!.status, "scheduled")
      assert.strictEqual(first.result.maintenance!.scheduled_auto_in_progress, true)
      const second = yield* counted(schedule)
      assert.deepStrictEqual(second.endpoints, ["incidents.listScheduled"])
      assert.strictEqual(second.result.outcome, "unchanged")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("schedule with a new end: 1 scheduled list + 1 PATCH of scheduled_until only", () =>
    Effect.gen(function* () {
      yield* setup
      yield* schedule
      const moved = yield* counted(
        MaintenanceWindow.schedule({ name: NAME, start, end: "2030-01-01T05:00:00Z", components: ["Database"] })
      )
      assert.deepStrictEqual(moved.endpoints, ["incidents.listScheduled", "incidents.update"])
      assert.deepStrictEqual((moved.log[1]!.body as any).incident, { scheduled_until: "2030-01-01T05:00:00.000Z" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect(
    "start, extend, complete: 1 list + 1 PATCH each, components under maintenance then operational; reruns write nothing",
    () =>
      Effect.gen(function* () {
        const { db } = yield* setup
        yield* schedule
        const started = yield* counted(MaintenanceWindow.start({ name: NAME, deliverNotifications: false }))
        assert.deepStrictEqual(started.endpoints, ["incidents.listScheduled", "incidents.update"])
        assert.strictEqual(started.result.maintenance!.status, "in_progress")
        assert.strictEqual((yield* Components.get(db.id)).status, "under_maintenance")
        const again = yield* counted(MaintenanceWindow.start({ name: NAME }))
        assert.deepStrictEqual(again.endpoints, ["incidents.listScheduled", "incidents.listActiveMaintenance"])
        assert.strictEqual(again.result.outcome, "unchanged")

        const extended = yield* counted(MaintenanceWindow.extend({ name: NAME, end: "2030-01-01T06:00:00Z" }))
        assert.deepStrictEqual(extended.endpoints, ["incidents.listActiveMaintenance", "incidents.update"])
        assert.strictEqual(extended.result.maintenance!.scheduled_until, "2030-01-01T06:00:00.000Z")
        const extendedAgain = yield* counted(MaintenanceWindow.extend({ name: NAME, end: "2030-01-01T06:00:00Z" }))
        assert.deepStrictEqual(writesOf(extendedAgain.log), [])

        const completed = yield* counted(MaintenanceWindow.complete({ name: NAME, body: "Done." }))
        assert.deepStrictEqual(completed.endpoints, ["incidents.listActiveMaintenance", "incidents.update"])
        assert.strictEqual((yield* Components.get(db.id)).status, "operational")
        const completedAgain = yield* counted(MaintenanceWindow.complete({ name: NAME }))
        assert.strictEqual(completedAgain.result.outcome, "not-found")
        assert.deepStrictEqual(writesOf(completedAgain.log), [])
        assert.deepStrictEqual(
          completedAgain.result.skipped.map((s) => s.reason),
          ["NotFound"]
        )
      }).pipe(Effect.provide(layer()))
  )

  it.effect("cancel deletes a window that has not started, completes one in progress; find by name", () =>
    Effect.gen(function* () {
      const { db } = yield* setup
      yield* schedule
      assert.isTrue(Option.isSome(yield* MaintenanceWindow.find(NAME)))
      const cancelled = yield* counted(MaintenanceWindow.cancel({ name: NAME }))
      assert.deepStrictEqual(cancelled.endpoints, ["incidents.listScheduled", "incidents.delete"])
      assert.strictEqual(cancelled.result.outcome, "deleted")
      assert.isTrue(Option.isNone(yield* MaintenanceWindow.find(NAME)))
      yield* schedule
      yield* MaintenanceWindow.start({ name: NAME })
      const stopped = yield* MaintenanceWindow.cancel({ name: NAME })
      assert.strictEqual(stopped.maintenance!.status, "completed")
      assert.strictEqual((yield* Components.get(db.id)).status, "operational")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("bad input: InputError, nothing sent", () =>
    Effect.gen(function* () {
      yield* setup
      const cases = [
        MaintenanceWindow.schedule({ name: NAME, start: end, end: start }),
        MaintenanceWindow.schedule({ name: NAME, start: "soon", end }),
        MaintenanceWindow.schedule({ name: NAME, start, end, components: ["Nope"] }),
        MaintenanceWindow.start({ name: "" })
      ]
      for (const job of cases) {
        const { result, log } = yield* counted(Effect.flip(job))
        assert.strictEqual(result._tag, "InputError")
        assert.deepStrictEqual(writesOf(log), [])
      }
    }).pipe(Effect.provide(layer()))
  )

  describe("crash-safe: schedule, start, extend, complete with a drop before or after each write", () => {
    const steps: ReadonlyArray<Effect.Effect<unknown, JobError.WorkflowError, Endpoint.Requirements>> = [
      schedule,
      MaintenanceWindow.start({ name: NAME }),
      MaintenanceWindow.extend({ name: NAME, end: "2030-01-01T06:00:00Z" }),
      MaintenanceWindow.complete({ name: NAME })
    ]
    const clean = Effect.gen(function* () {
      yield* setup
      for (const step of steps) yield* step
      return yield* pageView
    }).pipe(Effect.provide(layer()))
    for (const when of ["before", "after"] as const) {
      steps.forEach((_, index) => {
        it.effect(`write ${index + 1} of ${steps.length} dropped ${when}`, () =>
          Effect.gen(function* () {
            const expected = yield* clean
            const ended = yield* Effect.gen(function* () {
              yield* setup
              for (const [i, step] of steps.entries()) {
                if (i === index) {
                  const error = yield* Effect.flip(atWrite(1, (fake) => fake.dropNext({ when }))(step))
                  assert.strictEqual(error._tag, "JobError")
                }
                yield* step
              }
              return yield* pageView
            }).pipe(Effect.provide(layer()))
            assert.deepStrictEqual(ended, expected)
            assert.strictEqual(ended.incidents.length, 1, "no duplicate maintenance")
          })
        )
      })
    }
  })
})
