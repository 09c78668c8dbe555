import * as Fs from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { DesiredStateFile } from "@effect-statuspage/desired-state"
import * as Effect from "effect/Effect"

const failure = (text: string) => Effect.flip(DesiredStateFile.parse(text, "page.yaml"))

describe("DesiredStateFile", () => {
  it.effect("parses the example file, YAML and the same as JSON", () =>
    Effect.gen(function* () {
      const text = Fs.readFileSync("examples/desired-state/statuspage.yaml", "utf8")
      const file = yield* DesiredStateFile.parse(text)
      assert.strictEqual(file.components?.length, 4)
      assert.deepStrictEqual(file.groups?.[0]?.components, ["API", "Database"])
      const again = yield* DesiredStateFile.parse(DesiredStateFile.stringify(file, "json"))
      assert.deepStrictEqual({ ...again, $schema: undefined }, { ...file, $schema: undefined })
      const yaml = yield* DesiredStateFile.parse(DesiredStateFile.stringify(file, "yaml"))
      assert.deepStrictEqual(yaml, file)
    })
  )

  it.effect("a schema error names its line and column", () =>
    Effect.gen(function* () {
      const error = yield* failure(
        ["version: 1", "components:", "  - name: API", "  - name: DB", "    showcase: yes please", ""].join("\n")
      )
      assert.strictEqual(error._tag, "FileError")
      assert.lengthOf(error.issues, 1)
      assert.include(error.issues[0]!, { path: "components[1].showcase", line: 5, column: 15 })
      assert.match(error.message, /^page\.yaml:5:15: components\[1\]\.showcase: Expected boolean/)
    })
  )

  it.effect("a missing field points at the mapping that lacks it; unknown fields are errors", () =>
    Effect.gen(function* () {
      const error = yield* failure(["version: 1", "groups:", "  - name: Core", "    colour: blue", ""].join("\n"))
      const paths = error.issues.map((i) => [i.path, i.line])
      assert.deepInclude(paths, ["groups[0].components", 3])
      assert.deepInclude(paths, ["groups[0].colour", 4])
    })
  )

  it.effect("cross-checks: duplicate names, unknown members, a component in two groups", () =>
    Effect.gen(function* () {
      const error = yield* failure(
        [
          "version: 1",
          "components:",
          "  - name: API",
          "  - name: API",
          "groups:",
          "  - name: A",
          "    components: [API, Ghost]",
          "  - name: B",
          "    components: [API]",
          ""
        ].join("\n")
      )
      const messages = error.issues.map((i) => `${i.line}: ${i.message}`)
      assert.deepStrictEqual(messages, [
        '4: "API" is declared twice',
        '7: no component "Ghost" in components',
        '9: "API" is already a member of "A"'
      ])
    })
  )

  it.effect("YAML syntax errors and duplicate keys have lines too", () =>
    Effect.gen(function* () {
      const error = yield* failure(["version: 1", "version: 1", ""].join("\n"))
      assert.strictEqual(error.issues[0]!.line, 2)
    })
  )

  it("the committed JSON Schema is the generated one", () => {
    const committed = JSON.parse(Fs.readFileSync("packages/desired-state/statuspage.schema.json", "utf8"))
    assert.deepStrictEqual(committed, JSON.parse(JSON.stringify(DesiredStateFile.jsonSchema)))
  })
})
