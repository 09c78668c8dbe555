import { assert, describe, it } from "@effect/vitest"
import { IncidentTemplates } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { PAGE_ID } from "./support/fixtures.js"
import { incidentTemplate } from "./support/incidentFixtures.js"
import { assertRejected, run } from "./support/RecordingHttpClient.js"

const path = `/v1/pages/${PAGE_ID}/incident_templates`

describe("IncidentTemplates", () => {
  it.effect("list sends page and per_page and decodes templates", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(IncidentTemplates.list({ page: 2, per_page: 25 }), [
        {
          body: [
            incidentTemplate(),
            incidentTemplate({ id: "t2", update_status: null, group_id: "g1", components: [] })
          ]
        }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.url.pathname, path)
      assert.deepStrictEqual(Object.fromEntries(requests[0]!.url.searchParams), { page: "2", per_page: "25" })
      const [first, second] = Either.getOrThrow(result)
      assert.strictEqual(first!.update_status, "investigating")
      assert.strictEqual(first!.components[0]!.start_date, "2024-05-14")
      assert.strictEqual(second!.update_status, null)
      assert.strictEqual(second!.group_id, "g1")
    })
  )

  it.effect("create sends POST with the template envelope", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        IncidentTemplates.create({
          name: "Database degraded",
          title: "Degraded database performance",
          body: "We are looking into it.",
          update_status: "investigating",
          component_ids: ["ftgks51sfs2d"],
          should_send_notifications: true
        }),
        [{ status: 201, body: incidentTemplate() }]
      )
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, path)
      assert.deepStrictEqual(requests[0]!.json, {
        template: {
          name: "Database degraded",
          title: "Degraded database performance",
          body: "We are looking into it.",
          update_status: "investigating",
          component_ids: ["ftgks51sfs2d"],
          should_send_notifications: true
        }
      })
      assert.strictEqual(Either.getOrThrow(result).id, "tmpl8k2m9x1q")
    })
  )

  it.effect("name, title and body are required; enums and limits are checked before sending", () =>
    Effect.gen(function* () {
      const ok = [{ status: 201, body: incidentTemplate() }]
      assertRejected(yield* run(IncidentTemplates.create({ name: "n", title: "t" } as any), ok), "body")
      assertRejected(yield* run(IncidentTemplates.create({ name: "n", body: "b" } as any), ok), "title")
      assertRejected(
        yield* run(IncidentTemplates.create({ name: "n", title: "t".repeat(256), body: "b" }), ok),
        "title"
      )
      assertRejected(
        yield* run(IncidentTemplates.create({ name: "n", title: "t", body: "b", update_status: "fixed" as any }), ok),
        "update_status"
      )
    })
  )
})
