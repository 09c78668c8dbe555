import { assert, describe, it } from "@effect/vitest"
import { BridgeAlert } from "@effect-statuspage/bridge"
import * as Either from "effect/Either"
import { alertmanager } from "./support/bridge.js"

// Shaped as Grafana's unified alerting webhook contact point sends it (Grafana 9-11 docs' example).
const grafana = {
  receiver: "statuspage",
  status: "firing",
  orgId: 1,
  alerts: [
    {
      status: "firing",
      labels: { alertname: "High CPU", grafana_folder: "Infra", service: "api" },
      annotations: { summary: "CPU above 90%" },
      startsAt: "2026-01-01T10:00:00Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://grafana.test/alerting/grafana/abc/view",
      fingerprint: "c6eadffa33fcdf37",
      silenceURL: "http://grafana.test/alerting/silence/new",
      dashboardURL: "",
      panelURL: "",
      values: { B: 94.2, C: 1 },
      valueString: "[ var='B' labels={} value=94.2 ]"
    }
  ],
  groupLabels: { alertname: "High CPU" },
  commonLabels: { alertname: "High CPU" },
  commonAnnotations: {},
  externalURL: "http://grafana.test/",
  version: "1",
  groupKey: '{}/{alertname="High CPU"}:{alertname="High CPU"}',
  truncatedAlerts: 0,
  title: "[FIRING:1] High CPU",
  state: "alerting",
  message: "**Firing**"
}

describe("BridgeAlert.decode", () => {
  it("reads an Alertmanager v4 notification: group key, fingerprints, times (Go's zero time is no time)", () => {
    const n = Either.getOrThrow(
      BridgeAlert.decode(
        "alertmanager",
        alertmanager('{}:{alertname="X"}', [
          { labels: { alertname: "X" }, fingerprint: "f1", startsAt: "2026-01-01T00:00:00Z" },
          { status: "resolved", labels: { alertname: "Y" }, endsAt: "2026-01-01T00:05:00Z" }
        ])
      )
    )
    assert.strictEqual(n.groupKey, '{}:{alertname="X"}')
    assert.deepStrictEqual(
      n.alerts.map((a) => [a.status, a.fingerprint, a.startsAt, a.endsAt]),
      [
        ["firing", "f1", Date.parse("2026-01-01T00:00:00Z"), undefined],
        ["resolved", "Y", Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-01T00:05:00Z")]
      ]
    )
  })

  it("reads a Grafana notification, ignoring its extra fields", () => {
    const n = Either.getOrThrow(BridgeAlert.decode("grafana", grafana))
    assert.strictEqual(n.format, "grafana")
    assert.strictEqual(n.alerts[0]!.fingerprint, "c6eadffa33fcdf37")
    assert.strictEqual(n.alerts[0]!.annotations.summary, "CPU above 90%")
  })

  it("reads the generic format, wrapped or as one alert; the fingerprint defaults to the sorted labels", () => {
    const one = Either.getOrThrow(
      BridgeAlert.decode("generic", { status: "firing", labels: { job: "backup", alertname: "failed" } })
    )
    assert.strictEqual(one.groupKey, undefined)
    assert.strictEqual(one.alerts[0]!.fingerprint, 'alertname="failed",job="backup"')
    assert.deepStrictEqual(one.alerts[0]!.annotations, {})
    const many = Either.getOrThrow(
      BridgeAlert.decode("generic", {
        group: "nightly",
        alerts: [{ status: "resolved", labels: { job: "a" }, id: "run-1", endsAt: "2026-01-01T00:00:00+02:00" }]
      })
    )
    assert.strictEqual(many.groupKey, "nightly")
    assert.strictEqual(many.alerts[0]!.fingerprint, "run-1")
    assert.strictEqual(many.alerts[0]!.endsAt, Date.parse("2025-12-31T22:00:00Z"))
  })

  it("refuses malformed payloads with a typed error naming the place", () => {
    const notJson = BridgeAlert.decodeJson("alertmanager", "{not json")
    assert.deepInclude(
      Either.getLeft(notJson).pipe((o) => o._tag === "Some" && o.value),
      { reason: "NotJson" }
    )
    const cases: ReadonlyArray<[BridgeAlert.Format, unknown, string]> = [
      ["alertmanager", { ...alertmanager("g", []), version: "3" }, "version"],
      ["alertmanager", alertmanager("g", [{ labels: { a: 1 as unknown as string } }]), "alerts.0.labels.a"],
      ["grafana", { ...grafana, alerts: [{ ...grafana.alerts[0], status: "pending" }] }, "alerts.0.status"],
      ["generic", { status: "firing" }, "labels"],
      ["generic", { status: "firing", labels: {}, startsAt: "yesterday" }, "alerts.0"]
    ]
    for (const [format, body, path] of cases) {
      const result = BridgeAlert.decode(format, body)
      assert.isTrue(Either.isLeft(result), `${format} ${JSON.stringify(body)} should be refused`)
      const error = (result as Either.Left<BridgeAlert.PayloadError, unknown>).left
      assert.strictEqual(error._tag, "PayloadError")
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.format, format)
      assert.include(error.path ?? "", path)
    }
  })
})
