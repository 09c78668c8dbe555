import { assert, describe, it } from "@effect/vitest"
import { type Metrics, type Pages, Permissions, type StatusPageError, Users } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { ORG_ID, PAGE_ID } from "./support/fixtures.js"
import { user } from "./support/metricFixtures.js"
import { run as exchange } from "./support/RecordingHttpClient.js"

const PASSWORD = "correct-horse-battery-staple"

describe("Users", () => {
  it.effect("list: GET /organizations/{organization_id}/users with page/per_page", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Users.list({ page: 3, per_page: 25 }), [{ body: [user()] }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/organizations/${ORG_ID}/users?page=3&per_page=25`)
      assert.isTrue(result._tag === "Right" && result.right[0]!.email === "ana@example.com")
    })
  )

  it.effect("create: POST with the user envelope; the password goes out but never comes back in an error", () =>
    Effect.gen(function* () {
      const ok = yield* exchange(
        Users.create({ email: "ana@example.com", password: Redacted.make(PASSWORD), first_name: "Ana" }),
        [{ status: 201, body: user() }]
      )
      assert.strictEqual(ok.requests[0]!.method, "POST")
      assert.strictEqual(ok.requests[0]!.target, `/v1/organizations/${ORG_ID}/users`)
      assert.deepStrictEqual(ok.requests[0]!.json, {
        user: { email: "ana@example.com", password: PASSWORD, first_name: "Ana" }
      })
      assert.strictEqual(ok.result._tag, "Right")
      const refused = yield* exchange(Users.create({ email: "ana@example.com", password: PASSWORD }), [
        { status: 422, body: { error: `password ${PASSWORD} is too common` } }
      ])
      assert.isTrue(refused.result._tag === "Left")
      if (refused.result._tag === "Left") {
        assert.notInclude(JSON.stringify(refused.result.left) + refused.result.left.message, PASSWORD)
        assert.include(refused.result.left.message, "password <redacted> is too common")
      }
    })
  )

  it.effect("delete: DELETE /organizations/{organization_id}/users/{user_id} returns the user", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Users.delete("u1"), [{ body: user() }])
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.target, `/v1/organizations/${ORG_ID}/users/u1`)
      assert.strictEqual(result._tag, "Right")
    })
  )

  it("organization and page actions declare ConfigurationError in their error type; Pages.list does not", () => {
    type Failure<F extends (...args: any) => any> = Effect.Effect.Error<ReturnType<F>>
    const users: [StatusPageError.ConfigurationError] extends [Failure<typeof Users.list>] ? true : false = true
    const permissions: [StatusPageError.ConfigurationError] extends [Failure<typeof Permissions.replace>]
      ? true
      : false = true
    const pageScoped: [StatusPageError.ConfigurationError] extends [Failure<typeof Metrics.list>] ? true : false = true
    const pages: [StatusPageError.ConfigurationError] extends [Failure<typeof Pages.list>] ? true : false = false
    assert.deepStrictEqual([users, permissions, pageScoped, pages], [true, true, true, false])
  })

  it.effect(
    "without an organization id every organization action fails with ConfigurationError and sends nothing",
    () =>
      Effect.gen(function* () {
        const noOrg = { organizationId: undefined }
        const attempts: ReadonlyArray<Effect.Effect<unknown, StatusPageError.StatusPageError, any>> = [
          Users.list(),
          Users.create({ email: "a@example.com" }),
          Users.delete("u1"),
          Permissions.get("u1"),
          Permissions.replace("u1", { pages: {} })
        ]
        for (const attempt of attempts) {
          const { result, requests } = yield* exchange(attempt, [{ body: user() }], noOrg)
          assert.strictEqual(requests.length, 0)
          assert.isTrue(result._tag === "Left")
          if (result._tag === "Left") {
            assert.strictEqual(result.left._tag, "ConfigurationError")
            assert.include(result.left.message, "STATUSPAGE_ORGANIZATION_ID")
          }
        }
      })
  )
})

describe("Permissions", () => {
  it.effect("get: GET /organizations/{organization_id}/permissions/{user_id}; pages decode to a list", () =>
    Effect.gen(function* () {
      const asList = {
        data: {
          user_id: "u1",
          pages: [
            { page_id: PAGE_ID, page_configuration: true, incident_manager: false, maintenance_manager: true },
            { page_id: "p2" }
          ]
        }
      }
      const { result, requests } = yield* exchange(Permissions.get("u1"), [{ body: asList }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `/v1/organizations/${ORG_ID}/permissions/u1`)
      assert.isTrue(result._tag === "Right")
      if (result._tag === "Right") assert.deepStrictEqual(result.right, asList)
      // the spec's own example: `pages` as one object
      const asObject = { data: { user_id: "u1", pages: { page_id: PAGE_ID, incident_manager: true } } }
      const single = yield* exchange(Permissions.get("u1"), [{ body: asObject }])
      assert.isTrue(single.result._tag === "Right")
      if (single.result._tag === "Right") {
        assert.deepStrictEqual(single.result.right.data.pages, [{ page_id: PAGE_ID, incident_manager: true }])
      }
    })
  )

  it.effect("replace: PUT with a top-level pages map keyed by page id", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        Permissions.replace("u1", {
          pages: { [PAGE_ID]: { page_configuration: true, incident_manager: true }, p2: {} }
        }),
        [{ body: { data: { user_id: "u1", pages: [{ page_id: PAGE_ID }, { page_id: "p2" }] } } }]
      )
      assert.strictEqual(requests[0]!.method, "PUT")
      assert.strictEqual(requests[0]!.target, `/v1/organizations/${ORG_ID}/permissions/u1`)
      assert.deepStrictEqual(requests[0]!.json, {
        pages: { [PAGE_ID]: { page_configuration: true, incident_manager: true }, p2: {} }
      })
      assert.strictEqual(result._tag, "Right")
    })
  )

  it.effect("replace refuses an unknown role before sending", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        Permissions.replace("u1", { pages: { p1: { admin: true } as any } }),
        [{}]
      )
      assert.strictEqual(requests.length, 0)
      assert.include(result._tag === "Left" ? result.left.message : "", "admin")
    })
  )
})
