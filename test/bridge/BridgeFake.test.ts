import { assert, describe, it } from "@effect/vitest"
import { Bridge, BridgeAlert, BridgePublisher } from "@effect-statuspage/bridge"
import { Components } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as TestClock from "effect/TestClock"
import * as Lockstep from "../support/lockstep.js"
import { atWrite } from "../workflows/support.js"
import { alertmanager, config } from "./support/bridge.js"

const routesYaml = `
routes:
  - name: api
    match: { service: api }
    components: ["{{ labels.component }}"]
    status: { critical: major_outage, warning: degraded_performance }
    incident: { name: "{{ labels.alertname }}", body: "{{ annotations.summary }}", impact: { critical: major, default: minor } }
    key: "{{ labels.alertname }}"
    deliver_notifications: false
  - name: jobs
    match: { team: data }
    components: ["{{ labels.component }}"]
    status: { critical: major_outage, default: partial_outage }
`
const routes = config(routesYaml)

/** One bridge process: its own engine over the page in context; closing its scope is a restart. */
const instance = Effect.provide(Bridge.make(routes), BridgePublisher.layer)

/** The same with `min_quiet: 5m`. */
const quietInstance = Effect.provide(
  Bridge.make(config(`flapping: { min_quiet: 5m }\n${routesYaml}`)),
  BridgePublisher.layer
)

const notify = (bridge: Bridge.Service, format: BridgeAlert.Format, body: unknown) =>
  bridge.ingest(Either.getOrThrow(BridgeAlert.decode(format, body)))

const settle = (bridge: Bridge.Service) => Effect.zipRight(TestClock.adjust(1_000), bridge.awaitIdle)

const api = (alertname: string, severity: string, component: string, status: "firing" | "resolved" = "firing") => ({
  status,
  labels: { service: "api", alertname, severity, component },
  annotations: { summary: `${alertname} is ${status}` }
})

const setup = (names: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.FakeStatusPage
    for (const name of names) yield* Components.create({ name, status: "operational" })
    yield* fake.clearRequests
    return fake
  })

const componentStatuses = (fake: StatusPageTest.Service) =>
  Effect.map(fake.state, (state) =>
    Object.fromEntries(
      (state.components ?? []).map((c) => [(c as { name: string }).name, (c as { status: string }).status])
    )
  )

const incidents = (fake: StatusPageTest.Service) =>
  Effect.map(fake.state, (state) => (state.incidents ?? []) as ReadonlyArray<{ name: string; status: string }>)

const writes = (fake: StatusPageTest.Service) =>
  Effect.map(fake.requests, (requests) => requests.filter((r) => r.method !== "GET"))

describe("Bridge against the fake Statuspage", () => {
  it.scoped("restart in the middle of a firing/resolved sequence: one incident, resolved, components back", () =>
    Effect.gen(function* () {
      const fake = yield* setup(["API", "Web"])
      const firing = alertmanager(
        "g",
        [api("Down", "critical", "API"), api("Down", "warning", "Web")].map((a, i) => ({ ...a, fingerprint: `f${i}` }))
      )
      yield* Effect.scoped(
        Effect.gen(function* () {
          const bridge = yield* instance
          yield* notify(bridge, "alertmanager", firing)
          yield* settle(bridge)
        })
      )
      assert.deepStrictEqual(yield* componentStatuses(fake), { API: "major_outage", Web: "degraded_performance" })
      assert.strictEqual((yield* incidents(fake)).length, 1)
      yield* fake.clearRequests
      // The new process gets Alertmanager's repeat of the group, then its resolve.
      const bridge = yield* instance
      yield* notify(bridge, "alertmanager", firing)
      yield* settle(bridge)
      assert.deepStrictEqual(yield* writes(fake), [], "the repeat after the restart writes nothing")
      const resolved = alertmanager(
        "g",
        [api("Down", "critical", "API", "resolved"), api("Down", "warning", "Web", "resolved")].map((a, i) => ({
          ...a,
          fingerprint: `f${i}`
        }))
      )
      yield* notify(bridge, "alertmanager", resolved)
      yield* settle(bridge)
      const [incident] = yield* incidents(fake)
      assert.strictEqual(incident?.status, "resolved")
      assert.deepStrictEqual(yield* componentStatuses(fake), { API: "operational", Web: "operational" })
      assert.strictEqual((yield* incidents(fake)).length, 1)
    }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  it.scoped("restart between the resolves of two alerts sent separately: the incident waits for the second", () =>
    Effect.gen(function* () {
      const fake = yield* setup(["API"])
      const alert = (id: string, status: "firing" | "resolved") => ({ id, ...api("Slow", "warning", "API", status) })
      yield* Effect.scoped(
        Effect.gen(function* () {
          const bridge = yield* instance
          yield* notify(bridge, "generic", alert("a", "firing"))
          yield* notify(bridge, "generic", alert("b", "firing"))
          yield* settle(bridge)
        })
      )
      const bridge = yield* instance
      yield* notify(bridge, "generic", alert("a", "resolved"))
      yield* settle(bridge)
      assert.strictEqual((yield* incidents(fake))[0]?.status, "investigating", "b still fires: held open")
      assert.include(yield* bridge.metrics, "statuspage_bridge_resolves_held_total 1")
      yield* notify(bridge, "generic", alert("b", "resolved"))
      yield* settle(bridge)
      assert.strictEqual((yield* incidents(fake))[0]?.status, "resolved")
    }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  it.scoped("redelivery of the same webhook: no second incident, no write at all", () =>
    Effect.gen(function* () {
      const fake = yield* setup(["API"])
      const bridge = yield* instance
      const body = alertmanager("g", [api("Down", "critical", "API")])
      yield* notify(bridge, "alertmanager", body)
      yield* settle(bridge)
      const before = (yield* fake.requests).length
      yield* notify(bridge, "alertmanager", body)
      yield* settle(bridge)
      assert.strictEqual((yield* fake.requests).length, before)
      assert.strictEqual((yield* incidents(fake)).length, 1)
    }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  it.scoped("two bridge instances on one page: each group lands on either; one incident, resolved once", () =>
    Effect.gen(function* () {
      const fake = yield* setup(["API", "Web"])
      const one = yield* instance
      const two = yield* instance
      const group = (status: "firing" | "resolved", second: boolean) =>
        alertmanager("g", [
          { ...api("Down", "critical", "API", status), fingerprint: "a" },
          ...(second ? [{ ...api("Down", "warning", "Web", status), fingerprint: "b" }] : [])
        ])
      yield* notify(one, "alertmanager", group("firing", false))
      yield* settle(one)
      yield* notify(two, "alertmanager", group("firing", true))
      yield* settle(two)
      assert.strictEqual((yield* incidents(fake)).length, 1)
      assert.deepStrictEqual(yield* componentStatuses(fake), { API: "major_outage", Web: "degraded_performance" })
      yield* notify(one, "alertmanager", group("resolved", true))
      yield* settle(one)
      yield* notify(two, "alertmanager", group("resolved", true))
      yield* settle(two)
      const all = yield* incidents(fake)
      assert.deepStrictEqual(
        all.map((i) => i.status),
        ["resolved"]
      )
      assert.deepStrictEqual(yield* componentStatuses(fake), { API: "operational", Web: "operational" })
    }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  it.scoped(
    "two instances get the same new key at the same instant: both create, one incident stays, resolved once",
    () =>
      Effect.gen(function* () {
        const fake = yield* setup(["API"])
        const lockstep = Lockstep.make()
        const one = yield* lockstep.paired(instance)
        const two = yield* lockstep.paired(instance)
        const body = (status: "firing" | "resolved") => alertmanager("g", [api("Down", "critical", "API", status)])
        yield* notify(one, "alertmanager", body("firing"))
        yield* notify(two, "alertmanager", body("firing"))
        // One settle time for both: their rounds run together, each finds no incident and creates one.
        yield* TestClock.adjust(1_000)
        yield* Effect.zipRight(one.awaitIdle, two.awaitIdle)
        const log = yield* fake.requests
        assert.deepStrictEqual(
          log.map((r) => r.endpoint),
          [
            "incidents.listUnresolved",
            "incidents.listUnresolved",
            "components.list",
            "components.list",
            "incidents.create",
            "incidents.create",
            "incidents.listUnresolved",
            "incidents.listUnresolved",
            "incidents.delete",
            "incidents.delete"
          ]
        )
        assert.deepStrictEqual(
          log.map((r) => r.status),
          [200, 200, 200, 200, 201, 201, 200, 200, 200, 404],
          "both delete the extra; the second finds it gone"
        )
        assert.strictEqual((yield* incidents(fake)).length, 1, "one incident on the page")
        yield* lockstep.off
        yield* notify(one, "alertmanager", body("resolved"))
        yield* notify(two, "alertmanager", body("resolved"))
        yield* TestClock.adjust(1_000)
        yield* Effect.zipRight(one.awaitIdle, two.awaitIdle)
        assert.deepStrictEqual(
          (yield* incidents(fake)).map((i) => i.status),
          ["resolved"]
        )
        assert.deepStrictEqual(yield* componentStatuses(fake), { API: "operational" })
      }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  it.scoped(
    "restart while a resolve waits out min_quiet: the new process finds it on the incident and resolves it when due",
    () =>
      Effect.gen(function* () {
        const fake = yield* setup(["API"])
        const body = (status: "firing" | "resolved") => alertmanager("g", [api("Down", "critical", "API", status)])
        const endpoints = Effect.map(fake.requests, (log) => log.map((r) => r.endpoint))
        let due = 0
        yield* Effect.scoped(
          Effect.gen(function* () {
            const bridge = yield* quietInstance
            yield* bridge.awaitIdle
            yield* notify(bridge, "alertmanager", body("firing"))
            yield* settle(bridge)
            yield* fake.clearRequests
            yield* notify(bridge, "alertmanager", body("resolved"))
            due = (yield* TestClock.currentTimeMillis) + 300_000
            yield* settle(bridge)
            // All resolved: the resolve is due in 5 minutes, recorded on the incident with one PATCH.
            assert.deepStrictEqual(yield* endpoints, ["incidents.listUnresolved", "incidents.update"])
            const [, patch] = yield* fake.requests
            assert.deepInclude((patch!.body as any).incident.metadata.effect_statuspage.data, {
              firing: ["api-Down-critical-API"],
              pending: {
                at: new Date(due).toISOString(),
                resolved: ["api-Down-critical-API"],
                deliver_notifications: false
              }
            })
          })
        )
        // The process stops; a new one starts a minute later and hears nothing more from Alertmanager.
        yield* TestClock.adjust(60_000)
        yield* fake.clearRequests
        const bridge = yield* quietInstance
        yield* bridge.awaitIdle
        assert.deepStrictEqual(
          yield* endpoints,
          ["incidents.listUnresolved"],
          "one list at start finds the pending resolve"
        )
        assert.strictEqual((yield* incidents(fake))[0]?.status, "investigating", "not due yet")
        yield* TestClock.adjust(due - (yield* TestClock.currentTimeMillis) - 1)
        yield* bridge.awaitIdle
        assert.strictEqual((yield* incidents(fake))[0]?.status, "investigating", "1 ms before it is due")
        yield* TestClock.adjust(1)
        yield* settle(bridge)
        assert.deepStrictEqual(yield* endpoints, [
          "incidents.listUnresolved",
          "incidents.listUnresolved",
          "incidents.update"
        ])
        assert.deepStrictEqual(
          (yield* incidents(fake)).map((i) => i.status),
          ["resolved"]
        )
        assert.deepStrictEqual(yield* componentStatuses(fake), { API: "operational" })
        assert.include(yield* bridge.metrics, "statuspage_bridge_resolves_recovered_total 1")
      }).pipe(Effect.provide(StatusPageTest.layer()))
  )

  for (const when of ["before", "after"] as const) {
    it.scoped(
      `the PATCH that records a pending resolve dropped ${when} it was applied: retried, and a restart still resolves`,
      () =>
        Effect.gen(function* () {
          const fake = yield* setup(["API"])
          const body = (status: "firing" | "resolved") => alertmanager("g", [api("Down", "critical", "API", status)])
          const pendingOnPage = Effect.map(incidents(fake), (all) =>
            all.map((i) => (i as { metadata?: any }).metadata?.effect_statuspage?.data?.pending?.at)
          )
          let due = 0
          yield* Effect.scoped(
            Effect.gen(function* () {
              // write 1 creates the incident, write 2 records the pending resolve
              const bridge = yield* atWrite(2, (f) => f.dropNext({ when }))(quietInstance)
              yield* bridge.awaitIdle
              yield* notify(bridge, "alertmanager", body("firing"))
              yield* settle(bridge)
              yield* notify(bridge, "alertmanager", body("resolved"))
              due = (yield* TestClock.currentTimeMillis) + 300_000
              yield* settle(bridge)
              assert.include(
                yield* bridge.metrics,
                'statuspage_bridge_failures_total{operation="recordPending",error="RequestError"} 1'
              )
              assert.deepStrictEqual(yield* pendingOnPage, [when === "after" ? new Date(due).toISOString() : undefined])
              yield* fake.clearRequests
              yield* TestClock.adjust(30_000)
              yield* settle(bridge)
              // the retry: one list, and the PATCH only when the dropped one was not applied
              assert.deepStrictEqual(
                (yield* fake.requests).map((r) => r.endpoint),
                when === "after" ? ["incidents.listUnresolved"] : ["incidents.listUnresolved", "incidents.update"]
              )
              assert.deepStrictEqual(yield* pendingOnPage, [new Date(due).toISOString()])
            })
          )
          const bridge = yield* quietInstance
          yield* bridge.awaitIdle
          yield* TestClock.adjust(due - (yield* TestClock.currentTimeMillis))
          yield* settle(bridge)
          assert.deepStrictEqual(
            (yield* incidents(fake)).map((i) => i.status),
            ["resolved"]
          )
        }).pipe(Effect.provide(StatusPageTest.layer()))
    )
  }
})
