import { assert, describe, it } from "@effect/vitest"
import { PageAccessUsers } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { component, PAGE_ID } from "./support/fixtures.js"
import { metric, pageAccessUser } from "./support/pageAccessPayloads.js"
import { run } from "./support/RecordingHttpClient.js"
import { type WireCase, wireCases } from "./support/wireCases.js"

/** Expected wire formats, written from the digest (§1 bodies, §2 rows 5-22), not from the declarations. */
const base = `/v1/pages/${PAGE_ID}/page_access_users`
const user = `${base}/pau1`

const cases: ReadonlyArray<WireCase> = [
  {
    name: "list filters by email and pages with page/per_page",
    call: () => PageAccessUsers.list({ email: "a@b.co", page: 2, per_page: 100 }),
    answer: { body: [pageAccessUser()] },
    method: "GET",
    target: `${base}?email=a%40b.co&page=2&per_page=100`,
    json: undefined
  },
  {
    name: "create wraps the page_access_user envelope and accepts 200",
    call: () =>
      PageAccessUsers.create({ email: "a@b.co", page_access_group_ids: ["g1", "g2"], subscribe_to_components: true }),
    answer: { status: 200, body: pageAccessUser() },
    method: "POST",
    target: base,
    json: { page_access_user: { email: "a@b.co", page_access_group_ids: ["g1", "g2"], subscribe_to_components: true } }
  },
  {
    name: "get",
    call: () => PageAccessUsers.get("pau1"),
    answer: { body: pageAccessUser() },
    method: "GET",
    target: user,
    json: undefined
  },
  {
    name: "update sends PATCH with the curl sample's envelope",
    call: () => PageAccessUsers.update("pau1", { external_login: "uid-7" }),
    answer: { body: pageAccessUser() },
    method: "PATCH",
    target: user,
    json: { page_access_user: { external_login: "uid-7" } }
  },
  {
    name: "replace sends PUT with the same envelope",
    call: () => PageAccessUsers.replace("pau1", { page_access_group_ids: ["g3"] }),
    answer: { body: pageAccessUser() },
    method: "PUT",
    target: user,
    json: { page_access_user: { page_access_group_ids: ["g3"] } }
  },
  {
    name: "delete accepts 204",
    call: () => PageAccessUsers.delete("pau1"),
    answer: { status: 204 },
    method: "DELETE",
    target: user,
    json: undefined
  },
  {
    name: "listComponents",
    call: () => PageAccessUsers.listComponents("pau1", { per_page: 10 }),
    answer: { body: [component()] },
    method: "GET",
    target: `${user}/components?per_page=10`,
    json: undefined
  },
  {
    name: "setComponents is the POST (replace the set) with bare component_ids",
    call: () => PageAccessUsers.setComponents("pau1", { component_ids: ["c1", "c2"] }),
    answer: { status: 201, body: pageAccessUser() },
    method: "POST",
    target: `${user}/components`,
    json: { component_ids: ["c1", "c2"] }
  },
  {
    name: "addComponents is the PATCH",
    call: () => PageAccessUsers.addComponents("pau1", { component_ids: ["c3"] }),
    answer: { body: pageAccessUser() },
    method: "PATCH",
    target: `${user}/components`,
    json: { component_ids: ["c3"] }
  },
  {
    name: "addComponentsViaPut is the PUT",
    call: () => PageAccessUsers.addComponentsViaPut("pau1", { component_ids: ["c3"] }),
    answer: { body: pageAccessUser() },
    method: "PUT",
    target: `${user}/components`,
    json: { component_ids: ["c3"] }
  },
  {
    name: "removeComponents is a DELETE with a body",
    call: () => PageAccessUsers.removeComponents("pau1", { component_ids: ["c1"] }),
    answer: { body: pageAccessUser() },
    method: "DELETE",
    target: `${user}/components`,
    json: { component_ids: ["c1"] }
  },
  {
    name: "removeAllComponents is the same DELETE with no body",
    call: () => PageAccessUsers.removeAllComponents("pau1"),
    answer: { body: pageAccessUser() },
    method: "DELETE",
    target: `${user}/components`,
    json: undefined
  },
  {
    name: "removeComponent",
    call: () => PageAccessUsers.removeComponent("pau1", "c1"),
    answer: { body: pageAccessUser() },
    method: "DELETE",
    target: `${user}/components/c1`,
    json: undefined
  },
  {
    name: "listMetrics decodes a Metric array",
    call: () => PageAccessUsers.listMetrics("pau1", { page: 1 }),
    answer: { body: [metric()] },
    method: "GET",
    target: `${user}/metrics?page=1`,
    json: undefined
  },
  {
    name: "setMetrics is the POST (replace the set) with bare metric_ids",
    call: () => PageAccessUsers.setMetrics("pau1", { metric_ids: ["m1", "m2"] }),
    answer: { status: 201, body: pageAccessUser() },
    method: "POST",
    target: `${user}/metrics`,
    json: { metric_ids: ["m1", "m2"] }
  },
  {
    name: "addMetrics is the PATCH",
    call: () => PageAccessUsers.addMetrics("pau1", { metric_ids: ["m3"] }),
    answer: { body: pageAccessUser() },
    method: "PATCH",
    target: `${user}/metrics`,
    json: { metric_ids: ["m3"] }
  },
  {
    name: "addMetricsViaPut is the PUT",
    call: () => PageAccessUsers.addMetricsViaPut("pau1", { metric_ids: ["m3"] }),
    answer: { body: pageAccessUser() },
    method: "PUT",
    target: `${user}/metrics`,
    json: { metric_ids: ["m3"] }
  },
  {
    name: "removeMetrics is a DELETE with a body",
    call: () => PageAccessUsers.removeMetrics("pau1", { metric_ids: ["m1"] }),
    answer: { body: pageAccessUser() },
    method: "DELETE",
    target: `${user}/metrics`,
    json: { metric_ids: ["m1"] }
  },
  {
    name: "removeMetric",
    call: () => PageAccessUsers.removeMetric("pau1", "m 1"),
    answer: { body: pageAccessUser() },
    method: "DELETE",
    target: `${user}/metrics/m%201`,
    json: undefined
  }
]

describe("PageAccessUsers wire format", () => wireCases(cases))

describe("PageAccessUsers decoding and validation", () => {
  it.effect("page_access_group_ids decodes as a list of ids", () =>
    Effect.gen(function* () {
      const { result } = yield* run(PageAccessUsers.get("pau1"), [
        { body: pageAccessUser({ page_access_group_ids: ["g1", "g2"], external_login: "uid-7" }) }
      ])
      assert.strictEqual(result._tag, "Right")
      if (result._tag === "Right") {
        assert.deepStrictEqual(result.right.page_access_group_ids, ["g1", "g2"])
        assert.strictEqual(result.right.external_login, "uid-7")
      }
    })
  )

  it.effect("empty or missing id lists are rejected and nothing is sent", () =>
    Effect.gen(function* () {
      for (const call of [
        PageAccessUsers.removeComponents("pau1", { component_ids: [] as any }),
        PageAccessUsers.setComponents("pau1", {} as any),
        PageAccessUsers.addMetrics("pau1", { metric_ids: [""] as any }),
        PageAccessUsers.removeMetrics("pau1", { metric_ids: [] as any })
      ]) {
        const { result, requests } = yield* run(call, [{ body: pageAccessUser() }])
        assert.strictEqual(requests.length, 0)
        assert.isTrue(result._tag === "Left" && (result.left as any).reason === "InvalidInput")
      }
    })
  )

  it.effect("unknown fields are rejected (no accidental envelope-in-envelope)", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        PageAccessUsers.update("pau1", { page_access_user: { email: "x@y.z" } } as any),
        [{ body: pageAccessUser() }]
      )
      assert.strictEqual(requests.length, 0)
      assert.include(result._tag === "Left" ? String((result.left as any).message) : "", "page_access_user")
    })
  )

  it.effect("409 on create is a ResourceError Conflict", () =>
    Effect.gen(function* () {
      const { result } = yield* run(PageAccessUsers.create({ email: "a@b.co" }), [
        { status: 409, body: { error: "already exists" } }
      ])
      assert.isTrue(result._tag === "Left" && (result.left as any).reason === "Conflict")
    })
  )
})
