import { assert, describe, it } from "@effect/vitest"
import { Raw } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { API_KEY, ORG_ID, PAGE_ID } from "./support/fixtures.js"
import { run as exchange } from "./support/RecordingHttpClient.js"

const INCIDENT = "/pages/{page_id}/incidents/{incident_id}"

describe("Raw.request", () => {
  it.effect("fills the template, sends the OAuth header and returns status, headers and the parsed JSON", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        Raw.request({ method: "GET", path: INCIDENT, ids: { incident_id: "inc 1" }, query: { a: 1, b: [true, "x"] } }),
        [{ body: { id: "inc 1", name: "Outage" }, headers: { "x-request-id": "req-1" } }]
      )
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.url.origin, "https://api.statuspage.io")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/incidents/inc%201?a=1&b=true&b=x`)
      assert.strictEqual(requests[0]!.headers.authorization, `OAuth ${API_KEY}`)
      assert.isTrue(result._tag === "Right")
      if (result._tag === "Right") {
        assert.strictEqual(result.right.status, 200)
        assert.strictEqual(result.right.headers["x-request-id"], "req-1")
        assert.deepStrictEqual(result.right.body, { id: "inc 1", name: "Outage" })
      }
    })
  )

  it.effect("sends a JSON body, honours pageId and organization scope, and returns text or nothing", () =>
    Effect.gen(function* () {
      const post = yield* exchange(
        Raw.request({
          method: "POST",
          path: "/pages/{page_id}/components",
          body: { component: { name: "x" } },
          pageId: "p9"
        }),
        [{ status: 201, body: "created", headers: { "content-type": "text/plain" } }]
      )
      assert.strictEqual(post.requests[0]!.target, "/v1/pages/p9/components")
      assert.strictEqual(post.requests[0]!.headers["content-type"], "application/json")
      assert.deepStrictEqual(post.requests[0]!.json, { component: { name: "x" } })
      assert.isTrue(
        post.result._tag === "Right" && post.result.right.body === "created" && post.result.right.status === 201
      )
      const del = yield* exchange(
        Raw.request({
          method: "DELETE",
          path: "/organizations/{organization_id}/users/{user_id}",
          ids: { user_id: "u1" }
        }),
        [{ status: 204 }]
      )
      assert.strictEqual(del.requests[0]!.target, `/v1/organizations/${ORG_ID}/users/u1`)
      assert.isTrue(del.result._tag === "Right" && del.result.right.body === undefined)
    })
  )

  it.effect("decodes with a success schema; a mismatch is ServerError Decode with the path", () =>
    Effect.gen(function* () {
      const Thing = Schema.Struct({ id: Schema.String, count: Schema.Number })
      const ok = yield* exchange(Raw.request({ method: "GET", path: "/pages/{page_id}", success: Thing }), [
        { body: { id: "a", count: 2, extra: true } }
      ])
      assert.isTrue(ok.result._tag === "Right")
      if (ok.result._tag === "Right") assert.deepStrictEqual(ok.result.right.body, { id: "a", count: 2 })
      const bad = yield* exchange(Raw.request({ method: "GET", path: "/pages/{page_id}", success: Thing }), [
        { body: { id: "a", count: "2" } }
      ])
      assert.isTrue(bad.result._tag === "Left")
      if (bad.result._tag === "Left") {
        assert.strictEqual(bad.result.left._tag, "ServerError")
        assert.strictEqual((bad.result.left as any).reason, "Decode")
        assert.strictEqual((bad.result.left as any).path, "count")
        assert.strictEqual((bad.result.left as any).urlTemplate, "/pages/{page_id}")
      }
    })
  )

  it.effect("a JSON content type with a body that is not JSON is ServerError Decode", () =>
    Effect.gen(function* () {
      const { result } = yield* exchange(Raw.request({ method: "GET", path: "/pages" }), [
        { body: "{oops", headers: { "content-type": "application/json; charset=utf-8" } }
      ])
      assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError" && result.left.reason === "Decode")
    })
  )

  it.effect("non-2xx answers map to the same errors as actions, naming the template", () =>
    Effect.gen(function* () {
      const { result } = yield* exchange(Raw.request({ method: "GET", path: INCIDENT, ids: { incident_id: "nope" } }), [
        { status: 404, body: { error: "Not found" } }
      ])
      assert.isTrue(result._tag === "Left")
      if (result._tag === "Left") {
        assert.strictEqual(result.left._tag, "ResourceError")
        assert.strictEqual((result.left as any).urlTemplate, INCIDENT)
        assert.notInclude(result.left.message, "nope")
      }
    })
  )

  it.effect("secrets given to the request are kept out of errors", () =>
    Effect.gen(function* () {
      const token = "pd-token-1f2e3d4c"
      const { result } = yield* exchange(
        Raw.request({
          method: "POST",
          path: "/pages/{page_id}/metrics_providers",
          body: { metrics_provider: { type: "Pingdom", api_token: token } },
          secrets: [Redacted.make(token)]
        }),
        [{ status: 422, body: { error: `api_token ${token} rejected` } }]
      )
      assert.isTrue(result._tag === "Left")
      if (result._tag === "Left") assert.notInclude(JSON.stringify(result.left) + result.left.message, token)
    })
  )

  it.effect("bad templates, ids and bodies are InvalidInput and nothing is sent", () =>
    Effect.gen(function* () {
      const attempts = [
        Raw.request({ method: "GET", path: "pages/{page_id}" }),
        Raw.request({ method: "GET", path: "/pages/{page_id}/../admin" }),
        Raw.request({ method: "GET", path: "/pages//x" }),
        Raw.request({ method: "GET", path: "/pages/{page_id}?api_key=x" }),
        Raw.request({ method: "GET", path: "https://evil.example/x" }),
        Raw.request({ method: "GET", path: INCIDENT, ids: { incident_id: "../../x" } }),
        Raw.request({ method: "GET", path: INCIDENT, ids: { incident_id: "" } }),
        Raw.request({ method: "GET", path: INCIDENT, ids: {} as any }),
        Raw.request({ method: "GET", path: INCIDENT, ids: { incident_id: "a", incdent_id: "b" } as any }),
        Raw.request({ method: "POST", path: "/pages", body: { n: 1n } })
      ]
      for (const attempt of attempts) {
        const { result, requests } = yield* exchange(attempt, [{ body: {} }])
        assert.strictEqual(requests.length, 0)
        assert.isTrue(result._tag === "Left")
        if (result._tag === "Left") {
          assert.strictEqual(result.left._tag, "RequestError")
          assert.strictEqual((result.left as any).reason, "InvalidInput")
        }
      }
    })
  )

  it.effect("an organization path without an organization id is a ConfigurationError", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        Raw.request({ method: "GET", path: "/organizations/{organization_id}/users" }),
        [{ body: [] }],
        { organizationId: undefined }
      )
      assert.strictEqual(requests.length, 0)
      assert.isTrue(result._tag === "Left" && result.left._tag === "ConfigurationError")
    })
  )
})
