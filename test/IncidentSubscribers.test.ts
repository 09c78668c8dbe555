import { assert, describe, it } from "@effect/vitest"
import { IncidentSubscribers } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { PAGE_ID, subscriber } from "./support/fixtures.js"
import { run } from "./support/RecordingHttpClient.js"
import { refused, right } from "./support/recorded.js"

const base = `/v1/pages/${PAGE_ID}/incidents/p31zjtct2jer/subscribers`

describe("IncidentSubscribers", () => {
  it.effect("list sends GET under the incident with page and per_page", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(IncidentSubscribers.list("p31zjtct2jer", { page: 1, per_page: 20 }), [
        { body: [subscriber({ components: null })] }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `${base}?page=1&per_page=20`)
      assert.strictEqual(right(result)[0]!.email, "ops@example.com")
      assert.strictEqual(IncidentSubscribers.list.endpoint.paging, "page")
    })
  )

  it.effect("get and delete address the subscriber under the incident; delete returns it", () =>
    Effect.gen(function* () {
      const got = yield* run(IncidentSubscribers.get("p31zjtct2jer", "wxz6mz7rlj3n"), [{ body: subscriber() }])
      assert.strictEqual(got.requests[0]!.method, "GET")
      assert.strictEqual(got.requests[0]!.target, `${base}/wxz6mz7rlj3n`)
      assert.strictEqual(right(got.result).id, "wxz6mz7rlj3n")
      const deleted = yield* run(IncidentSubscribers.delete("p31zjtct2jer", "wxz6mz7rlj3n"), [{ body: subscriber() }])
      assert.strictEqual(deleted.requests[0]!.method, "DELETE")
      assert.strictEqual(deleted.requests[0]!.target, `${base}/wxz6mz7rlj3n`)
      assert.isUndefined(deleted.requests[0]!.body)
      assert.strictEqual(right(deleted.result).id, "wxz6mz7rlj3n")
    })
  )

  it.effect("create wraps email or phone in the subscriber envelope", () =>
    Effect.gen(function* () {
      const email = yield* run(
        IncidentSubscribers.create("p31zjtct2jer", { email: "ops@example.com", skip_confirmation_notification: true }),
        [{ status: 201, body: subscriber() }]
      )
      assert.strictEqual(email.requests[0]!.method, "POST")
      assert.strictEqual(email.requests[0]!.target, base)
      assert.strictEqual(email.requests[0]!.headers["content-type"], "application/json")
      assert.deepStrictEqual(email.requests[0]!.json, {
        subscriber: { email: "ops@example.com", skip_confirmation_notification: true }
      })
      assert.strictEqual(right(email.result).mode, "email")
      const sms = yield* run(
        IncidentSubscribers.create("p31zjtct2jer", { phone_country: "US", phone_number: "5555550100" }),
        [
          {
            status: 201,
            body: subscriber({ mode: "sms", email: null, phone_country: "US", phone_number: "5555550100" })
          }
        ]
      )
      assert.deepStrictEqual(sms.requests[0]!.json, { subscriber: { phone_country: "US", phone_number: "5555550100" } })
      assert.strictEqual(right(sms.result).phone_country, "US")
    })
  )

  it.effect("resendConfirmation posts no body and accepts 201 with none", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(IncidentSubscribers.resendConfirmation("p31zjtct2jer", "wxz6mz7rlj3n"), [
        { status: 201 }
      ])
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `${base}/wxz6mz7rlj3n/resend_confirmation`)
      assert.isUndefined(requests[0]!.body)
      assert.isUndefined(right(result))
      assert.isUndefined(IncidentSubscribers.resendConfirmation.endpoint.success)
    })
  )

  it.effect("create refuses what only page subscribers take, and a subscriber with no contact", () =>
    Effect.gen(function* () {
      const webhook = refused(
        yield* run(
          IncidentSubscribers.create("p31zjtct2jer", {
            email: "ops@example.com",
            endpoint: "https://hooks.example.com"
          } as any),
          [{ status: 201, body: subscriber() }]
        )
      )
      assert.deepStrictEqual([webhook.sent, webhook.reason, webhook.field], [0, "InvalidInput", "endpoint"])
      const components = refused(
        yield* run(
          IncidentSubscribers.create("p31zjtct2jer", { email: "a@example.com", component_ids: ["c1"] } as any),
          [{ status: 201, body: subscriber() }]
        )
      )
      assert.deepStrictEqual([components.sent, components.field], [0, "component_ids"])
      const nothing = refused(
        yield* run(IncidentSubscribers.create("p31zjtct2jer", { skip_confirmation_notification: true }), [
          { status: 201, body: subscriber() }
        ])
      )
      assert.deepStrictEqual([nothing.sent, nothing.tag, nothing.field], [0, "RequestError", "email"])
      const noIncident = refused(yield* run(IncidentSubscribers.list(""), [{ body: [] }]))
      assert.deepStrictEqual([noIncident.sent, noIncident.field], [0, "incident_id"])
    })
  )
})
