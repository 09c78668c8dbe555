/**
 * A config needs only the key: the page id and the organization id are checked when an action needs them, and a
 * missing one is a `ConfigurationError` naming its setting, with nothing sent.
 */
import { assert, describe, it } from "@effect/vitest"
import {
  Components,
  Incidents,
  Pages,
  Permissions,
  Raw,
  StatusPageConfig,
  type StatusPageError,
  Users
} from "@effect-statuspage/core"
import { ComponentStatus } from "@effect-statuspage/workflows"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import { API_KEY, component, ORG_ID } from "./support/fixtures.js"
import { run as exchange, make as recording } from "./support/RecordingHttpClient.js"

const noPage = { pageId: undefined }
const nothing = { pageId: undefined, organizationId: undefined }

const configurationError = (result: { _tag: string; left?: unknown }) => {
  assert.strictEqual(result._tag, "Left")
  const error = result.left as StatusPageError.StatusPageError
  assert.strictEqual(error._tag, "ConfigurationError")
  return error as StatusPageError.ConfigurationError
}

describe("actions without a page id or an organization id", () => {
  it.effect("Pages.list needs neither", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Pages.list(), [{ body: [] }], nothing)
      assert.deepStrictEqual(result._tag, "Right")
      assert.deepStrictEqual(
        requests.map((r) => `${r.method} ${r.target}`),
        ["GET /v1/pages"]
      )
    })
  )

  it.effect("organization actions need no page id", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(Users.list(), [{ body: [] }], noPage)
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(requests[0]!.url.pathname, `/v1/organizations/${ORG_ID}/users`)
    })
  )

  it.effect(
    "a page action fails at call time with ConfigurationError naming STATUSPAGE_PAGE_ID, and sends nothing",
    () =>
      Effect.gen(function* () {
        const attempts: ReadonlyArray<readonly [string, Effect.Effect<unknown, StatusPageError.StatusPageError, any>]> =
          [
            ["components.list", Components.list()],
            ["incidents.create", Incidents.create({ name: "x" })],
            ["pages.get", Pages.get()],
            ["Raw.request", Raw.request({ method: "GET", path: "/pages/{page_id}/components" })]
          ]
        for (const [name, attempt] of attempts) {
          const { result, requests } = yield* exchange(attempt, [{ body: [] }], noPage)
          assert.strictEqual(requests.length, 0, name)
          const error = configurationError(result)
          assert.strictEqual(error.reason, "Missing")
          assert.strictEqual(error.setting, "pageId (STATUSPAGE_PAGE_ID)")
          assert.include(error.message, name)
          assert.include(error.message, "STATUSPAGE_PAGE_ID")
        }
      })
  )

  it.effect("a call's own pageId serves a config without one", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(
        Components.list({}, { pageId: "otherpage01" }),
        [{ body: [component()] }],
        noPage
      )
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(requests[0]!.url.pathname, "/v1/pages/otherpage01/components")
    })
  )

  it.effect("an organization action without an organization id names STATUSPAGE_ORGANIZATION_ID", () =>
    Effect.gen(function* () {
      const attempts: ReadonlyArray<Effect.Effect<unknown, StatusPageError.StatusPageError, any>> = [
        Users.list(),
        Permissions.get("u1")
      ]
      for (const attempt of attempts) {
        const { result, requests } = yield* exchange(attempt, [{ body: [] }], nothing)
        assert.strictEqual(requests.length, 0)
        const error = configurationError(result)
        assert.strictEqual(error.setting, "organizationId (STATUSPAGE_ORGANIZATION_ID)")
        assert.match(
          error.message,
          /is an organization action and no organization id is set: set .*STATUSPAGE_ORGANIZATION_ID/
        )
      }
    })
  )

  it.effect(
    "from the environment: only STATUSPAGE_API_KEY set, the layer builds without a warning; each action asks for what it needs",
    () =>
      Effect.gen(function* () {
        const lines: Array<string> = []
        const logger = Logger.make(({ logLevel, message }) => lines.push(`${logLevel.label} ${String(message)}`))
        const http = recording(() => ({ body: [] }))
        const layer = Layer.mergeAll(
          StatusPageConfig.layerFromEnv(),
          http.layer,
          Logger.replace(Logger.defaultLogger, logger)
        )
        const env = ConfigProvider.fromMap(new Map([["STATUSPAGE_API_KEY", API_KEY]]))
        const [pages, components, users] = yield* Effect.all([
          Effect.either(Pages.list()),
          Effect.either(Components.list()),
          Effect.either(Users.list())
        ]).pipe(Effect.provide(layer), Effect.withConfigProvider(env))
        assert.deepStrictEqual(lines, [])
        assert.strictEqual(pages._tag, "Right")
        assert.strictEqual(configurationError(components).setting, "pageId (STATUSPAGE_PAGE_ID)")
        assert.strictEqual(configurationError(users).setting, "organizationId (STATUSPAGE_ORGANIZATION_ID)")
        assert.deepStrictEqual(
          http.requests.map((r) => r.url.pathname),
          ["/v1/pages"]
        )
      })
  )

  it.effect("a job without a page id fails with JobError carrying the ConfigurationError, before any request", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* exchange(ComponentStatus.set({ API: "major_outage" }), [{ body: [] }], noPage)
      assert.strictEqual(requests.length, 0)
      assert.isTrue(result._tag === "Left" && result.left._tag === "JobError")
      if (result._tag === "Left" && result.left._tag === "JobError") {
        assert.strictEqual(result.left.cause._tag, "ConfigurationError")
        assert.deepStrictEqual(result.left.written, [])
        assert.include(result.left.message, "STATUSPAGE_PAGE_ID")
      }
    })
  )
})
