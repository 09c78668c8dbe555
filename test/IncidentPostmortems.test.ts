import { assert, describe, it } from "@effect/vitest"
import { IncidentPostmortems } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { PAGE_ID } from "./support/fixtures.js"
import { INCIDENT_ID, postmortem } from "./support/incidentFixtures.js"
import { assertRejected, run } from "./support/RecordingHttpClient.js"

const path = `/v1/pages/${PAGE_ID}/incidents/${INCIDENT_ID}/postmortem`

describe("IncidentPostmortems", () => {
  it.effect("get sends GET and decodes a draft with nulls", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(IncidentPostmortems.get(INCIDENT_ID), [{ body: postmortem() }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, path)
      const got = Either.getOrThrow(result)
      assert.strictEqual(got.body, null)
      assert.strictEqual(got.published_at, null)
      assert.strictEqual(got.body_draft_updated_at, "2024-06-08T09:15:00.120-05:00")
    })
  )

  it.effect("saveDraft sends PUT with {postmortem: {body_draft}}", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(IncidentPostmortems.saveDraft(INCIDENT_ID, { body_draft: "Root cause: …" }), [
        { body: postmortem({ body_draft: "Root cause: …" }) }
      ])
      assert.strictEqual(requests[0]!.method, "PUT")
      assert.strictEqual(requests[0]!.target, path)
      assert.deepStrictEqual(requests[0]!.json, { postmortem: { body_draft: "Root cause: …" } })
    })
  )

  it.effect("publish sends PUT …/publish with the announcement options", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        IncidentPostmortems.publish(INCIDENT_ID, { notify_subscribers: true, notify_twitter: false }),
        [{ body: postmortem({ body: "Root cause.", published_at: "2024-06-09T15:00:00Z", notify_subscribers: true }) }]
      )
      assert.strictEqual(requests[0]!.method, "PUT")
      assert.strictEqual(requests[0]!.target, `${path}/publish`)
      assert.deepStrictEqual(requests[0]!.json, { postmortem: { notify_subscribers: true, notify_twitter: false } })
      assert.strictEqual(Either.getOrThrow(result).published_at, "2024-06-09T15:00:00Z")
      const bare = yield* run(IncidentPostmortems.publish(INCIDENT_ID), [{ body: postmortem() }])
      assert.deepStrictEqual(bare.requests[0]!.json, { postmortem: {} })
    })
  )

  it.effect("revert sends PUT …/revert with no body", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(IncidentPostmortems.revert(INCIDENT_ID), [{ body: postmortem() }])
      assert.strictEqual(requests[0]!.method, "PUT")
      assert.strictEqual(requests[0]!.target, `${path}/revert`)
      assert.strictEqual(requests[0]!.body, undefined)
      assert.isTrue(Either.isRight(result))
    })
  )

  it.effect("delete sends DELETE and accepts 204 with no body", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(IncidentPostmortems.delete(INCIDENT_ID), [{ status: 204 }])
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.target, path)
      assert.isTrue(Either.isRight(result))
    })
  )

  it.effect("a draft without body_draft, or with a wrong type, is rejected before sending", () =>
    Effect.gen(function* () {
      const ok = [{ body: postmortem() }]
      assertRejected(yield* run(IncidentPostmortems.saveDraft(INCIDENT_ID, {} as any), ok), "body_draft")
      assertRejected(
        yield* run(IncidentPostmortems.publish(INCIDENT_ID, { notify_subscribers: "yes" } as any), ok),
        "notify_subscribers"
      )
    })
  )
})
