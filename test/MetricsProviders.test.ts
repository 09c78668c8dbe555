import { assert, describe, it } from "@effect/vitest"
import { MetricsProviders } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { PAGE_ID } from "./support/fixtures.js"
import { metricsProvider } from "./support/metricFixtures.js"
import { run as exchange } from "./support/RecordingHttpClient.js"

const DATADOG_KEY = "dd-api-4c1f9e77b0a2"
const DATADOG_APP_KEY = "dd-app-88e0c3d51a6f"

describe("MetricsProviders", () => {
  it.effect("list: GET …/metrics_providers (no paging), page_id decoded as a string", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(MetricsProviders.list(), [{ body: [metricsProvider()] }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics_providers`)
      assert.isTrue(result._tag === "Right" && result.right[0]!.page_id === PAGE_ID)
    })
  )

  it.effect("create: POST with the metrics_provider envelope; Redacted and plain credentials go out as strings", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        MetricsProviders.create({
          type: "Datadog",
          api_key: Redacted.make(DATADOG_KEY),
          application_key: DATADOG_APP_KEY,
          metric_base_uri: "https://api.datadoghq.com/api/v1"
        }),
        [{ status: 201, body: metricsProvider() }]
      )
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics_providers`)
      assert.deepStrictEqual(requests[0]!.json, {
        metrics_provider: {
          type: "Datadog",
          api_key: DATADOG_KEY,
          application_key: DATADOG_APP_KEY,
          metric_base_uri: "https://api.datadoghq.com/api/v1"
        }
      })
      assert.strictEqual(result._tag, "Right")
    })
  )

  it.effect("create: credentials the server echoes never reach the error", () =>
    Effect.gen(function* () {
      const echoed = `{"errors":{"api_key":["${DATADOG_KEY} is invalid"],"application_key":["${DATADOG_APP_KEY} unknown"]}}`
      const { result } = yield* exchange(
        MetricsProviders.create({
          type: "Datadog",
          api_key: Redacted.make(DATADOG_KEY),
          application_key: DATADOG_APP_KEY
        }),
        [{ status: 422, body: echoed, headers: { "x-request-id": `req-${DATADOG_APP_KEY}` } }]
      )
      assert.isTrue(result._tag === "Left")
      if (result._tag === "Left") {
        assert.strictEqual(result.left._tag, "ResourceError")
        const everything = JSON.stringify(result.left) + result.left.message + String(result.left)
        assert.notInclude(everything, DATADOG_KEY)
        assert.notInclude(everything, DATADOG_APP_KEY)
        assert.include(result.left.message, "<redacted> is invalid")
      }
    })
  )

  it.effect("create: a credential of the wrong type is refused without echoing it", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        MetricsProviders.create({ type: "Pingdom", api_token: { token: DATADOG_KEY } as any }),
        [{ status: 201, body: metricsProvider() }]
      )
      assert.strictEqual(requests.length, 0)
      assert.isTrue(result._tag === "Left")
      if (result._tag === "Left") {
        assert.include(result.left.message, "api_token")
        assert.notInclude(JSON.stringify(result.left) + result.left.message, DATADOG_KEY)
      }
    })
  )

  it.effect("get, update (PATCH), replace (PUT), delete", () =>
    Effect.gen(function* () {
      const get = yield* exchange(MetricsProviders.get("mp1"), [{ body: metricsProvider() }])
      assert.strictEqual(get.requests[0]!.method, "GET")
      assert.strictEqual(get.requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics_providers/mp1`)
      const patch = yield* exchange(MetricsProviders.update("mp1", { metric_base_uri: "https://x.example" }), [
        { body: metricsProvider() }
      ])
      assert.strictEqual(patch.requests[0]!.method, "PATCH")
      assert.deepStrictEqual(patch.requests[0]!.json, { metrics_provider: { metric_base_uri: "https://x.example" } })
      const put = yield* exchange(MetricsProviders.replace("mp1", { type: "Self" }), [{ body: metricsProvider() }])
      assert.strictEqual(put.requests[0]!.method, "PUT")
      assert.strictEqual(put.requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics_providers/mp1`)
      assert.deepStrictEqual(put.requests[0]!.json, { metrics_provider: { type: "Self" } })
      const del = yield* exchange(MetricsProviders.delete("mp1"), [{ body: metricsProvider({ disabled: true }) }])
      assert.strictEqual(del.requests[0]!.method, "DELETE")
      assert.isTrue(del.result._tag === "Right" && del.result.right.disabled)
    })
  )

  it.effect("update accepts only type and metric_base_uri", () =>
    Effect.gen(function* () {
      const { requests, result } = yield* exchange(MetricsProviders.update("mp1", { api_key: "k" } as any), [{}])
      assert.strictEqual(requests.length, 0)
      assert.isTrue(result._tag === "Left" && result.left._tag === "RequestError")
    })
  )
})
