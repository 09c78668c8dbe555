/** The committed reference pages are exactly what `scripts/docs.ts` generates, so they never drift from the code. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { outDir, readModule, render } from "../scripts/docs.js"

describe("docs/reference", () => {
  const pages = render()

  it("has one page per resource group and an index, and nothing else", () => {
    expect(fs.readdirSync(outDir).sort(), "run `pnpm run docs` and commit docs/reference").toEqual(
      [...pages.keys()].sort()
    )
  })

  for (const [file, content] of pages) {
    it(`${file} is up to date`, () => {
      const committed = fs.existsSync(path.join(outDir, file)) ? fs.readFileSync(path.join(outDir, file), "utf8") : ""
      expect(committed, `docs/reference/${file} is stale: run \`pnpm run docs\` and commit it`).toBe(content)
    })
  }

  it("lists each input field with its type, allowed values and limits, from the schemas", () => {
    const components = pages.get("components.md")!
    // per the API digest: at most 100 a page; the five statuses a caller may set
    expect(components).toContain("| `per_page` | number (integer, ≥ 1, ≤ 100) | no |")
    expect(components).toContain(
      '| `status` | one of `"operational"`, `"under_maintenance"`, `"degraded_performance"`, `"partial_outage"`, `"major_outage"` | no |'
    )
    expect(components).toContain("| `name` | string (at least 1 character) | yes |")
    expect(pages.get("incidents.md")!).toContain("| `name` | string (at least 1 character, at most 255 characters) |")
  })

  it("shows how to get `client` for the facade on every page", () => {
    for (const [file, content] of pages) {
      if (file !== "README.md") expect(content, file).toContain("const client = yield* StatusPageClient.make")
    }
  })

  it("reads doc comments from the syntax tree, whatever the declaration's layout", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "docs-")), "Odd.ts")
    fs.writeFileSync(
      file,
      [
        "/** The module's summary. */",
        'import * as Endpoint from "./Endpoint.js"',
        "",
        "/** Lists things. */",
        "// a line comment between the doc and the declaration",
        "export const list = /* inline */ Endpoint.make({ path: `/pages/{page_id}/things`, method: 'GET', success: {}",
        '  , name: "things.list" })',
        "",
        "/**",
        " * Gets one thing.",
        " *",
        " * @since 0.1.0",
        " */",
        "export const",
        "  get = withDefaults(Endpoint.make)({ name: `things.get`, method: 'GET', path: '/things/{id}' })",
        "const notExported = 1"
      ].join("\n")
    )
    const source = readModule("Odd", file)
    expect(source.summary).toBe("The module's summary.")
    expect([...source.docs]).toEqual([
      ["list", "Lists things."],
      ["get", "Gets one thing."]
    ])
  })
})
