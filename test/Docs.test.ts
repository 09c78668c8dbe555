/** The committed reference pages are exactly what `scripts/docs.ts` generates, so they never drift from the code. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { outDir, render } from "../scripts/docs.js"

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
})
