import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { BridgeConfig } from "@effect-statuspage/bridge"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"

const error = (text: string) => {
  const result = BridgeConfig.parse(text, "bridge.yaml")
  assert.isTrue(Either.isLeft(result), "expected the config to be refused")
  return (result as Either.Left<BridgeConfig.BridgeConfigError, unknown>).left
}

describe("BridgeConfig.parse", () => {
  it("reads the example in examples/", () => {
    const config = Either.getOrThrow(BridgeConfig.parse(readFileSync("examples/bridge.yaml", "utf8")))
    assert.isAtLeast(config.routes.length, 2)
    assert.strictEqual(config.flapping?.min_firing, 60_000)
  })

  it("reads durations the Prometheus way", () => {
    const config = Either.getOrThrow(
      BridgeConfig.parse("flapping: { min_firing: 1m30s, min_quiet: 500ms }\nsettle: 2s\nroutes: [{ name: a }]\n")
    )
    assert.deepStrictEqual(config.flapping, { min_firing: 90_000, min_quiet: 500 })
    assert.strictEqual(config.settle, 2_000)
  })

  it("points a YAML syntax error at its line and column", () => {
    const e = error("routes:\n  - name: a\n    match: service: api\n")
    assert.strictEqual(e.reason, "Syntax")
    assert.strictEqual(e.line, 3)
    assert.match(e.message, /^bridge\.yaml:3:\d+: /)
  })

  it("points a wrong value at its line, with its path", () => {
    const e = error(
      ["routes:", "  - name: api", "    status:", "      critical: on_fire", "    components: [API]"].join("\n")
    )
    assert.strictEqual(e.reason, "Invalid")
    assert.strictEqual(e.line, 4)
    assert.strictEqual(e.column, 17)
    assert.match(e.path, /^routes\.0\.status/)
  })

  it("points an unknown key (a typo) at its line", () => {
    const e = error(["routes:", "  - name: api", "    componets: [API]"].join("\n"))
    assert.strictEqual(e.line, 3)
    assert.strictEqual(e.path, "routes.0.componets")
    assert.match(e.detail, /unexpected/i)
  })

  it("points a missing key at the object that lacks it", () => {
    const e = error(["flapping: {}", "routes:", "  - match: { service: api }"].join("\n"))
    assert.strictEqual(e.line, 3)
    assert.strictEqual(e.path, "routes.0.name")
  })

  it("refuses a bad template, a bad regex, a bad duration and duplicate route names, each at its line", () => {
    assert.strictEqual(error(["routes:", "  - name: a", "    incident: { name: '{{ labels. }}' }"].join("\n")).line, 3)
    assert.match(error("routes:\n  - name: a\n    incident: { name: '{{ nope }}' }\n").detail, /unknown placeholder/)
    const regex = error(["routes:", "  - name: a", "    match_re:", "      service: 'api(' "].join("\n"))
    assert.strictEqual(regex.line, 4)
    assert.match(regex.detail, /regular expression/)
    assert.strictEqual(error("flapping:\n  min_firing: 5 minutes\nroutes: [{ name: a }]\n").line, 2)
    const dup = error(["routes:", "  - name: a", "  - name: a"].join("\n"))
    assert.strictEqual(dup.line, 3)
    assert.match(dup.detail, /duplicate route name a/)
  })

  it("needs at least one route", () => {
    const e = error("flapping: {}\nroutes: []\n")
    assert.strictEqual(e.line, 2)
    assert.match(e.path, /^routes/)
  })

  it.effect("reads the credentials from the environment variables the config names, redacted", () =>
    Effect.gen(function* () {
      const config = Either.getOrThrow(
        BridgeConfig.parse(
          "auth: { bearer_token_env: T, basic: { username: am, password_env: P } }\nroutes: [{ name: a }]\n"
        )
      )
      const credentials = yield* BridgeConfig.auth(config).pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([
              ["T", "tok"],
              ["P", "pw"]
            ])
          )
        )
      )
      assert.strictEqual(Redacted.value(credentials.bearer!), "tok")
      assert.strictEqual(credentials.basic?.username, "am")
      assert.notInclude(String(credentials.basic?.password), "pw")
      const missing = yield* Effect.flip(
        BridgeConfig.auth(config).pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map())))
      )
      assert.match(String(missing), /T/)
    })
  )
})
