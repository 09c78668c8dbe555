import { assert, describe, it } from "@effect/vitest"
import { Bridge, BridgeAlert, BridgePublisher } from "@effect-statuspage/bridge"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Scope from "effect/Scope"
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

  describe("drain", () => {
    /**
     * An engine started in a scope of its own, with writes held until `release` completes; `reached` completes when
     * the first write gets to the publisher. Logs are captured.
     */
    const stoppable = <A, E>(
      extra: string,
      release: Effect.Effect<void>,
      body: (
        engine: {
          readonly bridge: Bridge.Service
          readonly publisher: ReturnType<typeof recordingPublisher>
          readonly scope: Scope.CloseableScope
          readonly reached: Deferred.Deferred<void>
        },
        logs: Array<string>
      ) => Effect.Effect<A, E>
    ) => {
      const logs: Array<string> = []
      return Effect.gen(function* () {
        yield* TestClock.setTime(T0)
        const publisher = recordingPublisher()
        const reached = yield* Deferred.make<void>()
        publisher.holdWrites(Effect.zipRight(Deferred.succeed(reached, undefined), release))
        const scope = yield* Scope.make()
        const bridge = yield* Bridge.make(config(yaml(extra))).pipe(
          Effect.provide(publisher.layer),
          Scope.extend(scope)
        )
        return yield* body({ bridge, publisher, scope, reached }, logs)
      }).pipe(
        // Around the start too: the scope's finalizer logs with what the engine was started with.
        Effect.provide(
          Logger.replace(
            Logger.defaultLogger,
            Logger.make(({ message }) => {
              logs.push((Array.isArray(message) ? message : [message]).map(String).join(" "))
            })
          )
        )
      )
    }

    /** Lets the settle time pass until the write of key A reaches the publisher. */
    const writingA = (bridge: Bridge.Service, reached: Deferred.Deferred<void>) =>
      Effect.gen(function* () {
        yield* notify(bridge, alertmanager("a", [api("A", "critical", "API")]))
        yield* TestClock.adjust(1_000)
        yield* Deferred.await(reached)
      })

    /** Key A being written, key B queued behind it (its settle time never passes): starts closing the scope. */
    const closeWithTwoKeys = (bridge: Bridge.Service, reached: Deferred.Deferred<void>, scope: Scope.CloseableScope) =>
      Effect.gen(function* () {
        yield* writingA(bridge, reached)
        yield* notify(bridge, alertmanager("b", [api("B", "warning", "Web")]))
        const closing = yield* Effect.fork(Scope.close(scope, Exit.void))
        // Lets the close begin (the drain starts at once).
        yield* Effect.yieldNow()
        return closing
      })

    it.effect(
      "closing the scope waits for the write in flight and the key queued behind it; new notifications are refused",
      () =>
        Effect.gen(function* () {
          const latch = yield* Effect.makeLatch(false)
          yield* stoppable("", latch.await, ({ bridge, publisher, reached, scope }, logs) =>
            Effect.gen(function* () {
              const closing = yield* closeWithTwoKeys(bridge, reached, scope)
              const refused = yield* Effect.flip(notify(bridge, alertmanager("c", [api("C", "critical", "API")])))
              assert.strictEqual(refused._tag, "StoppingError")
              assert.isNull(closing.unsafePoll(), "the close waits for the write in flight")
              yield* latch.open
              yield* Fiber.join(closing)
              assert.deepStrictEqual(
                publisher.calls.map((c) => [c.op, "key" in c ? c.key : ""]),
                [
                  ["ensure", "A"],
                  ["ensure", "B"]
                ]
              )
              assert.deepStrictEqual(logs, [], "nothing was left")
              assert.include(yield* bridge.metrics, "statuspage_bridge_queue_depth 0")
            }).pipe(Effect.ensuring(latch.open))
          )
        })
    )

    it.effect("a write that never completes: the close returns after drain_timeout and logs the keys left", () =>
      stoppable("drain_timeout: 5s", Effect.never, ({ bridge, publisher, reached, scope }, logs) =>
        Effect.gen(function* () {
          const closing = yield* closeWithTwoKeys(bridge, reached, scope)
          yield* TestClock.adjust(4_999)
          assert.isNull(closing.unsafePoll(), "not before drain_timeout")
          yield* TestClock.adjust(1)
          yield* Fiber.join(closing)
          assert.deepStrictEqual(publisher.calls, [])
          assert.deepStrictEqual(logs, [
            "statuspage bridge: stopped after the drain timeout (5000 ms) with 2 key(s) not written (pending, being written or waiting for a retry): A, B; the senders' next notifications bring them back"
          ])
        })
      )
    )

    it.effect("an interrupted drain (a second Ctrl-C) is not resumed by the close of the scope", () =>
      stoppable("", Effect.never, ({ bridge, reached, scope }, logs) =>
        Effect.gen(function* () {
          yield* writingA(bridge, reached)
          const draining = yield* Effect.fork(bridge.drain)
          yield* Effect.yieldNow()
          yield* Fiber.interrupt(draining)
          yield* Scope.close(scope, Exit.void)
          assert.deepStrictEqual(logs, [
            "statuspage bridge: stop cut short with 1 key(s) not written (pending, being written or waiting for a retry): A; the senders' next notifications bring them back"
          ])
        })
      )
    )
  })
})
