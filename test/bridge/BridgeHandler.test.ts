import { assert, describe, it } from "@effect/vitest"
import { Bridge, type BridgeConfig, BridgeHandler } from "@effect-statuspage/bridge"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import { alertmanager, config, recordingPublisher, request } from "./support/bridge.js"

const routes = `
routes:
  - name: api
    match: { service: api }
    components: [API]
    incident: { name: "{{ labels.alertname }}" }
`

const credentials: BridgeConfig.Credentials = {
  bearer: Redacted.make("s3cret-token"),
  basic: { username: "alertmanager", password: Redacted.make("pa:ss") }
}

const withApp = <A, E>(
  options: BridgeHandler.Options,
  body: (
    app: Effect.Effect.Success<ReturnType<typeof BridgeHandler.make>>,
    logs: Array<string>
  ) => Effect.Effect<A, E, Bridge.Bridge>
) => {
  const logs: Array<string> = []
  const logger = Logger.make(({ message }) => {
    logs.push((Array.isArray(message) ? message : [message]).map(String).join(" "))
  })
  return Effect.flatMap(BridgeHandler.make(options), (app) => body(app, logs)).pipe(
    Effect.provide(Bridge.layer(config(routes)).pipe(Layer.provide(recordingPublisher().layer))),
    Effect.provide(Logger.replace(Logger.defaultLogger, logger))
  )
}

const firing = alertmanager("g", [{ labels: { service: "api", alertname: "Down" } }])
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

describe("BridgeHandler", () => {
  it.effect("takes a notification with 202 and the count of alerts taken", () =>
    withApp({}, (app) =>
      Effect.gen(function* () {
        const reply = yield* request(app, "/webhook/alertmanager", {
          body: alertmanager("g", [{ labels: { service: "api", alertname: "A" } }, { labels: { service: "web" } }])
        })
        assert.strictEqual(reply.status, 202)
        assert.deepStrictEqual(JSON.parse(reply.text), { routed: 1, unrouted: 1 })
      })
    )
  )

  it.effect("bearer and basic auth: right credentials pass, wrong or missing ones get 401 and no secret in logs", () =>
    withApp({ credentials }, (app, logs) =>
      Effect.gen(function* () {
        const post = (authorization?: string) =>
          Effect.map(
            request(app, "/webhook/alertmanager", {
              body: firing,
              headers: authorization === undefined ? {} : { authorization }
            }),
            (r) => r.status
          )
        assert.strictEqual(yield* post("Bearer s3cret-token"), 202)
        assert.strictEqual(yield* post(basic("alertmanager", "pa:ss")), 202)
        assert.strictEqual(yield* post(), 401)
        assert.strictEqual(yield* post("Bearer s3cret-tokeN"), 401)
        assert.strictEqual(yield* post("Bearer s3cret-token-longer"), 401)
        assert.strictEqual(yield* post(basic("alertmanager", "pa:s")), 401)
        assert.strictEqual(yield* post(basic("someone", "pa:ss")), 401)
        assert.strictEqual(yield* post("Basic !!!not-base64"), 401)
        assert.strictEqual(yield* post("OAuth s3cret-token"), 401)
        // Health and metrics need no credentials.
        assert.strictEqual((yield* request(app, "/healthz")).status, 200)
        const metrics = yield* request(app, "/metrics")
        assert.include(metrics.text, 'statuspage_bridge_requests_rejected_total{reason="unauthorized"} 7')
        for (const line of logs) {
          assert.notInclude(line, "s3cret")
          assert.notInclude(line, "pa:ss")
        }
        assert.isAtLeast(logs.filter((l) => l.includes("without valid credentials")).length, 7)
      })
    )
  )

  it.effect("a malformed payload is 400 with a typed error in the logs; nothing is taken", () =>
    withApp({}, (app, logs) =>
      Effect.gen(function* () {
        const notJson = yield* request(app, "/webhook/alertmanager", { body: "{nope" })
        assert.strictEqual(notJson.status, 400)
        const wrong = yield* request(app, "/webhook/grafana", { body: { status: "firing", alerts: [{ labels: {} }] } })
        assert.strictEqual(wrong.status, 400)
        assert.match(JSON.parse(wrong.text).error, /grafana payload does not match at alerts\.0\.status/)
        assert.isTrue(logs.some((l) => l.includes("malformed") && l.includes("PayloadError")))
        const metrics = (yield* request(app, "/metrics")).text
        assert.include(metrics, 'statuspage_bridge_requests_rejected_total{reason="malformed"} 2')
        assert.include(metrics, "statuspage_bridge_alerts_received_total 0")
      })
    )
  )

  it.effect("once the engine drains, a notification gets 503 with Retry-After and nothing of it is taken", () =>
    withApp({}, (app) =>
      Effect.gen(function* () {
        yield* Bridge.drain
        const reply = yield* request(app, "/webhook/alertmanager", { body: firing })
        assert.strictEqual(reply.status, 503)
        assert.strictEqual(reply.headers.get("retry-after"), "30")
        assert.match(JSON.parse(reply.text).error, /stopping/)
        const metrics = (yield* request(app, "/metrics")).text
        assert.include(metrics, 'statuspage_bridge_requests_rejected_total{reason="stopping"} 1')
        assert.include(metrics, "statuspage_bridge_alerts_received_total 0")
        assert.strictEqual((yield* request(app, "/healthz")).status, 200)
      })
    )
  )

  it.effect("bodies over the limit get 413, whether the length is declared or not", () =>
    withApp({ maxBodyBytes: 200 }, (app) =>
      Effect.gen(function* () {
        const big = JSON.stringify(alertmanager("g", [{ labels: { service: "api", alertname: "x".repeat(300) } }]))
        const declared = yield* request(app, "/webhook/alertmanager", {
          body: big,
          headers: { "content-length": String(big.length) }
        })
        assert.strictEqual(declared.status, 413)
        const streamed = yield* request(app, "/webhook/alertmanager", { body: big })
        assert.strictEqual(streamed.status, 413)
      })
    )
  )

  it.effect("/healthz, /metrics in Prometheus text format, 404 and 405", () =>
    withApp({}, (app) =>
      Effect.gen(function* () {
        assert.strictEqual((yield* request(app, "/healthz")).text, "ok\n")
        const metrics = yield* request(app, "/metrics")
        assert.strictEqual(metrics.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8")
        for (const name of ["alerts_received_total", "published_total", "coalesced_total", "failures_total"]) {
          assert.include(metrics.text, `# TYPE statuspage_bridge_${name} counter`)
        }
        assert.include(metrics.text, "# TYPE statuspage_bridge_queue_depth gauge")
        assert.strictEqual((yield* request(app, "/webhook/nagios", { body: {} })).status, 404)
        assert.strictEqual((yield* request(app, "/webhook/generic")).status, 405)
        assert.strictEqual((yield* request(app, "/nope")).status, 404)
      })
    )
  )
})
