import { assert, describe, it } from "@effect/vitest"
import { Pages } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { API_KEY, PAGE_ID } from "./support/fixtures.js"
import { page } from "./support/incidentFixtures.js"
import { assertRejected, run } from "./support/RecordingHttpClient.js"

describe("Pages", () => {
  it.effect("list sends GET /v1/pages with no query and decodes logos as objects", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Pages.list(), [
        { body: [page(), page({ id: "p2", domain: "status.acme.io" })] }
      ])
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, "/v1/pages")
      assert.strictEqual(requests[0]!.headers.authorization, `OAuth ${API_KEY}`)
      const pages = Either.getOrThrow(result)
      assert.strictEqual(pages.length, 2)
      assert.strictEqual(pages[0]!.domain, null)
      assert.strictEqual(pages[1]!.domain, "status.acme.io")
      assert.deepStrictEqual(pages[0]!.hero_cover, {
        updated_at: "2024-06-07T01:12:00Z",
        original_url: "https://x/o.png",
        size: 2048,
        normal_url: "https://x/n.png",
        retina_url: "https://x/r.png"
      })
    })
  )

  it.effect("list also accepts logos as plain strings, as the spec types them", () =>
    Effect.gen(function* () {
      const { result } = yield* run(Pages.list(), [
        { body: [page({ favicon_logo: "https://x/f.ico", email_logo: null })] }
      ])
      assert.strictEqual(Either.getOrThrow(result)[0]!.favicon_logo, "https://x/f.ico")
    })
  )

  it.effect("get reads the configured page, or the page named per call", () =>
    Effect.gen(function* () {
      const configured = yield* run(Pages.get(), [{ body: page() }])
      assert.strictEqual(configured.requests[0]!.method, "GET")
      assert.strictEqual(configured.requests[0]!.target, `/v1/pages/${PAGE_ID}`)
      const got = Either.getOrThrow(configured.result)
      assert.strictEqual(got.updated_at, "2024-06-26T03:49:25.118-05:00")
      assert.strictEqual(got.notifications_from_email, null)
      const other = yield* run(Pages.get({ pageId: "other page" }), [{ body: page() }])
      assert.strictEqual(other.requests[0]!.target, "/v1/pages/other%20page")
    })
  )

  it.effect("update sends PATCH with the page envelope; replace sends the same body as PUT", () =>
    Effect.gen(function* () {
      const input = { name: "Acme", branding: "premium", css_greens: "00ff00", allow_sms_subscribers: false } as const
      const patched = yield* run(Pages.update(input), [{ body: page({ name: "Acme" }) }])
      assert.strictEqual(patched.requests[0]!.method, "PATCH")
      assert.strictEqual(patched.requests[0]!.target, `/v1/pages/${PAGE_ID}`)
      assert.strictEqual(patched.requests[0]!.headers["content-type"], "application/json")
      assert.deepStrictEqual(patched.requests[0]!.json, {
        page: { name: "Acme", branding: "premium", css_greens: "00ff00", allow_sms_subscribers: false }
      })
      assert.strictEqual(Either.getOrThrow(patched.result).name, "Acme")
      const put = yield* run(Pages.replace({ time_zone: "UTC" }), [{ body: page() }])
      assert.strictEqual(put.requests[0]!.method, "PUT")
      assert.strictEqual(put.requests[0]!.target, `/v1/pages/${PAGE_ID}`)
      assert.deepStrictEqual(put.requests[0]!.json, { page: { time_zone: "UTC" } })
    })
  )

  it.effect("rejects a bad branding, an empty name and read-only fields before sending", () =>
    Effect.gen(function* () {
      assertRejected(yield* run(Pages.update({ branding: "gold" as any }), [{ body: page() }]), "branding")
      assertRejected(yield* run(Pages.update({ name: "" }), [{ body: page() }]), "name")
      assertRejected(yield* run(Pages.replace({ activity_score: 1 } as any), [{ body: page() }]), "activity_score")
    })
  )

  it.effect("a page whose required field drifted is a ServerError naming it", () =>
    Effect.gen(function* () {
      const { result } = yield* run(Pages.get(), [{ body: page({ hidden_from_search: "no" }) }])
      assert.isTrue(Either.isLeft(result))
      const error = Either.isLeft(result) ? (result.left as any) : undefined
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.path, "hidden_from_search")
    })
  )
})
