import { assert, describe, it } from "@effect/vitest"
import { Subscribers } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { PAGE_ID, subscriber } from "./support/fixtures.js"
import { run } from "./support/RecordingHttpClient.js"
import { refused, right } from "./support/recorded.js"

const base = `/v1/pages/${PAGE_ID}/subscribers`
const query = (url: URL) => Object.fromEntries(url.searchParams)

describe("Subscribers: reading", () => {
  it.effect("list sends every filter, 0-based page and limit, and decodes subscribers", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Subscribers.list({
          q: "ops",
          type: "email",
          state: "all",
          limit: 25,
          page: 0,
          sort_field: "created_at",
          sort_direction: "desc"
        }),
        [{ body: [subscriber(), subscriber({ id: "s2", mode: "sms", email: null, phone_number: "5555550100" })] }]
      )
      const req = requests[0]!
      assert.strictEqual(req.method, "GET")
      assert.strictEqual(req.url.pathname, base)
      assert.deepStrictEqual(query(req.url), {
        q: "ops",
        type: "email",
        state: "all",
        limit: "25",
        page: "0",
        sort_field: "created_at",
        sort_direction: "desc"
      })
      const items = right(result)
      assert.deepStrictEqual(items[0]!.components, ["ftgks51sfs2d"])
      assert.strictEqual(items[1]!.phone_number, "5555550100")
      assert.strictEqual(Subscribers.list.endpoint.paging, "offset")
    })
  )

  it.effect("list with no input sends no query string", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(Subscribers.list(), [{ body: [] }])
      assert.strictEqual(requests[0]!.target, base)
    })
  )

  it.effect("get sends GET to the subscriber", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Subscribers.get("wxz6mz7rlj3n"), [{ body: subscriber() }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `${base}/wxz6mz7rlj3n`)
      assert.strictEqual(right(result).email, "ops@example.com")
    })
  )

  it.effect("listUnsubscribed pages with 1-based page and per_page", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Subscribers.listUnsubscribed({ page: 2, per_page: 100 }), [
        { body: [subscriber({ purge_at: "2024-08-12T00:00:00Z" })] }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `${base}/unsubscribed?page=2&per_page=100`)
      assert.strictEqual(right(result)[0]!.purge_at, "2024-08-12T00:00:00Z")
      assert.strictEqual(Subscribers.listUnsubscribed.endpoint.paging, "page")
    })
  )

  it.effect("count sends type and state and decodes counts per type", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Subscribers.count({ type: "sms", state: "quarantined" }), [
        { body: { email: 0, sms: 6, webhook: 1, integration_partner: 5, slack: 5 } }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.url.pathname, `${base}/count`)
      assert.deepStrictEqual(query(requests[0]!.url), { type: "sms", state: "quarantined" })
      assert.strictEqual(right(result).sms, 6)
    })
  )

  it.effect("histogramByState decodes counts per type and state", () =>
    Effect.gen(function* () {
      const states = { active: 3, unconfirmed: 1, quarantined: 1, total: 5 }
      const { result, requests } = yield* run(Subscribers.histogramByState(), [
        {
          body: {
            email: states,
            sms: { active: 0, unconfirmed: 0, quarantined: 0, total: 0 },
            webhook: states,
            integration_partner: states,
            slack: states
          }
        }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `${base}/histogram_by_state`)
      assert.deepStrictEqual(right(result).email, states)
    })
  )
})

describe("Subscribers: writing one", () => {
  it.effect("create wraps the fields in the subscriber envelope", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Subscribers.create({ email: "ops@example.com", component_ids: ["ftgks51sfs2d"] }),
        [{ status: 201, body: subscriber() }]
      )
      const req = requests[0]!
      assert.strictEqual(req.method, "POST")
      assert.strictEqual(req.target, base)
      assert.strictEqual(req.headers["content-type"], "application/json")
      assert.deepStrictEqual(req.json, { subscriber: { email: "ops@example.com", component_ids: ["ftgks51sfs2d"] } })
      assert.strictEqual(right(result).id, "wxz6mz7rlj3n")
    })
  )

  it.effect("create of a webhook subscriber sends endpoint and email", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(
        Subscribers.create({ endpoint: "https://hooks.example.com/sp", email: "ops@example.com" }),
        [{ status: 201, body: subscriber({ mode: "webhook", endpoint: "https://hooks.example.com/sp" }) }]
      )
      assert.deepStrictEqual(requests[0]!.json, {
        subscriber: { endpoint: "https://hooks.example.com/sp", email: "ops@example.com" }
      })
    })
  )

  it.effect("update sends PATCH with bare component_ids, or an empty object for every component", () =>
    Effect.gen(function* () {
      const some = yield* run(Subscribers.update("wxz6mz7rlj3n", { component_ids: ["ftgks51sfs2d", "8kbf7d35c070"] }), [
        { body: subscriber() }
      ])
      assert.strictEqual(some.requests[0]!.method, "PATCH")
      assert.strictEqual(some.requests[0]!.target, `${base}/wxz6mz7rlj3n`)
      assert.deepStrictEqual(some.requests[0]!.json, { component_ids: ["ftgks51sfs2d", "8kbf7d35c070"] })
      assert.strictEqual(right(some.result).id, "wxz6mz7rlj3n")
      const all = yield* run(Subscribers.update("wxz6mz7rlj3n"), [{ body: subscriber({ components: null }) }])
      assert.deepStrictEqual(all.requests[0]!.json, {})
    })
  )

  it.effect("delete sends DELETE with skip_unsubscription_notification and decodes the subscriber", () =>
    Effect.gen(function* () {
      const skip = yield* run(Subscribers.delete("wxz6mz7rlj3n", { skip_unsubscription_notification: true }), [
        { body: subscriber() }
      ])
      assert.strictEqual(skip.requests[0]!.method, "DELETE")
      assert.strictEqual(skip.requests[0]!.target, `${base}/wxz6mz7rlj3n?skip_unsubscription_notification=true`)
      assert.isUndefined(skip.requests[0]!.body)
      assert.strictEqual(right(skip.result).id, "wxz6mz7rlj3n")
      const plain = yield* run(Subscribers.delete("wxz6mz7rlj3n"), [{ body: subscriber() }])
      assert.strictEqual(plain.requests[0]!.target, `${base}/wxz6mz7rlj3n`)
    })
  )

  it.effect("resendConfirmation posts no body and accepts 201 with none", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Subscribers.resendConfirmation("wxz6mz7rlj3n"), [{ status: 201 }])
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `${base}/wxz6mz7rlj3n/resend_confirmation`)
      assert.isUndefined(requests[0]!.body)
      assert.isUndefined(requests[0]!.headers["content-type"])
      assert.isUndefined(right(result))
    })
  )
})

describe("Subscribers: bulk actions", () => {
  it.effect("unsubscribe posts bare subscribers, type, state and skip_unsubscription_notification", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Subscribers.unsubscribe({
          subscribers: ["wxz6mz7rlj3n", "s2"],
          type: "email",
          state: "all",
          skip_unsubscription_notification: true
        }),
        [{ status: 201 }]
      )
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `${base}/unsubscribe`)
      assert.strictEqual(requests[0]!.headers["content-type"], "application/json")
      assert.deepStrictEqual(requests[0]!.json, {
        subscribers: ["wxz6mz7rlj3n", "s2"],
        type: "email",
        state: "all",
        skip_unsubscription_notification: true
      })
      assert.isUndefined(right(result))
    })
  )

  it.effect('unsubscribe takes exactly 100 codes, or "all"', () =>
    Effect.gen(function* () {
      const codes = Array.from({ length: 100 }, (_, i) => `s${i}`)
      const hundred = yield* run(Subscribers.unsubscribe({ subscribers: codes }), [{ status: 201 }])
      assert.deepStrictEqual(hundred.requests[0]!.json, { subscribers: codes })
      const all = yield* run(Subscribers.unsubscribe({ subscribers: "all" }), [{ status: 201 }])
      assert.deepStrictEqual(all.requests[0]!.json, { subscribers: "all" })
    })
  )

  it.effect("reactivate posts bare subscribers and type", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Subscribers.reactivate({ subscribers: "all", type: "webhook" }), [
        { status: 201 }
      ])
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `${base}/reactivate`)
      assert.deepStrictEqual(requests[0]!.json, { subscribers: "all", type: "webhook" })
      assert.isUndefined(right(result))
    })
  )

  it.effect("resendConfirmations posts bare subscribers to the collection's resend_confirmation", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Subscribers.resendConfirmations({ subscribers: ["a1", "b2"] }), [
        { status: 201 }
      ])
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, `${base}/resend_confirmation`)
      assert.deepStrictEqual(requests[0]!.json, { subscribers: ["a1", "b2"] })
      assert.isUndefined(right(result))
    })
  )

  it("the actions that answer with no body declare no success schema", () => {
    for (const action of [
      Subscribers.unsubscribe,
      Subscribers.reactivate,
      Subscribers.resendConfirmations,
      Subscribers.resendConfirmation
    ]) {
      assert.isUndefined(action.endpoint.success)
      assert.strictEqual(action.endpoint.successStatus, 201)
    }
  })
})

describe("Subscribers: input validation (nothing is sent)", () => {
  const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, unknown, any>, string]> = [
    [
      "101 codes",
      Subscribers.unsubscribe({ subscribers: Array.from({ length: 101 }, (_, i) => `s${i}`) }),
      "subscribers"
    ],
    ["no codes", Subscribers.unsubscribe({ subscribers: [] }), "subscribers"],
    ["a code that is empty", Subscribers.reactivate({ subscribers: ["a", ""] }), "subscribers"],
    ["a missing subscribers field", Subscribers.resendConfirmations({} as any), "subscribers"],
    ["an unknown type", Subscribers.unsubscribe({ subscribers: "all", type: "pigeon" as any }), "type"],
    ["an unknown state", Subscribers.count({ state: "gone" as any }), "state"],
    ["an unknown list type", Subscribers.list({ type: "fax" as any }), "type"],
    ["a negative page", Subscribers.list({ page: -1 }), "page"],
    ["a limit over 100", Subscribers.list({ limit: 101 }), "limit"],
    ["relevance without q", Subscribers.list({ sort_field: "relevance" }), "sort_field"],
    ["an unknown sort direction", Subscribers.list({ sort_direction: "up" as any }), "sort_direction"],
    ["page 0 where paging is 1-based", Subscribers.listUnsubscribed({ page: 0 }), "page"],
    ["an empty component_ids", Subscribers.update("wxz6mz7rlj3n", { component_ids: [] }), "component_ids"],
    ["a create with no contact", Subscribers.create({ component_ids: ["c1"] }), "email"],
    ["a webhook without email", Subscribers.create({ endpoint: "https://hooks.example.com" }), "email"],
    ["a misspelt field", Subscribers.create({ emial: "ops@example.com" } as any), "emial"]
  ]
  for (const [what, action, field] of cases) {
    it.effect(`refuses ${what}, naming ${field}`, () =>
      Effect.gen(function* () {
        const outcome = refused(yield* run(action, [{ status: 201, body: subscriber() }]))
        assert.deepStrictEqual(
          [outcome.sent, outcome.tag, outcome.reason, outcome.field],
          [0, "RequestError", "InvalidInput", field]
        )
      })
    )
  }

  it.effect("relevance with q is accepted", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(Subscribers.list({ q: "ops", sort_field: "relevance" }), [{ body: [] }])
      assert.deepStrictEqual(query(requests[0]!.url), { q: "ops", sort_field: "relevance" })
    })
  )
})
