import { assert, describe, it } from "@effect/vitest"
import { ComponentGroups } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { group, PAGE_ID } from "./support/fixtures.js"
import { run } from "./support/RecordingHttpClient.js"
import { refused, right } from "./support/recorded.js"

describe("ComponentGroups", () => {
  it.effect("list sends GET to the hyphenated path with page and per_page, and decodes groups", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(ComponentGroups.list({ page: 1, per_page: 100 }), [
        { body: [group(), group({ id: "g2", description: null, components: ["c3"] })] }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/component-groups?page=1&per_page=100`)
      const groups = right(result)
      assert.deepStrictEqual(groups[0]!.components, ["ftgks51sfs2d", "8kbf7d35c070"])
      assert.strictEqual(groups[0]!.position, 2)
      assert.isNull(groups[1]!.description)
      assert.strictEqual(ComponentGroups.list.endpoint.paging, "page")
    })
  )

  it.effect("get, delete and uptime address the group by {id}", () =>
    Effect.gen(function* () {
      const got = yield* run(ComponentGroups.get("r6qmcd0cx8dh"), [{ body: group() }])
      assert.strictEqual(got.requests[0]!.method, "GET")
      assert.strictEqual(got.requests[0]!.target, `/v1/pages/${PAGE_ID}/component-groups/r6qmcd0cx8dh`)
      assert.strictEqual(right(got.result).name, "Backend")

      const deleted = yield* run(ComponentGroups.delete("r6qmcd0cx8dh"), [{ body: group() }])
      assert.strictEqual(deleted.requests[0]!.method, "DELETE")
      assert.strictEqual(deleted.requests[0]!.target, `/v1/pages/${PAGE_ID}/component-groups/r6qmcd0cx8dh`)
      assert.isUndefined(deleted.requests[0]!.body)
      assert.strictEqual(right(deleted.result).id, "r6qmcd0cx8dh")

      const uptime = yield* run(ComponentGroups.uptime("r6qmcd0cx8dh"), [
        {
          body: {
            id: "r6qmcd0cx8dh",
            name: "Backend",
            range_start: "2024-04-14T00:00:00Z",
            range_end: "2024-05-14T00:00:00Z",
            uptime_percentage: 99.5,
            major_outage: 0,
            partial_outage: 12960,
            warnings: null,
            related_events: [{ component_id: "ftgks51sfs2d", incidents: [{ id: "p31zjtct2jer" }] }]
          }
        }
      ])
      assert.strictEqual(uptime.requests[0]!.target, `/v1/pages/${PAGE_ID}/component-groups/r6qmcd0cx8dh/uptime`)
      const report = right(uptime.result)
      assert.strictEqual(report.partial_outage, 12960)
      assert.deepStrictEqual(report.related_events, [
        { component_id: "ftgks51sfs2d", incidents: [{ id: "p31zjtct2jer" }] }
      ])
    })
  )

  it.effect("create puts name and components in the component_group envelope and description beside it", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        ComponentGroups.create({
          name: "Backend",
          components: ["ftgks51sfs2d", "8kbf7d35c070"],
          description: "Servers behind the API"
        }),
        [{ status: 201, body: group() }]
      )
      const req = requests[0]!
      assert.strictEqual(req.method, "POST")
      assert.strictEqual(req.target, `/v1/pages/${PAGE_ID}/component-groups`)
      assert.strictEqual(req.headers["content-type"], "application/json")
      assert.deepStrictEqual(req.json, {
        component_group: { name: "Backend", components: ["ftgks51sfs2d", "8kbf7d35c070"] },
        description: "Servers behind the API"
      })
      assert.strictEqual(right(result).id, "r6qmcd0cx8dh")
    })
  )

  it.effect("update (PATCH) and replace (PUT) send the same split body; no description means none on the wire", () =>
    Effect.gen(function* () {
      const input = { name: "Core", components: ["ftgks51sfs2d"] }
      const patched = yield* run(ComponentGroups.update("r6qmcd0cx8dh", input), [{ body: group({ name: "Core" }) }])
      const put = yield* run(ComponentGroups.replace("r6qmcd0cx8dh", input), [{ body: group({ name: "Core" }) }])
      for (const [{ result, requests }, method] of [
        [patched, "PATCH"],
        [put, "PUT"]
      ] as const) {
        assert.strictEqual(requests[0]!.method, method)
        assert.strictEqual(requests[0]!.target, `/v1/pages/${PAGE_ID}/component-groups/r6qmcd0cx8dh`)
        assert.deepStrictEqual(requests[0]!.json, { component_group: { name: "Core", components: ["ftgks51sfs2d"] } })
        assert.strictEqual(right(result).name, "Core")
      }
    })
  )

  it.effect("a group without components, without a name or with unknown fields is refused before sending", () =>
    Effect.gen(function* () {
      const empty = refused(yield* run(ComponentGroups.create({ name: "Empty", components: [] }), [{ body: group() }]))
      assert.deepStrictEqual(
        [empty.sent, empty.tag, empty.reason, empty.field],
        [0, "RequestError", "InvalidInput", "components"]
      )
      const nameless = refused(
        yield* run(ComponentGroups.update("r6qmcd0cx8dh", { components: ["c1"] } as any), [{ body: group() }])
      )
      assert.deepStrictEqual([nameless.sent, nameless.field], [0, "name"])
      const typo = refused(
        yield* run(ComponentGroups.create({ name: "B", components: ["c1"], descripton: "x" } as any), [
          { body: group() }
        ])
      )
      assert.deepStrictEqual([typo.sent, typo.field], [0, "descripton"])
    })
  )

  it.effect("a group whose components come back as a string is a decode error naming the field", () =>
    Effect.gen(function* () {
      const { result } = yield* run(ComponentGroups.get("r6qmcd0cx8dh"), [{ body: group({ components: "c1" }) }])
      assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError")
      if (result._tag === "Left" && result.left._tag === "ServerError") {
        assert.strictEqual(result.left.reason, "Decode")
        assert.strictEqual(result.left.path, "components")
      }
    })
  )
})
