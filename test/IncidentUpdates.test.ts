import { assert, describe, it } from "@effect/vitest"
import { IncidentUpdates } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { PAGE_ID } from "./support/fixtures.js"
import { INCIDENT_ID, incidentUpdate } from "./support/incidentFixtures.js"
import { assertRejected, run } from "./support/RecordingHttpClient.js"

const path = `/v1/pages/${PAGE_ID}/incidents/${INCIDENT_ID}/incident_updates/gkjdpm52nm97`

describe("IncidentUpdates", () => {
  it.effect("update sends PATCH with the incident_update envelope and decodes the update", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        IncidentUpdates.update(INCIDENT_ID, "gkjdpm52nm97", {
          body: "Corrected wording.",
          display_at: "2024-06-07T01:00:00-05:00",
          deliver_notifications: false,
          wants_twitter_update: false
        }),
        [{ body: incidentUpdate({ body: "Corrected wording.", custom_tweet: "fixed" }) }]
      )
      assert.strictEqual(requests[0]!.method, "PATCH")
      assert.strictEqual(requests[0]!.target, path)
      assert.deepStrictEqual(requests[0]!.json, {
        incident_update: {
          body: "Corrected wording.",
          display_at: "2024-06-07T01:00:00-05:00",
          deliver_notifications: false,
          wants_twitter_update: false
        }
      })
      const update = Either.getOrThrow(result)
      assert.strictEqual(update.body, "Corrected wording.")
      assert.strictEqual(update.custom_tweet, "fixed")
      assert.strictEqual(update.tweet_id, null)
      assert.strictEqual(update.affected_components, null)
    })
  )

  it.effect("replace sends the same body as PUT", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(IncidentUpdates.replace(INCIDENT_ID, "gkjdpm52nm97", { body: "Again." }), [
        { body: incidentUpdate() }
      ])
      assert.strictEqual(requests[0]!.method, "PUT")
      assert.strictEqual(requests[0]!.target, path)
      assert.deepStrictEqual(requests[0]!.json, { incident_update: { body: "Again." } })
    })
  )

  it.effect("rejects a too-long body, a status (not editable here) and a bad id before sending", () =>
    Effect.gen(function* () {
      const ok = [{ body: incidentUpdate() }]
      assertRejected(yield* run(IncidentUpdates.update(INCIDENT_ID, "u1", { body: "b".repeat(25001) }), ok), "body")
      assertRejected(yield* run(IncidentUpdates.update(INCIDENT_ID, "u1", { status: "resolved" } as any), ok), "status")
      assertRejected(yield* run(IncidentUpdates.replace(INCIDENT_ID, "", {}), ok), "incident_update_id")
    })
  )
})
