import { assert, describe, it } from "@effect/vitest"
import { PageAccessGroups } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { component, PAGE_ID } from "./support/fixtures.js"
import { pageAccessGroup } from "./support/pageAccessPayloads.js"
import { run } from "./support/RecordingHttpClient.js"
import { type WireCase, wireCases } from "./support/wireCases.js"

/** Expected wire formats, written from the digest (§1 bodies, §2 rows 23-34), not from the declarations. */
const base = `/v1/pages/${PAGE_ID}/page_access_groups`
const group = `${base}/pag1`

const cases: ReadonlyArray<WireCase> = [
  {
    name: "list pages with page/per_page",
    call: () => PageAccessGroups.list({ page: 3, per_page: 25 }),
    answer: { body: [pageAccessGroup()] },
    method: "GET",
    target: `${base}?page=3&per_page=25`,
    json: undefined
  },
  {
    name: "create wraps the page_access_group envelope",
    call: () => PageAccessGroups.create({ name: "Customers", component_ids: ["c1"], metric_ids: ["m1"] }),
    answer: { status: 201, body: pageAccessGroup() },
    method: "POST",
    target: base,
    json: { page_access_group: { name: "Customers", component_ids: ["c1"], metric_ids: ["m1"] } }
  },
  {
    name: "get",
    call: () => PageAccessGroups.get("pag1"),
    answer: { body: pageAccessGroup() },
    method: "GET",
    target: group,
    json: undefined
  },
  {
    name: "update sends PATCH in the envelope",
    call: () => PageAccessGroups.update("pag1", { external_identifier: "okta-42" }),
    answer: { body: pageAccessGroup() },
    method: "PATCH",
    target: group,
    json: { page_access_group: { external_identifier: "okta-42" } }
  },
  {
    name: "replace sends PUT in the envelope",
    call: () => PageAccessGroups.replace("pag1", { name: "Partners", page_access_user_ids: ["u1"] }),
    answer: { body: pageAccessGroup() },
    method: "PUT",
    target: group,
    json: { page_access_group: { name: "Partners", page_access_user_ids: ["u1"] } }
  },
  {
    name: "delete answers 200 with the deleted group",
    call: () => PageAccessGroups.delete("pag1"),
    answer: { body: pageAccessGroup() },
    method: "DELETE",
    target: group,
    json: undefined
  },
  {
    name: "listComponents",
    call: () => PageAccessGroups.listComponents("pag1"),
    answer: { body: [component()] },
    method: "GET",
    target: `${group}/components`,
    json: undefined
  },
  {
    name: "setComponents is the POST (replace the set) with bare component_ids",
    call: () => PageAccessGroups.setComponents("pag1", { component_ids: ["c1", "c2"] }),
    answer: { status: 201, body: pageAccessGroup() },
    method: "POST",
    target: `${group}/components`,
    json: { component_ids: ["c1", "c2"] }
  },
  {
    name: "addComponents is the PATCH",
    call: () => PageAccessGroups.addComponents("pag1", { component_ids: ["c3"] }),
    answer: { body: pageAccessGroup() },
    method: "PATCH",
    target: `${group}/components`,
    json: { component_ids: ["c3"] }
  },
  {
    name: "addComponentsViaPut is the PUT",
    call: () => PageAccessGroups.addComponentsViaPut("pag1", { component_ids: ["c3"] }),
    answer: { body: pageAccessGroup() },
    method: "PUT",
    target: `${group}/components`,
    json: { component_ids: ["c3"] }
  },
  {
    name: "removeComponents is a DELETE with a body",
    call: () => PageAccessGroups.removeComponents("pag1", { component_ids: ["c1"] }),
    answer: { body: pageAccessGroup() },
    method: "DELETE",
    target: `${group}/components`,
    json: { component_ids: ["c1"] }
  },
  {
    name: "removeComponent",
    call: () => PageAccessGroups.removeComponent("pag1", "c1"),
    answer: { body: pageAccessGroup() },
    method: "DELETE",
    target: `${group}/components/c1`,
    json: undefined
  }
]

describe("PageAccessGroups wire format", () => wireCases(cases))

describe("PageAccessGroups decoding and validation", () => {
  it.effect("decodes the id lists and a null external_identifier", () =>
    Effect.gen(function* () {
      const { result } = yield* run(PageAccessGroups.get("pag1"), [{ body: pageAccessGroup() }])
      assert.strictEqual(result._tag, "Right")
      if (result._tag === "Right") {
        assert.deepStrictEqual(result.right.component_ids, ["dg8fb9vf8jtr"])
        assert.deepStrictEqual(result.right.page_access_user_ids, ["w1cq8359wjkn"])
        assert.strictEqual(result.right.external_identifier, null)
      }
    })
  )

  it.effect("a create without a name, or a removal of nothing, is rejected and nothing is sent", () =>
    Effect.gen(function* () {
      for (const call of [
        PageAccessGroups.create({ component_ids: ["c1"] } as any),
        PageAccessGroups.removeComponents("pag1", { component_ids: [] as any }),
        PageAccessGroups.removeComponents("pag1", {} as any)
      ]) {
        const { result, requests } = yield* run(call, [{ body: pageAccessGroup() }])
        assert.strictEqual(requests.length, 0)
        assert.isTrue(result._tag === "Left" && (result.left as any).reason === "InvalidInput")
      }
    })
  )
})
