import * as HttpClient from "@effect/platform/HttpClient"
import { assert, beforeAll, describe, it } from "@effect/vitest"
import * as BridgeServer from "@effect-statuspage/bridge/BridgeServer"
import { Components, StatusPageConfig } from "@effect-statuspage/core"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { Redis } from "ioredis"
import * as RedisServer from "../support/redisServer.js"
import * as Alertmanager from "./support/alertmanager.js"
import { config } from "./support/bridge.js"

const routes = config(`
settle: 200ms
auth:
  bearer_token_env: BRIDGE_TOKEN
  basic: { username: grafana, password_env: BRIDGE_PASSWORD }
routes:
  - name: api
    match: { service: api }
    components: ["{{ labels.component }}"]
    status: { critical: major_outage, warning: degraded_performance }
    incident:
      name: "{{ labels.alertname }} on the API"
      body: "{{ annotations.summary }}"
      impact: { critical: major, default: minor }
    key: "{{ labels.alertname }}"
  - name: jobs
    match: { team: data }
    components: ["{{ labels.job }}"]
    status: partial_outage
`)

const token = "e2e-bridge-token"
const secrets = ConfigProvider.fromMap(
  new Map([
    ["BRIDGE_TOKEN", token],
    ["BRIDGE_PASSWORD", "grafana-pw"]
  ])
)

/** A fake page with components, and the bridge's Node server over it on a free loopback port. */
const running = (bridgeConfig = routes) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.make()
    const statusPage = Layer.merge(
      Layer.succeed(HttpClient.HttpClient, StatusPageTest.httpClient(fake)),
      Layer.effect(StatusPageConfig.StatusPageConfig, StatusPageTest.config(fake))
    )
    yield* Effect.forEach(["API", "Web", "backup"], (name) => Components.create({ name, status: "operational" })).pipe(
      Effect.provide(statusPage)
    )
    const context = yield* Layer.build(BridgeServer.layer({ config: bridgeConfig, port: 0, statusPage })).pipe(
      Effect.withConfigProvider(secrets)
    )
    const url = yield* BridgeServer.url.pipe(Effect.provide(context))
    return { url, fake }
  })

const state = (fake: StatusPageTest.Service) =>
  Effect.map(fake.state, (s) => ({
    components: Object.fromEntries(
      ((s.components ?? []) as ReadonlyArray<{ name: string; status: string }>).map((c) => [c.name, c.status])
    ),
    incidents: (
      (s.incidents ?? []) as ReadonlyArray<{ name: string; status: string; impact_override: string | null }>
    ).map((i) => ({ name: i.name, status: i.status, impact: i.impact_override }))
  }))

type PageState = Effect.Effect.Success<ReturnType<typeof state>>

/** Polls the page until `check` holds (bounded: 20 s), then returns the state. */
const eventually = (fake: StatusPageTest.Service, check: (s: PageState) => boolean) =>
  state(fake).pipe(
    Effect.filterOrFail(check, () => "not yet"),
    Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("20 seconds"))),
    Effect.orElse(() =>
      Effect.flatMap(state(fake), (s) => Effect.dieMessage(`page never got there: ${JSON.stringify(s)}`))
    )
  )

const post = (url: string, body: unknown, authorization: string) =>
  Effect.promise(() =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify(body)
    }).then(async (r) => ({ status: r.status, text: await r.text() }))
  )

describe("BridgeServer (Node, loopback)", () => {
  it.scopedLive(
    "listens on 127.0.0.1 by default; takes Grafana (basic auth) and generic (bearer) payloads end to end",
    () =>
      Effect.gen(function* () {
        const { url, fake } = yield* running()
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
        const grafana = {
          receiver: "statuspage",
          status: "firing",
          orgId: 1,
          groupKey: '{}:{alertname="Latency"}',
          alerts: [
            {
              status: "firing",
              labels: { alertname: "Latency", service: "api", severity: "warning", component: "Web" },
              annotations: { summary: "p99 above 2 s" },
              startsAt: new Date().toISOString(),
              endsAt: "0001-01-01T00:00:00Z",
              fingerprint: "9d1e",
              values: { B: 2.4 }
            }
          ],
          version: "1",
          state: "alerting"
        }
        const basic = `Basic ${Buffer.from("grafana:grafana-pw").toString("base64")}`
        assert.strictEqual((yield* post(`${url}/webhook/grafana`, grafana, basic)).status, 202)
        yield* eventually(fake, (s) => s.incidents.length === 1 && s.components.Web === "degraded_performance")
        const generic = { alerts: [{ status: "firing", labels: { team: "data", job: "backup" } }] }
        assert.strictEqual((yield* post(`${url}/webhook/generic`, generic, `Bearer ${token}`)).status, 202)
        yield* eventually(fake, (s) => s.components.backup === "partial_outage")
        const resolved = {
          ...grafana,
          status: "resolved",
          alerts: [{ ...grafana.alerts[0], status: "resolved", endsAt: new Date().toISOString() }]
        }
        assert.strictEqual((yield* post(`${url}/webhook/grafana`, resolved, basic)).status, 202)
        const end = yield* eventually(fake, (s) => s.incidents[0]?.status === "resolved")
        assert.deepStrictEqual(end.incidents, [{ name: "Latency on the API", status: "resolved", impact: "minor" }])
        assert.strictEqual(end.components.Web, "operational")
        assert.strictEqual((yield* post(`${url}/webhook/generic`, generic, "Bearer wrong")).status, 401)
      })
  )

  it.scopedLive(
    "interrupted (as by SIGTERM under NodeRuntime.runMain) with a key still settling: the page gets it before it stops",
    () =>
      Effect.gen(function* () {
        // A settle time the test would never wait out: the drain cuts it short.
        const slow = { ...routes, settle: 600_000 }
        const started = yield* Deferred.make<{ url: string; fake: StatusPageTest.Service }>()
        const server = yield* Effect.fork(
          Effect.scoped(
            Effect.flatMap(running(slow), (r) => Effect.zipRight(Deferred.succeed(started, r), Effect.never))
          )
        )
        const { url, fake } = yield* Deferred.await(started)
        const firing = { alerts: [{ status: "firing", labels: { team: "data", job: "backup" } }] }
        assert.strictEqual((yield* post(`${url}/webhook/generic`, firing, `Bearer ${token}`)).status, 202)
        assert.strictEqual((yield* state(fake)).components.backup, "operational")
        yield* Fiber.interrupt(server).pipe(Effect.timeoutFail({ duration: "20 seconds", onTimeout: () => "no stop" }))
        assert.strictEqual((yield* state(fake)).components.backup, "partial_outage")
        const after = yield* Effect.promise(() =>
          fetch(`${url}/healthz`).then(
            () => "answered",
            () => "closed"
          )
        )
        assert.strictEqual(after, "closed")
      })
  )

  it.scopedLive("stops reading a body at the limit (413) on a real socket", () =>
    Effect.gen(function* () {
      const { url } = yield* running()
      const reply = yield* Effect.promise(() =>
        fetch(`${url}/webhook/generic`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ alerts: [{ status: "firing", labels: { big: "x".repeat(2 * 1024 * 1024) } }] })
        })
      )
      assert.strictEqual(reply.status, 413)
      const health = yield* Effect.promise(() => fetch(`${url}/healthz`).then((r) => r.text()))
      assert.strictEqual(health, "ok\n")
    })
  )
})

if (!Alertmanager.available && !Alertmanager.required) {
  console.warn(
    "Bridge end-to-end test with Alertmanager SKIPPED: prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)"
  )
}

describe.skipIf(!Alertmanager.available && !Alertmanager.required)("Bridge end to end with a real Alertmanager", () => {
  beforeAll(() => {
    if (!Alertmanager.available) {
      throw new Error("STATUSPAGE_TEST_REQUIRE_ALERTMANAGER=1 but prometheus-alertmanager is not installed")
    }
  })

  it.scopedLive(
    "alerts posted to Alertmanager's API open the incident, set the components, and resolve them",
    () =>
      Effect.gen(function* () {
        const { url, fake } = yield* running()
        const am = yield* Effect.acquireRelease(
          Effect.promise(() => Alertmanager.start(`${url}/webhook/alertmanager`, token)),
          (am) => Effect.promise(() => am.stop())
        )
        const alerts = [
          {
            labels: { alertname: "ApiDown", service: "api", severity: "critical", component: "API" },
            annotations: { summary: "API answers 503" }
          },
          {
            labels: { alertname: "ApiDown", service: "api", severity: "warning", component: "Web" },
            annotations: { summary: "Web is slow" }
          }
        ]
        yield* Effect.promise(() => am.post(alerts))
        const firing = yield* eventually(
          fake,
          (s) =>
            s.incidents.length === 1 &&
            s.components.API === "major_outage" &&
            s.components.Web === "degraded_performance"
        )
        assert.deepStrictEqual(firing.incidents, [
          { name: "ApiDown on the API", status: "investigating", impact: "major" }
        ])
        const now = new Date().toISOString()
        yield* Effect.promise(() => am.post(alerts.map((a) => ({ ...a, endsAt: now }))))
        const resolved = yield* eventually(
          fake,
          (s) =>
            s.incidents[0]?.status === "resolved" &&
            s.components.API === "operational" &&
            s.components.Web === "operational"
        )
        assert.strictEqual(resolved.incidents.length, 1)
        const metrics = yield* Effect.promise(() => fetch(`${url}/metrics`).then((r) => r.text()))
        assert.match(metrics, /statuspage_bridge_alerts_received_total\{format="alertmanager"\} [1-9]/)
        assert.match(metrics, /statuspage_bridge_published_total\{operation="resolve"\} 1/)
      }),
    60_000
  )
})

describe.skipIf(!RedisServer.available && !RedisServer.required)("BridgeServer with a Redis URL", () => {
  it.scopedLive(
    "the production client paces through the shared limiter (ioredis loaded on demand)",
    () =>
      Effect.gen(function* () {
        const redis = yield* Effect.acquireRelease(
          Effect.promise(() => RedisServer.start()),
          (server) => Effect.promise(() => server.stop())
        )
        const fake = yield* StatusPageTest.FakeStatusPage
        yield* Components.create({ name: "API", status: "operational" })
        // the production client reads the fake's settings as it would the environment's
        const environment = ConfigProvider.fromMap(
          new Map([
            ["BRIDGE_TOKEN", token],
            ["BRIDGE_PASSWORD", "grafana-pw"],
            ["STATUSPAGE_API_KEY", fake.apiKey],
            ["STATUSPAGE_PAGE_ID", fake.pageId],
            ["STATUSPAGE_BASE_URL", yield* StatusPageFakeServer.baseUrl]
          ])
        )
        const context = yield* Layer.build(BridgeServer.layer({ config: routes, port: 0, redis: redis.url })).pipe(
          Effect.withConfigProvider(environment)
        )
        const url = yield* BridgeServer.url.pipe(Effect.provide(context))
        const generic = { alerts: [{ status: "firing", labels: { team: "data", job: "API" } }] }
        assert.strictEqual((yield* post(`${url}/webhook/generic`, generic, `Bearer ${token}`)).status, 202)
        yield* eventually(fake, (s) => s.components.API === "partial_outage")
        const client = yield* Effect.acquireRelease(
          Effect.sync(() => new Redis(redis.url)),
          (c) => Effect.sync(() => c.disconnect())
        )
        const keys = yield* Effect.promise(() => client.keys("*"))
        assert.isAbove(keys.length, 0, "the limiter's budget lives in Redis")
      }).pipe(Effect.provide(StatusPageFakeServer.layerTest())),
    60_000
  )
})
