import * as util from "node:util"
import { assert, describe, it } from "@effect/vitest"
import { StatusPageConfig } from "@effect-statuspage/core"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

const KEY = "sk-config-test-1b2c3d"
const valid: StatusPageConfig.Options = { apiKey: KEY, pageId: "page1", organizationId: "org1" }

const make = (options: Partial<StatusPageConfig.Options>) =>
  Effect.either(StatusPageConfig.make({ ...valid, ...options }))

const refusal = (options: Partial<StatusPageConfig.Options>) =>
  Effect.map(make(options), (result) => {
    assert.strictEqual(result._tag, "Left", `expected ${JSON.stringify(options)} to be refused`)
    return (result as { left: any }).left
  })

/** Runs `effect` and returns the messages it logged. */
const logsOf = <A, E>(effect: Effect.Effect<A, E>) => {
  const lines: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => lines.push(`${logLevel.label} ${String(message)}`))
  return Effect.as(Effect.either(effect.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)))), lines)
}

describe("StatusPageConfig.make", () => {
  it.effect("accepts a complete config with defaults filled in", () =>
    Effect.gen(function* () {
      const config = yield* StatusPageConfig.make({ ...valid, apiKey: Redacted.make(` ${KEY} `) })
      assert.strictEqual(Redacted.value(config.apiKey), KEY)
      assert.deepStrictEqual(config.pageId, Option.some("page1"))
      assert.deepStrictEqual(config.organizationId, Option.some("org1"))
      assert.strictEqual(config.baseUrl, "https://api.statuspage.io/v1")
      assert.match(config.userAgent, /^effect-statuspage\/\d+\.\d+\.\d+/)
      assert.strictEqual(Duration.toMillis(config.timeout), 30_000)
      assert.isFalse(config.verbose)
    })
  )

  it.effect("a missing or blank API key is ConfigurationError Missing naming STATUSPAGE_API_KEY", () =>
    Effect.gen(function* () {
      for (const apiKey of [undefined, "", "   ", Redacted.make("")]) {
        const error = yield* refusal({ apiKey })
        assert.strictEqual(error._tag, "ConfigurationError")
        assert.strictEqual(error.reason, "Missing")
        assert.include(error.setting, "STATUSPAGE_API_KEY")
      }
    })
  )

  it.effect("a key with a line break is Invalid, and the message does not show it", () =>
    Effect.gen(function* () {
      const error = yield* refusal({ apiKey: `${KEY}\r\nX-Injected: 1` })
      assert.strictEqual(error.reason, "Invalid")
      assert.notInclude(JSON.stringify(error) + error.message, KEY)
    })
  )

  it.effect("a key pasted with its 'OAuth ' prefix is Invalid, naming the setting and not showing the key", () =>
    Effect.gen(function* () {
      for (const apiKey of [`OAuth ${KEY}`, ` oauth  ${KEY}`, Redacted.make(`OAuth ${KEY}`)]) {
        const error = yield* refusal({ apiKey })
        assert.strictEqual(error.reason, "Invalid")
        assert.include(error.setting, "STATUSPAGE_API_KEY")
        assert.include(error.message, "'OAuth ' prefix")
        assert.notInclude(JSON.stringify(error) + error.message, KEY)
      }
    })
  )

  it.effect(
    "maxResponseSize defaults to 64 MiB; one that is not a whole number of bytes from 1 to 256 MiB is Invalid",
    () =>
      Effect.gen(function* () {
        const config = yield* StatusPageConfig.make(valid)
        assert.strictEqual(config.maxResponseSize, 64 * 1024 * 1024)
        for (const maxResponseSize of [0, -1, 1.5, Number.NaN, 512 * 1024 * 1024]) {
          const error = yield* refusal({ maxResponseSize })
          assert.strictEqual(error.reason, "Invalid")
          assert.strictEqual(error.setting, "maxResponseSize")
        }
      })
  )

  it.effect(
    "the key is all it needs: without a page or organization id it builds, logs nothing, and says what to set",
    () =>
      Effect.gen(function* () {
        for (const blank of [undefined, "", "  "]) {
          const built = yield* logsOf(StatusPageConfig.make({ apiKey: KEY, pageId: blank, organizationId: blank }))
          assert.deepStrictEqual(built, [], "no warning at start")
          const config = yield* StatusPageConfig.make({ apiKey: KEY, pageId: blank, organizationId: blank })
          assert.isTrue(Option.isNone(config.pageId) && Option.isNone(config.organizationId))
          const page = yield* Effect.flip(StatusPageConfig.requirePageId(config))
          assert.deepStrictEqual([page.reason, page.setting], ["Missing", "pageId (STATUSPAGE_PAGE_ID)"])
          assert.include(page.message, "STATUSPAGE_PAGE_ID")
          const organization = yield* Effect.flip(StatusPageConfig.requireOrganizationId(config))
          assert.deepStrictEqual(
            [organization.reason, organization.setting],
            ["Missing", "organizationId (STATUSPAGE_ORGANIZATION_ID)"]
          )
          assert.include(organization.message, "STATUSPAGE_ORGANIZATION_ID")
        }
        const config = yield* StatusPageConfig.make(valid)
        assert.strictEqual(yield* StatusPageConfig.requirePageId(config), "page1")
        assert.strictEqual(yield* StatusPageConfig.requireOrganizationId(config), "org1")
      })
  )

  it.effect("a base URL that is not a URL, not http(s), or carries credentials or a query is Invalid", () =>
    Effect.gen(function* () {
      for (const baseUrl of [
        "api.statuspage.io/v1",
        "not a url",
        "ftp://api.statuspage.io/v1",
        "https://user:pw@api.statuspage.io/v1",
        "https://api.statuspage.io/v1?api_key=x",
        "https://api.statuspage.io/v1#frag"
      ]) {
        const error = yield* refusal({ baseUrl })
        assert.strictEqual(error.reason, "Invalid", baseUrl)
        assert.include(error.setting, "STATUSPAGE_BASE_URL")
      }
    })
  )

  it.effect("plain http is refused to a non-loopback host and allowed to loopback", () =>
    Effect.gen(function* () {
      for (const baseUrl of ["http://api.statuspage.io/v1", "http://10.0.0.5:8080", "http://localhost.example.com"]) {
        const error = yield* refusal({ baseUrl })
        assert.strictEqual(error.reason, "Invalid", baseUrl)
        assert.include(error.message, "https")
      }
      for (const [baseUrl, expected] of [
        ["http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"],
        ["http://localhost:3000", "http://localhost:3000"],
        ["http://[::1]:4000/v1/", "http://[::1]:4000/v1"],
        ["http://127.1.2.3/v1", "http://127.1.2.3/v1"]
      ] as const) {
        const config = yield* StatusPageConfig.make({ ...valid, baseUrl })
        assert.strictEqual(config.baseUrl, expected)
      }
    })
  )

  it.effect("trailing slashes of the base URL are trimmed", () =>
    Effect.gen(function* () {
      assert.strictEqual(
        (yield* StatusPageConfig.make({ ...valid, baseUrl: "https://api.statuspage.io/v1/" })).baseUrl,
        "https://api.statuspage.io/v1"
      )
      assert.strictEqual(
        (yield* StatusPageConfig.make({ ...valid, baseUrl: "https://proxy.example.com/statuspage/v1///" })).baseUrl,
        "https://proxy.example.com/statuspage/v1"
      )
    })
  )

  it.effect("a timeout that is not finite and positive is Invalid", () =>
    Effect.gen(function* () {
      for (const timeout of [0, -5, Duration.infinity, "0 millis"] as const) {
        const error = yield* refusal({ timeout })
        assert.strictEqual(error.reason, "Invalid")
        assert.strictEqual(error.setting, "timeout")
      }
      const config = yield* StatusPageConfig.make({ ...valid, timeout: "5 seconds" })
      assert.strictEqual(Duration.toMillis(config.timeout), 5000)
    })
  )

  it.effect("printing or serialising a config never shows the key", () =>
    Effect.gen(function* () {
      const config = yield* StatusPageConfig.make(valid)
      for (const text of [
        JSON.stringify(config),
        String(config.apiKey),
        Inspectable.format(config),
        util.inspect(config, { depth: 10 }),
        `${config.apiKey}`
      ]) {
        assert.notInclude(text, KEY)
      }
      assert.notInclude(JSON.stringify(config), "OAuth")
    })
  )
})

describe("StatusPageConfig layers", () => {
  const env = (entries: ReadonlyArray<readonly [string, string]>) =>
    Layer.setConfigProvider(ConfigProvider.fromMap(new Map(entries)))

  it.effect("fromEnv reads the STATUSPAGE_* variables from the ConfigProvider", () =>
    Effect.gen(function* () {
      const config = yield* StatusPageConfig.fromEnv({ verbose: true }).pipe(
        Effect.provide(
          env([
            ["STATUSPAGE_API_KEY", KEY],
            ["STATUSPAGE_PAGE_ID", "envpage"],
            ["STATUSPAGE_ORGANIZATION_ID", "envorg"],
            ["STATUSPAGE_BASE_URL", "http://127.0.0.1:9999/v1/"]
          ])
        )
      )
      assert.strictEqual(Redacted.value(config.apiKey), KEY)
      assert.deepStrictEqual(config.pageId, Option.some("envpage"))
      assert.deepStrictEqual(config.organizationId, Option.some("envorg"))
      assert.strictEqual(config.baseUrl, "http://127.0.0.1:9999/v1")
      assert.isTrue(config.verbose)
    })
  )

  it.effect("fromEnv without a key fails with ConfigurationError, and checks the base URL", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flip(StatusPageConfig.fromEnv().pipe(Effect.provide(env([]))))
      assert.strictEqual(missing.reason, "Missing")
      assert.include(missing.setting, "STATUSPAGE_API_KEY")
      const insecure = yield* Effect.flip(
        StatusPageConfig.fromEnv().pipe(
          Effect.provide(
            env([
              ["STATUSPAGE_API_KEY", KEY],
              ["STATUSPAGE_PAGE_ID", "p"],
              ["STATUSPAGE_BASE_URL", "http://api.statuspage.io/v1"]
            ])
          )
        )
      )
      assert.strictEqual(insecure.reason, "Invalid")
    })
  )

  it.effect("layerFromEnv provides the service", () =>
    Effect.gen(function* () {
      const config = yield* StatusPageConfig.StatusPageConfig.pipe(
        Effect.provide(
          StatusPageConfig.layerFromEnv().pipe(
            Layer.provide(
              env([
                ["STATUSPAGE_API_KEY", KEY],
                ["STATUSPAGE_PAGE_ID", "p2"]
              ])
            )
          )
        )
      )
      assert.deepStrictEqual(config.pageId, Option.some("p2"))
      assert.isTrue(Option.isNone(config.organizationId))
    })
  )

  it.effect("layerConfig reads the options from Configs", () =>
    Effect.gen(function* () {
      const layer = StatusPageConfig.layerConfig({
        apiKey: Config.redacted("MY_KEY"),
        pageId: Config.string("MY_PAGE"),
        organizationId: Config.string("MY_ORG"),
        baseUrl: Config.succeed(undefined),
        userAgent: Config.succeed("my-app/1.0"),
        timeout: Config.succeed("10 seconds"),
        verbose: Config.succeed(false)
      })
      const provided = env([
        ["MY_KEY", KEY],
        ["MY_PAGE", "cfgpage"],
        ["MY_ORG", "cfgorg"]
      ])
      const config = yield* StatusPageConfig.StatusPageConfig.pipe(Effect.provide(layer.pipe(Layer.provide(provided))))
      assert.strictEqual(Redacted.value(config.apiKey), KEY)
      assert.deepStrictEqual(config.pageId, Option.some("cfgpage"))
      assert.strictEqual(config.userAgent, "my-app/1.0")
      assert.strictEqual(Duration.toMillis(config.timeout), 10_000)
      const missing = yield* Effect.flip(
        StatusPageConfig.StatusPageConfig.pipe(Effect.provide(layer.pipe(Layer.provide(env([])))))
      )
      assert.notInclude(String(missing), KEY)
    })
  )
})
