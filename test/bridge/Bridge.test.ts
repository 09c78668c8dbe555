import { assert, describe, it } from "@effect/vitest"
import { Bridge, BridgeAlert, BridgePublisher } from "@effect-statuspage/bridge"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { alertmanager, type Call, config, recordingPublisher } from "./support/bridge.js"

const T0 = Date.parse("2026-01-01T00:00:00Z")
const iso = (offsetMillis: number) => new Date(T0 + offsetMillis).toISOString()

const yaml = (extra = "") => `
${extra}
routes:
  - name: api
    match: { service: api }
    components: ["{{ labels.component }}"]
    status: { critical: major_outage, warning: degraded_performance }
    incident: { name: "{{ labels.alertname }}", impact: { critical: major, default: minor } }
    key: "{{ labels.alertname }}"
  - name: jobs
    match: { team: data }
    components: ["{{ labels.job }}"]
    status: partial_outage
`

/** Runs `body` with a recording publisher and an engine started with the TestClock at T0. */
const withBridge = <A, E>(
  extra: string,
  body: (bridge: Bridge.Service, publisher: ReturnType<typeof recordingPublisher>) => Effect.Effect<A, E>,
  publisher = recordingPublisher()
) => {
  return Effect.zipRight(
    TestClock.setTime(T0),
    Effect.flatMap(Bridge.Bridge, (bridge) => body(bridge, publisher)).pipe(
      Effect.provide(Bridge.layer(config(yaml(extra))).pipe(Layer.provide(publisher.layer)))
    )
  )
}

const componentsOf = (call: Call | undefined) =>
  (call?.value as { readonly components?: unknown } | undefined)?.components

const notify = (bridge: Bridge.Service, body: unknown) =>
  bridge.ingest(Either.getOrThrow(BridgeAlert.decode("alertmanager", body)))

/** Lets the settle time pass and waits for the round to finish. */
const settle = (bridge: Bridge.Service, millis = 1_000) => Effect.zipRight(TestClock.adjust(millis), bridge.awaitIdle)

const api = (alertname: string, severity: string, component: string, status: "firing" | "resolved" = "firing") => ({
  status,
  labels: { service: "api", alertname, severity, component },
  startsAt: iso(0),
  ...(status === "resolved" ? { endsAt: iso(0) } : {})
})

describe("Bridge", () => {
  it.effect("answers a firing key with one ensure; a redelivery changes nothing", () =>
    withBridge("", (bridge, publisher) =>
      Effect.gen(function* () {
        const body = alertmanager("g1", [api("Down", "critical", "API"), api("Down2", "warning", "Web")])
        yield* notify(bridge, body)
        assert.deepStrictEqual(publisher.calls, [], "nothing is written before the settle time")
        yield* settle(bridge)
        assert.deepStrictEqual(
          publisher.calls.map((c) => [c.op, "key" in c ? c.key : ""]),
          [
            ["ensure", "Down"],
            ["ensure", "Down2"]
          ]
        )
        assert.deepStrictEqual(publisher.calls[0]!.value, {
          name: "Down",
          body: undefined,
          impact: "major",
          status: "investigating",
          components: { API: "major_outage" },
          deliverNotifications: true,
          firing: ["api-Down-critical-API"]
        })
        yield* notify(bridge, body)
        yield* settle(bridge)
        assert.strictEqual(publisher.calls.length, 2)
        assert.match(yield* bridge.metrics, /statuspage_bridge_unchanged_total 2/)
      })
    )
  )

  it.effect("coalesces a burst: 200 alerts over 5 keys in 20 notifications -> 5 ensures, latest state wins", () =>
    withBridge("", (bridge, publisher) =>
      Effect.gen(function* () {
        for (let n = 0; n < 20; n++) {
          const alerts = Array.from({ length: 10 }, (_, i) => ({
            ...api(`K${i % 5}`, n === 19 && i % 5 === 0 ? "critical" : "warning", `C${i % 5}`),
            fingerprint: `n${n}-i${i}`
          }))
          yield* notify(bridge, alertmanager("burst", alerts))
          yield* TestClock.adjust(10)
        }
        yield* settle(bridge)
        assert.strictEqual(publisher.calls.length, 5)
        const k0 = publisher.calls.find((c) => c.op === "ensure" && c.key === "K0")!
        assert.deepStrictEqual(componentsOf(k0), { C0: "major_outage" })
        const metrics = yield* bridge.metrics
        assert.include(metrics, 'statuspage_bridge_alerts_received_total{format="alertmanager"} 200')
        assert.include(metrics, "statuspage_bridge_coalesced_total 195")
        assert.include(metrics, 'statuspage_bridge_published_total{operation="ensure"} 5')
        assert.include(metrics, "statuspage_bridge_queue_depth 0")
      })
    )
  )

  it.effect("a component shared by two keys shows the worst; resolving one leaves the other's status", () =>
    withBridge("", (bridge, publisher) =>
      Effect.gen(function* () {
        yield* notify(bridge, alertmanager("a", [api("A", "critical", "API")]))
        yield* notify(bridge, alertmanager("b", [api("B", "warning", "API")]))
        yield* settle(bridge)
        assert.deepStrictEqual(publisher.calls.map(componentsOf), [{ API: "major_outage" }, { API: "major_outage" }])
        yield* notify(bridge, alertmanager("a", [api("A", "critical", "API", "resolved")]))
        yield* settle(bridge)
        assert.deepStrictEqual(publisher.calls[2], {
          op: "resolve",
          key: "A",
          value: {
            body: undefined,
            components: { API: "degraded_performance" },
            deliverNotifications: true,
            resolved: ["api-A-critical-API"]
          }
        })
        yield* notify(bridge, alertmanager("b", [api("B", "warning", "API", "resolved")]))
        yield* settle(bridge)
        assert.deepStrictEqual(componentsOf(publisher.calls[3]), { API: "operational" })
        assert.strictEqual(publisher.calls.length, 4)
      })
    )
  )

  it.effect("keys without incidents go out in one setComponents per round, and back to operational", () =>
    withBridge("", (bridge, publisher) =>
      Effect.gen(function* () {
        const job = (name: string, status: "firing" | "resolved") => ({
          status,
          labels: { team: "data", job: name },
          startsAt: iso(0)
        })
        yield* bridge.ingest(
          Either.getOrThrow(BridgeAlert.decode("generic", { alerts: [job("backup", "firing"), job("etl", "firing")] }))
        )
        yield* settle(bridge)
        assert.deepStrictEqual(publisher.calls, [
          { op: "setComponents", value: { backup: "partial_outage", etl: "partial_outage" } }
        ])
        yield* bridge.ingest(Either.getOrThrow(BridgeAlert.decode("generic", job("etl", "resolved"))))
        yield* settle(bridge)
        assert.deepStrictEqual(publisher.calls[1], { op: "setComponents", value: { etl: "operational" } })
      })
    )
  )

  it.effect("flapping guard: an alert that resolves before min_firing publishes nothing, ever", () =>
    withBridge("flapping: { min_firing: 1m, min_quiet: 5m }", (bridge, publisher) =>
      Effect.gen(function* () {
        const firing = { ...api("Flap", "critical", "API"), startsAt: iso(0) }
        yield* notify(bridge, alertmanager("f", [firing]))
        yield* settle(bridge, 30_000)
        yield* notify(bridge, alertmanager("f", [{ ...firing, status: "resolved", endsAt: iso(30_000) }]))
        yield* settle(bridge, 600_000)
        assert.deepStrictEqual(publisher.calls, [])
      })
    )
  )

  it.effect(
    "flapping guard: published once firing for min_firing (no new notification needed), resolved after min_quiet",
    () =>
      withBridge("flapping: { min_firing: 1m, min_quiet: 5m }", (bridge, publisher) =>
        Effect.gen(function* () {
          const firing = { ...api("Slow", "warning", "API"), startsAt: iso(0) }
          yield* notify(bridge, alertmanager("s", [firing]))
          yield* settle(bridge, 59_000)
          assert.strictEqual(publisher.calls.length, 0)
          yield* settle(bridge, 2_000)
          assert.deepStrictEqual(
            publisher.calls.map((c) => c.op),
            ["ensure"]
          )
          yield* TestClock.adjust(60_000)
          yield* notify(bridge, alertmanager("s", [{ ...firing, status: "resolved", endsAt: iso(120_000) }]))
          yield* settle(bridge, 299_000 - 1_000)
          // Still quiet for less than 5 minutes: the resolve is only recorded on the incident, due at 420 s.
          assert.deepStrictEqual(publisher.calls[1], {
            op: "recordPending",
            key: "Slow",
            value: { at: T0 + 420_000, body: undefined, deliverNotifications: true, resolved: ["api-Slow-warning-API"] }
          })
          // It fires again within the quiet time: the recorded resolve is cleared, the incident stays as it is.
          yield* notify(bridge, alertmanager("s", [{ ...firing, startsAt: iso(419_000) }]))
          yield* settle(bridge, 120_000)
          assert.deepStrictEqual(publisher.calls[2], { op: "recordPending", key: "Slow", value: undefined })
          assert.strictEqual(publisher.calls.length, 3, "no ensure: the page already shows it")
          yield* notify(bridge, alertmanager("s", [{ ...firing, status: "resolved", endsAt: iso(540_000) }]))
          yield* settle(bridge, 301_000)
          assert.deepStrictEqual(
            publisher.calls.map((c) => c.op),
            ["ensure", "recordPending", "recordPending", "recordPending", "resolve"]
          )
        })
      )
  )

  it.effect("a failed write is counted and retried after `retry`", () =>
    withBridge("retry: 10s", (bridge, publisher) =>
      Effect.gen(function* () {
        publisher.failNext(1)
        yield* notify(bridge, alertmanager("x", [api("X", "critical", "API")]))
        yield* settle(bridge)
        assert.strictEqual(publisher.calls.length, 0)
        assert.include(
          yield* bridge.metrics,
          'statuspage_bridge_failures_total{operation="ensure",error="ServerError"} 1'
        )
        yield* settle(bridge, 11_000)
        assert.deepStrictEqual(
          publisher.calls.map((c) => c.op),
          ["ensure"]
        )
      })
    )
  )

  it.effect(
    "a resolve recorded on the page for a key this process has no alerts of: made when due, as recorded",
    () => {
      const recorded: BridgePublisher.Pending = {
        key: "Gone",
        at: T0 + 120_000,
        body: "Recovered.",
        deliverNotifications: false,
        resolved: ["f1"],
        components: ["API"]
      }
      return withBridge(
        "flapping: { min_quiet: 2m }",
        (bridge, publisher) =>
          Effect.gen(function* () {
            yield* bridge.awaitIdle
            yield* settle(bridge, 119_000)
            assert.deepStrictEqual(publisher.calls, [], "not due yet")
            yield* settle(bridge, 2_000)
            assert.deepStrictEqual(publisher.calls, [
              {
                op: "resolve",
                key: "Gone",
                value: {
                  body: "Recovered.",
                  components: { API: "operational" },
                  deliverNotifications: false,
                  resolved: ["f1"],
                  pendingAt: T0 + 120_000
                }
              }
            ])
            assert.include(yield* bridge.metrics, "statuspage_bridge_resolves_recovered_total 1")
          }),
        recordingPublisher(Effect.succeed([recorded]))
      )
    }
  )

  it.effect("listing the recorded resolves fails: counted and logged, the engine goes on", () =>
    withBridge(
      "flapping: { min_quiet: 2m }",
      (bridge, publisher) =>
        Effect.gen(function* () {
          yield* bridge.awaitIdle
          assert.include(
            yield* bridge.metrics,
            'statuspage_bridge_failures_total{operation="listPending",error="ServerError"} 1'
          )
          yield* notify(bridge, alertmanager("x", [api("X", "critical", "API")]))
          yield* settle(bridge)
          assert.deepStrictEqual(
            publisher.calls.map((c) => c.op),
            ["ensure"]
          )
        }),
      recordingPublisher(
        Effect.fail(
          new BridgePublisher.PublishError({
            operation: "listPending",
            tag: "ServerError",
            message: "injected",
            cause: null
          })
        )
      )
    )
  )
})
