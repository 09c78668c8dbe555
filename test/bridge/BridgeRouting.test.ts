import { assert, describe, it } from "@effect/vitest"
import { type BridgeAlert, BridgeRouting, BridgeState } from "@effect-statuspage/bridge"
import { config } from "./support/bridge.js"

const router = BridgeRouting.make(
  config(`
routes:
  - name: api
    match: { service: api }
    match_re: { severity: "critical|warning" }
    components: [API, "{{ labels.component }}"]
    status: { critical: major_outage, warning: degraded_performance }
    incident:
      name: "{{ labels.alertname }} ({{ severity }}, {{ count }})"
      body: "{{ annotations.summary }} [{{ key }}] {{ labels.missing }}"
      resolve_body: "{{ labels.alertname }} is fine"
      impact: { critical: critical, default: minor }
  - name: keyed
    match: { team: db }
    key: "db/{{ labels.alertname }}"
    components: [Database]
  - name: catchall
    match_re: { alertname: ".+" }
`)
)

let seq = 0
const alert = (labels: Record<string, string>, more: Partial<BridgeAlert.Alert> = {}): BridgeAlert.Alert => ({
  status: "firing",
  fingerprint: `f${seq++}`,
  labels,
  annotations: {},
  startsAt: 0,
  endsAt: undefined,
  ...more
})

describe("BridgeRouting", () => {
  it("takes the first route whose matchers all hold (anchored regexes, missing label = empty)", () => {
    assert.strictEqual(router.route(alert({ service: "api", severity: "critical" }), undefined)?.route.name, "api")
    // `critical-ish` does not match the anchored `critical|warning`: falls through to the catch-all.
    assert.strictEqual(
      router.route(alert({ alertname: "X", service: "api", severity: "critical-ish" }), undefined)?.route.name,
      "catchall"
    )
    assert.strictEqual(router.route(alert({ team: "db" }), undefined)?.route.name, "keyed")
    assert.isUndefined(router.route(alert({ service: "web" }), undefined))
  })

  it("derives the key from the group key, else the matched labels, unless the route templates it", () => {
    const labels = { service: "api", severity: "warning", alertname: "Slow", component: "Auth" }
    assert.strictEqual(router.route(alert(labels), '{}:{alertname="Slow"}')?.key, 'api/{}:{alertname="Slow"}')
    assert.strictEqual(router.route(alert(labels), undefined)?.key, 'api/service="api",severity="warning"')
    assert.strictEqual(router.route(alert({ team: "db", alertname: "Lag" }), "group")?.key, "db/Lag")
  })

  it("renders component names per alert and drops empty ones", () => {
    assert.deepStrictEqual(
      router.route(alert({ service: "api", severity: "warning", component: "Auth" }), undefined)?.components,
      ["API", "Auth"]
    )
    assert.deepStrictEqual(router.route(alert({ service: "api", severity: "warning" }), undefined)?.components, ["API"])
  })
})

const guard = { minFiring: 0, minQuiet: 0 }
const track = (
  state: BridgeState.KeyState | undefined,
  a: BridgeAlert.Alert,
  now = 0,
  groupKey = "g"
): BridgeState.KeyState => BridgeState.track(state, router.route(a, groupKey)!, a, now)

describe("BridgeState.evaluate", () => {
  it("the worst status wins per component, the worst impact for the incident; texts come from the worst alert", () => {
    const slow = alert({ service: "api", severity: "warning", alertname: "Slow", component: "Auth" })
    const down = alert(
      { service: "api", severity: "critical", alertname: "Down" },
      { annotations: { summary: "down" } }
    )
    const s = track(track(undefined, slow), down)
    const { desired } = BridgeState.evaluate(s, 10, guard)
    assert.deepStrictEqual(desired, {
      _tag: "Firing",
      components: { API: "major_outage", Auth: "degraded_performance" },
      incident: { name: "Down (critical, 2)", body: "down [api/g] ", impact: "critical", status: "investigating" },
      deliverNotifications: true,
      fingerprints: [slow.fingerprint, down.fingerprint].sort()
    })
  })

  it("resolves only when every alert of the key has resolved; a repeat of the same state changes nothing", () => {
    const a = alert({ service: "api", severity: "warning", alertname: "A" })
    const b = alert({ service: "api", severity: "critical", alertname: "B" })
    let s = track(track(undefined, a), b)
    s = track(s, { ...b, status: "resolved", endsAt: 5 }, 5)
    const partly = BridgeState.evaluate(s, 6, guard).desired
    assert.strictEqual(partly?._tag, "Firing")
    assert.deepStrictEqual(partly?._tag === "Firing" && partly.components, { API: "degraded_performance" })
    s = track(s, { ...a, status: "resolved", endsAt: 7 }, 7)
    const again = track(s, { ...a, status: "resolved", endsAt: 7 }, 9)
    assert.strictEqual(again.alerts.get(a.fingerprint)?.seenAt, 7)
    assert.deepStrictEqual(BridgeState.evaluate(again, 9, guard).desired, {
      _tag: "Resolved",
      components: ["API"],
      incident: { body: "A is fine" },
      deliverNotifications: true,
      fingerprints: [a.fingerprint, b.fingerprint].sort()
    })
  })

  it("flapping guard: nothing before min_firing, wake-up when it is reached; resolve waits min_quiet", () => {
    const g = { minFiring: 60_000, minQuiet: 300_000 }
    const a = alert({ service: "api", severity: "critical", alertname: "A" }, { startsAt: 1_000 })
    let s = track(undefined, a, 1_000)
    assert.deepStrictEqual(BridgeState.evaluate(s, 30_000, g), { desired: undefined, wakeAt: 61_000 })
    assert.strictEqual(BridgeState.evaluate(s, 61_000, g).desired?._tag, "Firing")
    s = track(s, { ...a, status: "resolved", endsAt: 100_000 }, 100_500)
    const quiet = BridgeState.evaluate(s, 200_000, g)
    assert.deepInclude(quiet, { desired: undefined, wakeAt: 400_000 })
    assert.deepStrictEqual(quiet.pending, BridgeState.evaluate(s, 400_000, g).desired, "the resolve to make then")
    assert.strictEqual(BridgeState.evaluate(s, 400_000, g).desired?._tag, "Resolved")
  })

  it("an alert the sender says started long ago counts at once (restart-safe); a sender clock ahead does not delay", () => {
    const g = { minFiring: 60_000, minQuiet: 0 }
    const old = track(undefined, alert({ service: "api", severity: "critical" }, { startsAt: 0 }), 500_000)
    assert.strictEqual(BridgeState.evaluate(old, 500_000, g).desired?._tag, "Firing")
    const ahead = track(undefined, alert({ service: "api", severity: "critical" }, { startsAt: 900_000 }), 500_000)
    assert.strictEqual(BridgeState.evaluate(ahead, 560_000, g).desired?._tag, "Firing")
  })

  it("a key first seen resolved may have been published (after a restart); one first seen firing was not", () => {
    const a = alert({ team: "db", alertname: "X" })
    assert.strictEqual(track(undefined, { ...a, status: "resolved" }).published, "maybe")
    assert.strictEqual(track(undefined, a).published, "never")
  })
})
