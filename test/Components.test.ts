import { assert, describe, it } from "@effect/vitest"
import { Components, StatusPageClient } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { API_KEY, component, configLayer, PAGE_ID } from "./support/fixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"
import { refused, right } from "./support/recorded.js"

const run = RecordingHttpClient.run

describe("Components", () => {
  it.effect("list sends GET with paging params and the OAuth header, and decodes the array", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Components.list({ page: 2, per_page: 50 }), [
        { body: [component(), component({ id: "c2", status: "major_outage", description: "db" })] }
      ])
      assert.strictEqual(requests.length, 1)
      const req = requests[0]!
      assert.strictEqual(req.method, "GET")
      assert.strictEqual(req.url.origin, "https://api.statuspage.io")
      assert.strictEqual(req.target, `/v1/pages/${PAGE_ID}/components?page=2&per_page=50`)
      assert.strictEqual(req.headers.authorization, `OAuth ${API_KEY}`)
      assert.strictEqual(req.headers.accept, "application/json")
      assert.isFalse(req.url.href.includes(API_KEY))
      assert.isTrue(result._tag === "Right")
      if (result._tag === "Right") {
        assert.strictEqual(result.right.length, 2)
        assert.strictEqual(result.right[1]!.status, "major_outage")
        assert.strictEqual(result.right[1]!.description, "db")
      }
    })
  )

  it.effect("create wraps the body in the component envelope", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Components.create({ name: "API", status: "major_outage" }), [
        { status: 201, body: component({ status: "major_outage" }) }
      ])
      const req = requests[0]!
      assert.strictEqual(req.method, "POST")
      assert.strictEqual(req.target, `/v1/pages/${PAGE_ID}/components`)
      assert.strictEqual(req.headers["content-type"], "application/json")
      assert.deepStrictEqual(req.json, { component: { name: "API", status: "major_outage" } })
      assert.isTrue(result._tag === "Right")
    })
  )

  it.effect("update sends PATCH to the component and honours a per-call page id", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(Components.update("cmp 1", { status: "operational" }, { pageId: "other" }), [
        { body: component() }
      ])
      assert.strictEqual(requests[0]!.method, "PATCH")
      assert.strictEqual(requests[0]!.target, "/v1/pages/other/components/cmp%201")
      assert.deepStrictEqual(requests[0]!.json, { component: { status: "operational" } })
    })
  )

  it.effect("delete accepts 204 with no body", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Components.delete("abc"), [{ status: 204 }])
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/components/abc`)
      assert.deepStrictEqual(result._tag, "Right")
    })
  )

  it.effect("invalid input is a RequestError and nothing is sent", () =>
    Effect.gen(function* () {
      const bad = yield* run(Components.create({ name: "API", status: "down" as any }), [{ body: component() }])
      assert.strictEqual(bad.requests.length, 0)
      assert.isTrue(bad.result._tag === "Left")
      if (bad.result._tag === "Left") {
        assert.strictEqual(bad.result.left._tag, "RequestError")
        assert.strictEqual((bad.result.left as any).reason, "InvalidInput")
        assert.include(bad.result.left.message, "invalid input: status: Expected")
      }
      const typo = yield* run(Components.update("abc", { stauts: "operational" } as any), [{ body: component() }])
      assert.strictEqual(typo.requests.length, 0)
      assert.include(typo.result._tag === "Left" ? typo.result.left.message : "", "stauts")
      const traversal = yield* run(Components.get(".."), [{ body: component() }])
      assert.strictEqual(traversal.requests.length, 0)
      assert.include(traversal.result._tag === "Left" ? traversal.result.left.message : "", "component_id")
    })
  )
})

describe("Components: replace, uptime and page access", () => {
  it.effect("replace sends PUT with the component envelope", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Components.replace("ftgks51sfs2d", { name: "API v2", showcase: false }), [
        { body: component({ name: "API v2", showcase: false }) }
      ])
      const req = requests[0]!
      assert.strictEqual(req.method, "PUT")
      assert.strictEqual(req.target, `/v1/pages/${PAGE_ID}/components/ftgks51sfs2d`)
      assert.strictEqual(req.headers["content-type"], "application/json")
      assert.deepStrictEqual(req.json, { component: { name: "API v2", showcase: false } })
      assert.strictEqual(right(result).name, "API v2")
    })
  )

  it.effect("uptime sends GET to …/uptime and decodes related events as a list", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Components.uptime("ftgks51sfs2d"), [
        {
          body: {
            id: "ftgks51sfs2d",
            name: "API",
            range_start: "2024-04-14T00:00:00.000-06:00",
            range_end: "2024-05-14T00:00:00.000-06:00",
            uptime_percentage: 96.67,
            major_outage: 86400,
            partial_outage: 0,
            warnings: '["End date was adjusted to today. See range_end field in response for end date used."]',
            related_events: [{ id: "p31zjtct2jer" }, { id: "9rlgpbnjq0ll" }]
          }
        }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/components/ftgks51sfs2d/uptime`)
      assert.isUndefined(requests[0]!.body)
      const uptime = right(result)
      assert.strictEqual(uptime.uptime_percentage, 96.67)
      assert.strictEqual(uptime.major_outage, 86400)
      assert.deepStrictEqual(
        uptime.related_events?.map((e) => e.id),
        ["p31zjtct2jer", "9rlgpbnjq0ll"]
      )
    })
  )

  it.effect("uptime accepts related_events as one object (the spec's shape) and decodes it as a list", () =>
    Effect.gen(function* () {
      const { result } = yield* run(Components.uptime("ftgks51sfs2d"), [
        {
          body: {
            id: "ftgks51sfs2d",
            name: "API",
            range_start: "2024-04-14T00:00:00.000-06:00",
            range_end: "2024-05-14T00:00:00.000-06:00",
            uptime_percentage: 100,
            major_outage: 0,
            partial_outage: 0,
            related_events: { id: "p31zjtct2jer" }
          }
        }
      ])
      assert.deepStrictEqual(right(result).related_events, [{ id: "p31zjtct2jer" }])
    })
  )

  it.effect("addPageAccessUsers posts a form body with page_access_user_ids[] and no envelope", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Components.addPageAccessUsers("ftgks51sfs2d", { page_access_user_ids: ["pau1", "pau 2"] }),
        [{ status: 201, body: component() }]
      )
      const req = requests[0]!
      assert.strictEqual(req.method, "POST")
      assert.strictEqual(req.target, `/v1/pages/${PAGE_ID}/components/ftgks51sfs2d/page_access_users`)
      assert.strictEqual(req.headers["content-type"], "application/x-www-form-urlencoded")
      assert.isUndefined(req.json)
      const form = new URLSearchParams(req.body!)
      assert.deepStrictEqual([...form.keys()], ["page_access_user_ids[]", "page_access_user_ids[]"])
      assert.deepStrictEqual(form.getAll("page_access_user_ids[]"), ["pau1", "pau 2"])
      assert.strictEqual(right(result).id, "ftgks51sfs2d")
    })
  )

  it.effect("addPageAccessGroups posts bare page_access_group_ids as JSON and expects 201", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Components.addPageAccessGroups("ftgks51sfs2d", { page_access_group_ids: ["pag1"] }),
        [{ status: 201, body: component() }]
      )
      const req = requests[0]!
      assert.strictEqual(req.method, "POST")
      assert.strictEqual(req.target, `/v1/pages/${PAGE_ID}/components/ftgks51sfs2d/page_access_groups`)
      assert.strictEqual(req.headers["content-type"], "application/json")
      assert.deepStrictEqual(req.json, { page_access_group_ids: ["pag1"] })
      assert.strictEqual(right(result).name, "API")
    })
  )

  it.effect("removePageAccessUsers and removePageAccessGroups send DELETE with no body and decode the component", () =>
    Effect.gen(function* () {
      const users = yield* run(Components.removePageAccessUsers("ftgks51sfs2d"), [{ body: component() }])
      const groups = yield* run(Components.removePageAccessGroups("ftgks51sfs2d"), [{ body: component() }])
      for (const [{ result, requests }, tail] of [
        [users, "page_access_users"],
        [groups, "page_access_groups"]
      ] as const) {
        assert.strictEqual(requests[0]!.method, "DELETE")
        assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/components/ftgks51sfs2d/${tail}`)
        assert.isUndefined(requests[0]!.body)
        assert.strictEqual(right(result).id, "ftgks51sfs2d")
      }
    })
  )

  it.effect("an empty id list is refused before sending", () =>
    Effect.gen(function* () {
      const users = refused(
        yield* run(Components.addPageAccessUsers("c1", { page_access_user_ids: [] }), [{ body: component() }])
      )
      assert.deepStrictEqual(
        [users.sent, users.tag, users.reason, users.field],
        [0, "RequestError", "InvalidInput", "page_access_user_ids"]
      )
      const groups = refused(yield* run(Components.addPageAccessGroups("c1", {} as any), [{ body: component() }]))
      assert.deepStrictEqual([groups.sent, groups.reason, groups.field], [0, "InvalidInput", "page_access_group_ids"])
    })
  )
})

describe("StatusPageClient facade", () => {
  it.effect("binds every action of a group", () =>
    Effect.gen(function* () {
      const http = RecordingHttpClient.make([{ body: [component()] }])
      const client = yield* StatusPageClient.make.pipe(Effect.provide(Layer.merge(http.layer, configLayer())))
      const items = yield* client.components.list()
      assert.strictEqual(items[0]!.name, "API")
      assert.strictEqual(http.requests[0]!.target, `/v1/pages/${PAGE_ID}/components`)
    })
  )

  it("names each action after its group and export", () => {
    for (const [group, name, action] of StatusPageClient.actions()) {
      assert.strictEqual(action.endpoint.name, `${group}.${name}`)
    }
  })
})
