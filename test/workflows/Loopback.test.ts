/**
 * The four jobs over real HTTP (the Node client) against the fake server on 127.0.0.1: the same request counts as
 * in-process, and a connection destroyed after the server applied a write still converges on rerun.
 */
import { assert, describe, it } from "@effect/vitest"
import { Components, Metrics, MetricsProviders } from "@effect-statuspage/core"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import { ComponentStatus, IncidentByKey, MaintenanceWindow, MetricBackfill } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { atWrite, counted, pageView, writesOf } from "./support.js"

describe("workflows over loopback HTTP", () => {
  it.scoped("incident by key and component status: counts, idempotence, a drop after the server applied a write", () =>
    Effect.gen(function* () {
      yield* Components.create({ name: "API" })
      yield* Components.create({ name: "Web" })
      const ensure = IncidentByKey.ensure({
        key: "deploy-42",
        name: "Deploy failed",
        components: { API: "major_outage" }
      })
      const created = yield* counted(atWrite(1, (fake) => fake.dropNext({ when: "after" }))(Effect.flip(ensure)))
      assert.strictEqual(created.result._tag, "JobError")
      const rerun = yield* counted(ensure)
      assert.deepStrictEqual(rerun.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(rerun.result.outcome, "unchanged")
      const set = yield* counted(ComponentStatus.set({ Web: "partial_outage", API: "major_outage" }))
      assert.deepStrictEqual(set.endpoints, ["components.list", "components.update"])
      const resolved = yield* counted(IncidentByKey.resolve({ key: "deploy-42" }))
      assert.deepStrictEqual(resolved.endpoints, ["incidents.listUnresolved", "incidents.update"])
      const view = yield* pageView
      assert.strictEqual(view.incidents.length, 1)
      assert.deepStrictEqual(
        view.components.map((c) => [c.name, c.status]),
        [
          ["API", "operational"],
          ["Web", "partial_outage"]
        ]
      )
    }).pipe(Effect.provide(StatusPageFakeServer.layerTest({ seed: "workflows-loopback" })))
  )

  it.scoped(
    "maintenance window: schedule, start, extend, complete, cancel by name; counts, reruns, a drop after the POST",
    () =>
      Effect.gen(function* () {
        const db = yield* Components.create({ name: "Database" })
        const name = "Database upgrade"
        const schedule = MaintenanceWindow.schedule({
          name,
          start: "2030-01-01T02:00:00Z",
          end: "2030-01-01T04:00:00Z",
          components: ["Database"],
          autoStart: true,
          deliverNotifications: false
        })
        const dropped = yield* counted(atWrite(1, (fake) => fake.dropNext({ when: "after" }))(Effect.flip(schedule)))
        assert.deepStrictEqual(dropped.endpoints, [
          "incidents.listScheduled",
          "incidents.listActiveMaintenance",
          "components.list",
          "incidents.create"
        ])
        assert.strictEqual(dropped.result._tag, "JobError")
        const rerun = yield* counted(schedule)
        assert.deepStrictEqual(
          rerun.endpoints,
          ["incidents.listScheduled"],
          "the applied POST is found: no second window"
        )
        assert.strictEqual(rerun.result.outcome, "unchanged")
        const started = yield* counted(MaintenanceWindow.start({ name }))
        assert.deepStrictEqual(started.endpoints, ["incidents.listScheduled", "incidents.update"])
        assert.strictEqual((yield* Components.get(db.id)).status, "under_maintenance")
        const extended = yield* counted(MaintenanceWindow.extend({ name, end: "2030-01-01T06:00:00Z" }))
        assert.deepStrictEqual(extended.endpoints, ["incidents.listActiveMaintenance", "incidents.update"])
        const completed = yield* counted(MaintenanceWindow.complete({ name }))
        assert.deepStrictEqual(completed.endpoints, ["incidents.listActiveMaintenance", "incidents.update"])
        assert.strictEqual((yield* Components.get(db.id)).status, "operational")
        const again = yield* counted(MaintenanceWindow.complete({ name }))
        assert.strictEqual(again.result.outcome, "not-found")
        assert.deepStrictEqual(writesOf(again.log), [])
        yield* schedule
        const cancelled = yield* counted(MaintenanceWindow.cancel({ name }))
        assert.deepStrictEqual(cancelled.endpoints, ["incidents.listScheduled", "incidents.delete"])
        const view = yield* pageView
        assert.deepStrictEqual(
          view.incidents.map((i) => [i.name, i.status]),
          [[name, "completed"]]
        )
      }).pipe(Effect.provide(StatusPageFakeServer.layerTest({ seed: "workflows-loopback" })))
  )

  it.scoped("metric backfill: bulk batches, a rerun that sends nothing, a drop after the second batch resumes", () =>
    Effect.gen(function* () {
      const now = 40 * 24 * 3600 // seconds; 28 days back is still after the epoch
      yield* TestClock.setTime(now * 1000)
      const provider = yield* MetricsProviders.create({ type: "Self" })
      const latency = yield* Metrics.create(provider.id, { name: "Latency" })
      const points = Array.from({ length: 250 }, (_, i) => ({
        metric: latency.id,
        timestamp: now - 60 - (249 - i) * 30,
        value: i
      }))
      const push = MetricBackfill.push(points, { batchSize: 100 })
      const dropped = yield* counted(atWrite(2, (fake) => fake.dropNext({ when: "after" }))(Effect.flip(push)))
      assert.deepStrictEqual(dropped.endpoints, ["metrics.list", "metrics.submitBulkData", "metrics.submitBulkData"])
      assert.strictEqual(dropped.result._tag, "JobError")
      assert.strictEqual(dropped.result._tag === "JobError" ? dropped.result.acknowledged : undefined, 100)
      const resumed = yield* counted(push)
      assert.deepStrictEqual(
        resumed.endpoints,
        ["metrics.list", "metrics.submitBulkData"],
        "resumes after the latest stored point: the applied batch is not resent"
      )
      assert.strictEqual(resumed.result.sent, 50)
      const again = yield* counted(push)
      assert.deepStrictEqual(again.endpoints, ["metrics.list"])
      assert.deepStrictEqual(again.result.writes, [])
      const state = yield* (yield* StatusPageTest.FakeStatusPage).state
      const slots = (state.metricPoints ?? []) as ReadonlyArray<Map<number, number>>
      assert.deepStrictEqual(
        slots.map((metric) => metric.size),
        [250]
      )
    }).pipe(Effect.provide(StatusPageFakeServer.layerTest({ seed: "workflows-loopback" })))
  )
})
