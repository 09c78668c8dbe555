/**
 * The bridge under a burst: 500 alerts over 25 components arrive in 50 webhooks within a second, against the fake
 * Statuspage with its rate limit on and the client's limiter in front. Counts the requests the page received, the
 * writes among them and the rejections (420), and the time from the first webhook to the last write.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { Bridge, type BridgeAlert, BridgeConfig, BridgePublisher } from "@effect-statuspage/bridge"
import { Components, Policies, StatusPageConfig } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"

export interface Scenario {
  readonly label: string
  /** Route the alerts to incidents (5 keys, 5 components each) or to component statuses only. */
  readonly incidents: boolean
  readonly limit: number
  readonly windowMillis: number
}

export interface Figures extends Scenario {
  readonly alerts: number
  readonly requests: number
  readonly writes: number
  readonly rejections: number
  readonly millis: number
  readonly coalesced: number
}

const routes = Either.getOrThrow(
  BridgeConfig.parse(`
routes:
  - name: incidents
    match: { service: api }
    components: ["{{ labels.component }}"]
    status: { critical: major_outage, default: degraded_performance }
    incident: { name: "{{ labels.alertname }}", impact: { critical: major, default: minor } }
    key: "{{ labels.alertname }}"
  - name: components
    match: { service: jobs }
    components: ["{{ labels.component }}"]
    status: { critical: major_outage, default: degraded_performance }
`)
)

export const componentNames = Array.from({ length: 25 }, (_, i) => `C${String(i).padStart(2, "0")}`)

/** 500 alerts, 20 per component; alert name k covers components 5k..5k+4. In 50 notifications of 10. */
export const notifications = (incidents: boolean): ReadonlyArray<BridgeAlert.Notification> =>
  Array.from({ length: 50 }, (_, n) => ({
    format: "alertmanager" as const,
    groupKey: `burst-${n}`,
    alerts: Array.from({ length: 10 }, (_, j) => {
      const i = n * 10 + j
      const component = i % 25
      return {
        status: "firing" as const,
        fingerprint: `a${i}`,
        labels: {
          service: incidents ? "api" : "jobs",
          alertname: `A${Math.floor(component / 5)}`,
          component: componentNames[component]!,
          severity: i % 3 === 0 ? "critical" : "warning"
        },
        annotations: {},
        startsAt: undefined,
        endsAt: undefined
      }
    })
  }))

export const run = (scenario: Scenario): Promise<Figures> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.make()
      const page = Layer.merge(
        Policies.layer({ rateLimit: { limit: scenario.limit, window: scenario.windowMillis, margin: 0 } }).pipe(
          Layer.provide(Layer.succeed(HttpClient.HttpClient, StatusPageTest.httpClient(fake)))
        ),
        Layer.effect(StatusPageConfig.StatusPageConfig, StatusPageTest.config(fake))
      )
      return yield* Effect.gen(function* () {
        for (const name of componentNames) yield* Components.create({ name, status: "operational" })
        yield* fake.setRateLimit({ limit: scenario.limit, window: scenario.windowMillis, status: 420 })
        yield* fake.clearRequests
        const started = Date.now()
        const coalesced = yield* Effect.scoped(
          Effect.gen(function* () {
            const bridge = yield* Bridge.make(routes, { ...Bridge.fromConfig(routes), settleMillis: 200 })
            for (const notification of notifications(scenario.incidents)) yield* bridge.ingest(notification)
            yield* bridge.awaitIdle
            const metrics = yield* bridge.metrics
            return Number(/statuspage_bridge_coalesced_total (\d+)/.exec(metrics)?.[1] ?? Number.NaN)
          })
        ).pipe(Effect.provide(BridgePublisher.layer))
        const millis = Date.now() - started
        const requests = yield* fake.requests
        return {
          ...scenario,
          alerts: 500,
          requests: requests.length,
          writes: requests.filter((r) => r.method !== "GET").length,
          rejections: requests.filter((r) => r.status === 420 || r.status === 429).length,
          millis,
          coalesced
        }
      }).pipe(Effect.provide(page))
    })
  )

export const scenarios: ReadonlyArray<Scenario> = [
  { label: "component statuses, real limit (60/60 s)", incidents: false, limit: 60, windowMillis: 60_000 },
  { label: "5 incidents, real limit (60/60 s)", incidents: true, limit: 60, windowMillis: 60_000 },
  { label: "component statuses, scaled limit (10/1 s)", incidents: false, limit: 10, windowMillis: 1_000 }
]
