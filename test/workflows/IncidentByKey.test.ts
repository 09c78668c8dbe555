/**
 * Incident by key against the fake Statuspage: request counts from the fake's log (minimal), a second run writes
 * nothing (idempotent), a dropped connection before or after any write converges on rerun without a duplicate
 * (crash-safe), and the job's span and errors.
 */

import { assert, describe, it } from "@effect/vitest"
import { Components, type Endpoint, Incidents } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import { IncidentByKey, type JobError, JobSummary } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Lockstep from "../support/lockstep.js"
import * as RecordingTracer from "../support/RecordingTracer.js"
import { atWrite, counted, pageView, writesOf } from "./support.js"

const KEY = "alertname=HighErrorRate,service=api"
const layer = () => StatusPageTest.layer({ seed: "incident-by-key" })

const setup = Effect.gen(function* () {
  const api = yield* Components.create({ name: "API" })
  const web = yield* Components.create({ name: "Web" })
  const db = yield* Components.create({ name: "Database" })
  return { api, web, db }
})

const open = IncidentByKey.ensure({
  key: KEY,
  name: "Elevated API errors",
  impact: "major",
  body: "We are investigating.",
  components: { API: "partial_outage", Web: "degraded_performance" },
  deliverNotifications: false
})

describe("IncidentByKey", () => {
  it.effect(
    "ensure creates once: unresolved list + components list + 1 POST + unresolved list, the key in the metadata",
    () =>
      Effect.gen(function* () {
        const { api, web } = yield* setup
        const { result, endpoints, log } = yield* counted(open)
        assert.deepStrictEqual(endpoints, [
          "incidents.listUnresolved",
          "components.list",
          "incidents.create",
          "incidents.listUnresolved"
        ])
        assert.strictEqual(result.outcome, "created")
        assert.strictEqual(result.writes.length, 1)
        assert.deepStrictEqual(result.incident.metadata, { effect_statuspage: { key: KEY } })
        assert.deepStrictEqual((log[2]!.body as any).incident.components, {
          [api.id]: "partial_outage",
          [web.id]: "degraded_performance"
        })
        assert.strictEqual((log[2]!.body as any).incident.deliver_notifications, false)
        assert.strictEqual((yield* Components.get(api.id)).status, "partial_outage")
        assert.strictEqual(IncidentByKey.keyOf(result.incident), KEY)
      }).pipe(Effect.provide(layer()))
  )

  it.effect("idempotent: the same ensure again is 1 unresolved list and 0 writes", () =>
    Effect.gen(function* () {
      yield* setup
      yield* open
      const { result, endpoints } = yield* counted(open)
      assert.deepStrictEqual(endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(result.outcome, "unchanged")
      assert.deepStrictEqual(result.writes, [])
      assert.include(JobSummary.format(result), "no change")
    }).pipe(Effect.provide(layer()))
  )

  it.effect(
    "minimal: an existing incident with one changed component is 1 unresolved list + 1 PATCH of that component",
    () =>
      Effect.gen(function* () {
        const { api } = yield* setup
        yield* open
        const { result, endpoints, log } = yield* counted(
          IncidentByKey.ensure({
            key: KEY,
            name: "Elevated API errors",
            impact: "major",
            body: "We are investigating.",
            components: { API: "major_outage", Web: "degraded_performance" }
          })
        )
        assert.deepStrictEqual(endpoints, ["incidents.listUnresolved", "incidents.update"])
        assert.deepStrictEqual((log[1]!.body as any).incident, { components: { [api.id]: "major_outage" } })
        assert.strictEqual(result.outcome, "updated")
        assert.strictEqual((yield* Components.get(api.id)).status, "major_outage")
      }).pipe(Effect.provide(layer()))
  )

  it.effect("a component not yet on the incident costs one components list; by id it costs none", () =>
    Effect.gen(function* () {
      const { db } = yield* setup
      yield* open
      const byName = yield* counted(
        IncidentByKey.ensure({
          key: KEY,
          name: "Elevated API errors",
          components: { Database: "degraded_performance" }
        })
      )
      assert.deepStrictEqual(byName.endpoints, ["incidents.listUnresolved", "components.list", "incidents.update"])
      const again = yield* counted(
        IncidentByKey.ensure({ key: KEY, name: "Elevated API errors", components: { [db.id]: "degraded_performance" } })
      )
      assert.deepStrictEqual(again.endpoints, ["incidents.listUnresolved"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("status moves forward only; impact and components escalate unless allowDowngrade", () =>
    Effect.gen(function* () {
      const { api } = yield* setup
      yield* open
      const identified = yield* IncidentByKey.ensure({ key: KEY, name: "Elevated API errors", status: "identified" })
      assert.strictEqual(identified.incident.status, "identified")
      const back = yield* counted(
        IncidentByKey.ensure({
          key: KEY,
          name: "Elevated API errors",
          status: "investigating",
          impact: "minor",
          components: { API: "degraded_performance" }
        })
      )
      assert.strictEqual(back.result.outcome, "unchanged")
      assert.deepStrictEqual(writesOf(back.log), [])
      const lowered = yield* IncidentByKey.ensure({
        key: KEY,
        name: "Elevated API errors",
        status: "investigating",
        impact: "minor",
        components: { API: "degraded_performance" },
        allowDowngrade: true
      })
      assert.strictEqual(lowered.outcome, "updated")
      assert.strictEqual(lowered.incident.status, "identified", "never backwards, even with allowDowngrade")
      assert.strictEqual(lowered.incident.impact_override, "minor")
      assert.strictEqual((yield* Components.get(api.id)).status, "degraded_performance")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a new body adds an update; the same body again does not; data is kept beside the key", () =>
    Effect.gen(function* () {
      yield* setup
      yield* open
      const update = { key: KEY, name: "Elevated API errors", body: "Rolling back.", data: { firing: ["a1", "a2"] } }
      const first = yield* IncidentByKey.ensure(update)
      assert.strictEqual(first.incident.incident_updates[0]!.body, "Rolling back.")
      assert.deepStrictEqual(first.data, { firing: ["a1", "a2"] })
      const found = yield* IncidentByKey.find(KEY)
      assert.deepStrictEqual(IncidentByKey.dataOf(Option.getOrThrow(found)), { firing: ["a1", "a2"] })
      const second = yield* counted(IncidentByKey.ensure(update))
      assert.deepStrictEqual(second.endpoints, ["incidents.listUnresolved"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("data as a function of the stored data: one field changed, the others kept, 1 list + 1 PATCH", () =>
    Effect.gen(function* () {
      yield* setup
      yield* IncidentByKey.ensure({ key: KEY, name: "Elevated API errors", data: { firing: ["a1"] } })
      const marked = yield* counted(
        IncidentByKey.update({ key: KEY, data: (stored) => ({ ...stored, pending: { at: "2026-01-01T00:05:00Z" } }) })
      )
      assert.deepStrictEqual(marked.endpoints, ["incidents.listUnresolved", "incidents.update"])
      assert.deepStrictEqual(marked.result.data, { firing: ["a1"], pending: { at: "2026-01-01T00:05:00Z" } })
      const same = yield* counted(IncidentByKey.update({ key: KEY, data: (stored) => stored }))
      assert.deepStrictEqual(same.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(same.result.outcome, "unchanged")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("resolve with hold holding for the open incident: 1 list, no write, outcome held", () =>
    Effect.gen(function* () {
      yield* setup
      yield* IncidentByKey.ensure({ key: KEY, name: "Elevated API errors", data: { firing: ["a1"] } })
      const held = yield* counted(
        IncidentByKey.resolve({ key: KEY, hold: (incident) => IncidentByKey.dataOf(incident).firing !== undefined })
      )
      assert.deepStrictEqual(held.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(held.result.outcome, "held")
      assert.deepStrictEqual(held.result.writes, [])
      const resolved = yield* counted(IncidentByKey.resolve({ key: KEY, hold: () => false }))
      assert.deepStrictEqual(resolved.endpoints, ["incidents.listUnresolved", "incidents.update"])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("resolve: 1 unresolved list + 1 PATCH, components back to operational; again: no write", () =>
    Effect.gen(function* () {
      const { api, web } = yield* setup
      yield* open
      const { result, endpoints, log } = yield* counted(IncidentByKey.resolve({ key: KEY, body: "Fixed." }))
      assert.deepStrictEqual(endpoints, ["incidents.listUnresolved", "incidents.update"])
      assert.deepStrictEqual((log[1]!.body as any).incident, {
        status: "resolved",
        components: { [api.id]: "operational", [web.id]: "operational" },
        body: "Fixed."
      })
      assert.strictEqual(result.outcome, "resolved")
      assert.strictEqual((yield* Components.get(web.id)).status, "operational")
      const again = yield* counted(IncidentByKey.resolve({ key: KEY }))
      assert.deepStrictEqual(again.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(again.result.outcome, "not-open")
      // a new ensure after the resolve opens a new incident for the key
      const reopened = yield* IncidentByKey.ensure({ key: KEY, name: "Elevated API errors" })
      assert.strictEqual(reopened.outcome, "created")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("find reads only the first page of unresolved incidents when the key is there", () =>
    Effect.gen(function* () {
      yield* setup
      for (let i = 0; i < 120; i++) yield* Incidents.create({ name: `other ${i}` })
      yield* open
      const { result, endpoints } = yield* counted(IncidentByKey.find(KEY))
      assert.deepStrictEqual(endpoints, ["incidents.listUnresolved"])
      assert.isTrue(Option.isSome(result))
      const missing = yield* counted(IncidentByKey.find("nobody"))
      assert.deepStrictEqual(missing.endpoints, ["incidents.listUnresolved", "incidents.listUnresolved"])
    }).pipe(Effect.provide(layer()))
  )

  describe("two replicas, one new key, the same instant: one incident survives", () => {
    const openIncidents = Effect.map(Incidents.listUnresolved(), (all) =>
      all.filter((i) => IncidentByKey.keyOf(i) === KEY)
    )

    it.effect("both find none and both create; the check after the create deletes the extra: 10 requests", () =>
      Effect.gen(function* () {
        yield* setup
        const { result, log } = yield* counted(Lockstep.make().paired(Effect.all([open, open], { concurrency: 2 })))
        assert.deepStrictEqual(
          log.map((r) => `${r.endpoint} ${r.status}`),
          [
            "incidents.listUnresolved 200",
            "incidents.listUnresolved 200",
            "components.list 200",
            "components.list 200",
            "incidents.create 201",
            "incidents.create 201",
            "incidents.listUnresolved 200",
            "incidents.listUnresolved 200",
            "incidents.delete 200",
            "incidents.delete 404"
          ]
        )
        const [survivor] = yield* openIncidents
        assert.strictEqual((yield* openIncidents).length, 1)
        assert.deepStrictEqual(result.map((r) => r.outcome).sort(), ["created", "unchanged"])
        assert.deepStrictEqual(
          result.map((r) => r.incident.id),
          [survivor!.id, survivor!.id],
          "both report the survivor"
        )
        const again = yield* counted(open)
        assert.deepStrictEqual(again.endpoints, ["incidents.listUnresolved"])
        assert.strictEqual(again.result.outcome, "unchanged")
      }).pipe(Effect.provide(layer()))
    )

    /** Two open incidents for the key, as a race leaves them when neither replica got to its check (a crash). */
    const twoOpen = Effect.gen(function* () {
      const { api, web } = yield* setup
      const metadata = { effect_statuspage: { key: KEY } }
      const older = yield* Incidents.create({
        name: "Elevated API errors",
        metadata,
        components: { [api.id]: "partial_outage" }
      })
      yield* TestClock.adjust("1 second")
      const newer = yield* Incidents.create({
        name: "Elevated API errors",
        metadata,
        components: { [web.id]: "major_outage" }
      })
      return { api, web, older, newer }
    })

    it.effect("find picks the oldest; ensure keeps it, takes over the extra's components and deletes the extra", () =>
      Effect.gen(function* () {
        const { older, newer, web } = yield* twoOpen
        const found = yield* counted(IncidentByKey.find(KEY))
        assert.deepStrictEqual(found.endpoints, ["incidents.listUnresolved"])
        assert.strictEqual(Option.getOrThrow(found.result).id, older.id)
        const { result, log } = yield* counted(
          IncidentByKey.ensure({ key: KEY, name: "Elevated API errors", components: { API: "partial_outage" } })
        )
        assert.deepStrictEqual(
          log.map((r) => `${r.method} ${r.url.split("?")[0]!.replace(/.*\/incidents/, "")}`),
          ["GET /unresolved", `PATCH /${older.id}`, `DELETE /${newer.id}`]
        )
        assert.deepStrictEqual((log[1]!.body as any).incident, { components: { [web.id]: "major_outage" } })
        assert.strictEqual(result.outcome, "updated")
        assert.deepStrictEqual(
          result.writes.map((w) => w.method),
          ["PATCH", "DELETE"]
        )
        assert.deepStrictEqual(
          (yield* openIncidents).map((i) => i.id),
          [older.id]
        )
        const again = yield* counted(IncidentByKey.ensure({ key: KEY, name: "Elevated API errors" }))
        assert.deepStrictEqual(again.endpoints, ["incidents.listUnresolved"])
      }).pipe(Effect.provide(layer()))
    )

    for (const when of ["before", "after"] as const) {
      it.effect(`the DELETE of the extra dropped ${when} the server applied it: a rerun leaves one incident`, () =>
        Effect.gen(function* () {
          const { older } = yield* twoOpen
          const ensure = IncidentByKey.ensure({ key: KEY, name: "Elevated API errors" })
          // the extra's component is taken over (write 1), then the extra is deleted (write 2, dropped)
          const error = yield* Effect.flip(atWrite(2, (fake) => fake.dropNext({ when }))(ensure))
          assert.strictEqual(error._tag, "JobError")
          assert.deepStrictEqual(
            error._tag === "JobError" ? error.written.map((w) => w.method) : [],
            ["PATCH"],
            "the PATCH is reported as applied, the dropped DELETE is not"
          )
          const rerun = yield* counted(ensure)
          assert.deepStrictEqual(
            rerun.endpoints,
            when === "before" ? ["incidents.listUnresolved", "incidents.delete"] : ["incidents.listUnresolved"]
          )
          assert.deepStrictEqual(
            (yield* openIncidents).map((i) => i.id),
            [older.id]
          )
        }).pipe(Effect.provide(layer()))
      )
    }

    it.effect("resolve resolves the oldest, sets the extra's components back too, and deletes the extra", () =>
      Effect.gen(function* () {
        const { older, newer, api, web } = yield* twoOpen
        const { result, endpoints, log } = yield* counted(IncidentByKey.resolve({ key: KEY }))
        assert.deepStrictEqual(endpoints, ["incidents.listUnresolved", "incidents.update", "incidents.delete"])
        assert.deepStrictEqual((log[1]!.body as any).incident, {
          status: "resolved",
          components: { [web.id]: "operational", [api.id]: "operational" }
        })
        assert.include(log[2]!.url, newer.id)
        assert.strictEqual(result.incident?.id, older.id)
        assert.deepStrictEqual(yield* openIncidents, [])
        assert.strictEqual((yield* Components.get(web.id)).status, "operational")
        const view = yield* pageView
        assert.strictEqual(view.incidents.length, 1, "the extra is gone from the history")
      }).pipe(Effect.provide(layer()))
    )

    it.effect("copies split over two pages are read together: a full page ending with the key reads the next", () =>
      Effect.gen(function* () {
        yield* setup
        const metadata = { effect_statuspage: { key: KEY } }
        const older = yield* Incidents.create({ name: "first", metadata })
        yield* TestClock.adjust("1 second")
        yield* Incidents.create({ name: "second", metadata })
        for (let i = 0; i < 99; i++) yield* Incidents.create({ name: `other ${i}` })
        const { result, endpoints } = yield* counted(IncidentByKey.find(KEY))
        assert.deepStrictEqual(endpoints, ["incidents.listUnresolved", "incidents.listUnresolved"])
        assert.strictEqual(Option.getOrThrow(result).id, older.id)
      }).pipe(Effect.provide(layer()))
    )
  })

  it.effect("bad input is an InputError and nothing is sent", () =>
    Effect.gen(function* () {
      yield* setup
      const unknown = yield* counted(
        Effect.flip(IncidentByKey.ensure({ key: KEY, name: "x", components: { Nope: "major_outage" } }))
      )
      assert.strictEqual(unknown.result._tag, "InputError")
      assert.strictEqual((unknown.result as any).reason, "UnknownComponent")
      assert.deepStrictEqual(writesOf(unknown.log), [])
      const empty = yield* Effect.flip(IncidentByKey.ensure({ key: " ", name: "x" }))
      assert.strictEqual((empty as any).reason, "Invalid")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("one span per job (ensure, update) with the key, writes and skipped", () => {
    const tracer = RecordingTracer.make()
    return Effect.gen(function* () {
      yield* setup
      yield* open
      const span = tracer.spans.find((s) => s.name === "Workflows.IncidentByKey.ensure")!
      assert.strictEqual(span.attributes.get("workflows.key"), KEY)
      assert.strictEqual(span.attributes.get("workflows.writes"), 1)
      assert.strictEqual(span.attributes.get("workflows.skipped"), 0)
      assert.isTrue(tracer.spans.some((s) => s.name === "StatusPage.incidents.create" && s.parent._tag === "Some"))
      yield* IncidentByKey.update({ key: KEY, status: "identified" })
      const update = tracer.spans.find((s) => s.name === "Workflows.IncidentByKey.update")!
      assert.strictEqual(update.attributes.get("workflows.key"), KEY)
      assert.strictEqual(update.attributes.get("workflows.writes"), 1)
      assert.strictEqual(update.attributes.get("workflows.skipped"), 0)
      const patch = tracer.spans.find((s) => s.name === "StatusPage.incidents.update")!
      assert.strictEqual(patch.parent._tag === "Some" && patch.parent.value.spanId, update.spanId)
    }).pipe(Effect.provide(Layer.merge(layer(), tracer.layer)))
  })

  describe("crash-safe: a connection dropped before or after each write, then a rerun, ends as a clean run", () => {
    const steps: ReadonlyArray<Effect.Effect<unknown, JobError.WorkflowError, Endpoint.Requirements>> = [
      open,
      IncidentByKey.ensure({
        key: KEY,
        name: "Elevated API errors",
        status: "identified",
        components: { API: "major_outage" }
      }),
      IncidentByKey.resolve({ key: KEY, body: "Fixed." })
    ]
    const clean = Effect.gen(function* () {
      yield* setup
      for (const step of steps) yield* step
      return yield* pageView
    }).pipe(Effect.provide(layer()))

    for (const when of ["before", "after"] as const) {
      steps.forEach((_, index) => {
        it.effect(`write ${index + 1} of 3 dropped ${when} the server applied it`, () =>
          Effect.gen(function* () {
            const expected = yield* clean
            const ended = yield* Effect.gen(function* () {
              yield* setup
              for (const [i, step] of steps.entries()) {
                if (i !== index) {
                  yield* step
                  continue
                }
                const error = yield* Effect.flip(atWrite(1, (fake) => fake.dropNext({ when }))(step))
                assert.strictEqual(error._tag, "JobError")
                assert.deepStrictEqual((error as any).written, [], "the dropped write is not reported as applied")
                assert.include(error.message, "nothing was written before it")
                yield* step
              }
              return yield* pageView
            }).pipe(Effect.provide(layer()))
            assert.deepStrictEqual(ended, expected)
            assert.strictEqual(ended.incidents.length, 1, "no duplicate incident")
          })
        )
      })
    }
  })
})

describe("IncidentByKey.update", () => {
  const update = IncidentByKey.update({
    key: KEY,
    status: "identified",
    body: "Rolling back.",
    components: { API: "major_outage" },
    deliverNotifications: false
  })

  it.effect("1 unresolved list + 1 PATCH of what changed, the name kept; again: 1 list, 0 writes", () =>
    Effect.gen(function* () {
      const { api } = yield* setup
      yield* open
      const first = yield* counted(update)
      assert.deepStrictEqual(first.endpoints, ["incidents.listUnresolved", "incidents.update"])
      assert.deepStrictEqual((first.log[1]!.body as any).incident, {
        status: "identified",
        components: { [api.id]: "major_outage" },
        body: "Rolling back.",
        deliver_notifications: false
      })
      assert.strictEqual(first.result.outcome, "updated")
      assert.strictEqual(first.result.incident.name, "Elevated API errors")
      assert.strictEqual((yield* Components.get(api.id)).status, "major_outage")
      const second = yield* counted(update)
      assert.deepStrictEqual(second.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(second.result.outcome, "unchanged")
      assert.deepStrictEqual(second.result.writes, [])
      const renamed = yield* counted(IncidentByKey.update({ key: KEY, name: "API errors" }))
      assert.deepStrictEqual((renamed.log[1]!.body as any).incident, { name: "API errors" })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("no open incident for the key: InputError NotFound after the one list, nothing written", () =>
    Effect.gen(function* () {
      yield* setup
      const never = yield* counted(Effect.flip(update))
      assert.deepStrictEqual(never.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(never.result._tag, "InputError")
      assert.strictEqual((never.result as any).reason, "NotFound")
      assert.include(never.result.message, KEY)
      yield* open
      yield* IncidentByKey.resolve({ key: KEY })
      const resolved = yield* counted(Effect.flip(update))
      assert.strictEqual((resolved.result as any).reason, "NotFound")
      assert.deepStrictEqual(writesOf(resolved.log), [])
    }).pipe(Effect.provide(layer()))
  )

  for (const when of ["before", "after"] as const) {
    it.effect(`crash-safe: the PATCH dropped ${when} the server applied it, then a rerun, ends as a clean run`, () =>
      Effect.gen(function* () {
        const expected = yield* Effect.gen(function* () {
          yield* setup
          yield* open
          yield* update
          return yield* pageView
        }).pipe(Effect.provide(layer()))
        const ended = yield* Effect.gen(function* () {
          yield* setup
          yield* open
          const error = yield* Effect.flip(atWrite(1, (fake) => fake.dropNext({ when }))(update))
          assert.strictEqual(error._tag, "JobError")
          assert.deepStrictEqual((error as any).written, [])
          const rerun = yield* counted(update)
          assert.strictEqual(rerun.result.outcome, when === "before" ? "updated" : "unchanged")
          assert.lengthOf(writesOf(rerun.log), when === "before" ? 1 : 0)
          return yield* pageView
        }).pipe(Effect.provide(layer()))
        assert.deepStrictEqual(ended, expected)
        assert.strictEqual(ended.incidents.length, 1, "no duplicate incident")
      })
    )
  }
})
