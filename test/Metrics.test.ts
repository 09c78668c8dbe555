import { assert, describe, it } from "@effect/vitest"
import { Metrics } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { PAGE_ID } from "./support/fixtures.js"
import { metric } from "./support/metricFixtures.js"
import { run as exchange } from "./support/RecordingHttpClient.js"
import { right } from "./support/recorded.js"

describe("Metrics", () => {
  it.effect("list: GET …/metrics with page/per_page, decodes an array although the spec says one Metric", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.list({ page: 1, per_page: 100 }), [
        { body: [metric(), metric({ id: "m2", name: "Errors" })] }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics?page=1&per_page=100`)
      const items = right(result)
      assert.deepStrictEqual(
        items.map((m) => m.name),
        ["API latency", "Errors"]
      )
      assert.strictEqual(items[0]!.y_axis_max, 1500.5)
    })
  )

  it.effect("get: GET …/metrics/{metric_id}", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.get("m1"), [{ body: metric() }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics/m1`)
      assert.strictEqual(requests[0]!.body, undefined)
      assert.strictEqual(right(result).metric_identifier, "api.latency.p95")
    })
  )

  it.effect("update and replace: PATCH and PUT with the metric envelope", () =>
    Effect.gen(function* () {
      const patched = yield* exchange(Metrics.update("m1", { name: "Latency" }), [{ body: metric() }])
      assert.strictEqual(patched.requests[0]!.method, "PATCH")
      assert.strictEqual(patched.requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics/m1`)
      assert.deepStrictEqual(patched.requests[0]!.json, { metric: { name: "Latency" } })
      const put = yield* exchange(Metrics.replace("m1", { name: "Latency", metric_identifier: "lat" }), [
        { body: metric() }
      ])
      assert.strictEqual(put.requests[0]!.method, "PUT")
      assert.deepStrictEqual(put.requests[0]!.json, { metric: { name: "Latency", metric_identifier: "lat" } })
      assert.strictEqual(put.result._tag, "Right")
    })
  )

  it.effect("update rejects fields only create accepts, and sends nothing", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.update("m1", { suffix: "ms" } as any), [{ body: metric() }])
      assert.strictEqual(requests.length, 0)
      assert.isTrue(
        result._tag === "Left" && result.left._tag === "RequestError" && result.left.reason === "InvalidInput"
      )
    })
  )

  it.effect("delete: DELETE …/metrics/{metric_id} returns the deleted metric (200)", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.delete("m1"), [{ body: metric() }])
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics/m1`)
      assert.strictEqual(right(result).id, "m1xkqz0b7dpn")
    })
  )

  it.effect("listForProvider: GET …/metrics_providers/{id}/metrics, an array", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.listForProvider("mp 1", { per_page: 10 }), [
        { body: [metric()] }
      ])
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics_providers/mp%201/metrics?per_page=10`)
      assert.strictEqual(right(result).length, 1)
    })
  )

  it.effect("create: POST …/metrics_providers/{id}/metrics with the metric envelope, 201", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        Metrics.create("mp1", {
          name: "API latency",
          metric_identifier: "api.latency.p95",
          transform: "average",
          y_axis_min: 0,
          y_axis_max: 2000,
          decimal_places: 1
        }),
        [{ status: 201, body: metric() }]
      )
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics_providers/mp1/metrics`)
      assert.strictEqual(requests[0]!.headers["content-type"], "application/json")
      assert.deepStrictEqual(requests[0]!.json, {
        metric: {
          name: "API latency",
          metric_identifier: "api.latency.p95",
          transform: "average",
          y_axis_min: 0,
          y_axis_max: 2000,
          decimal_places: 1
        }
      })
      assert.strictEqual(result._tag, "Right")
    })
  )

  it.effect("deleteAllData: DELETE …/metrics/{metric_id}/data returns the metric", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.deleteAllData("m1"), [{ body: metric() }])
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics/m1/data`)
      assert.strictEqual(right(result).name, "API latency")
    })
  )

  it.effect("submitData: POST …/metrics/{metric_id}/data with data: {timestamp, value}", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.submitData("m1", { timestamp: 1715718150, value: 6.25 }), [
        { status: 201, body: { data: { timestamp: 1715718150, value: 6.25 } } }
      ])
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics/m1/data`)
      assert.deepStrictEqual(requests[0]!.json, { data: { timestamp: 1715718150, value: 6.25 } })
      assert.deepStrictEqual(right(result), { data: { timestamp: 1715718150, value: 6.25 } })
    })
  )

  it.effect("submitData rejects a fractional timestamp before sending", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.submitData("m1", { timestamp: 1.5, value: 1 }), [{}])
      assert.strictEqual(requests.length, 0)
      assert.include(result._tag === "Left" ? result.left.message : "", "invalid input: timestamp: Expected an integer")
    })
  )

  it.effect("submitData refuses a value JSON cannot carry (NaN, Infinity) before sending", () =>
    Effect.gen(function* () {
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const { result, requests } = yield* exchange(Metrics.submitData("m1", { timestamp: 1715718150, value }), [{}])
        assert.strictEqual(requests.length, 0)
        assert.include(result._tag === "Left" ? result.left.message : "", "invalid input: value")
      }
    })
  )

  it.effect("submitBulkData: POST …/metrics/data with data keyed by metric id, 202", () =>
    Effect.gen(function* () {
      const points = {
        m1: [
          { timestamp: 1715718000, value: 1 },
          { timestamp: 1715718030, value: 2.5 }
        ],
        m2: [{ timestamp: 1715718000, value: 0 }]
      }
      const { result, requests } = yield* exchange(Metrics.submitBulkData(points), [{ status: 202, body: points }])
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/metrics/data`)
      assert.deepStrictEqual(requests[0]!.json, {
        data: {
          m1: [
            { timestamp: 1715718000, value: 1 },
            { timestamp: 1715718030, value: 2.5 }
          ],
          m2: [{ timestamp: 1715718000, value: 0 }]
        }
      })
      assert.deepStrictEqual(right(result), points)
    })
  )

  it.effect("submitBulkData without any metric is refused before sending", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.submitBulkData({}), [{ status: 202, body: {} }])
      assert.strictEqual(requests.length, 0)
      assert.include(result._tag === "Left" ? result.left.message : "", "at least one metric id")
    })
  )

  it.effect("listAvailable: GET /metrics_providers (no page), declared deprecated", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Metrics.listAvailable(), [
        { body: [{ type: "Pingdom" }, { type: "Datadog", requires: ["api_key"] }] }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, "/v1/metrics_providers")
      assert.strictEqual(right(result).length, 2)
      assert.isString(Metrics.listAvailable.endpoint.deprecated)
      assert.isUndefined(Metrics.list.endpoint.deprecated)
    })
  )
})
