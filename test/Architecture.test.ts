/**
 * ARCHITECTURE.md's map names every source file of every package, and nothing that does not exist. In the map, an
 * entry is a line indented less than the description column whose first words are file names (`a.ts` or `a.ts, b.ts`)
 * or one folder (`internal/`), followed by two spaces; a folder's entries are indented below it.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"

const root = path.resolve(import.meta.dirname, "..")

const sourcesOf = (dir: string, base = dir): Array<string> =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourcesOf(path.join(dir, entry.name), base)
        : entry.name.endsWith(".ts")
          ? [path.relative(base, path.join(dir, entry.name))]
          : []
    )

const entry = /^( +)([\w./-]+(?:\.ts|\/)(?:, [\w./-]+\.ts)*)(?: {2}|$)/

/** The files the map names under each `packages/<name>/src/` heading, as paths relative to the package's src. */
const mapped = (markdown: string): Map<string, Set<string>> => {
  const map = markdown.slice(markdown.indexOf("## Map"))
  const block = map.slice(map.indexOf("```") + 3, map.indexOf("```", map.indexOf("```") + 3))
  const sections = new Map<string, Set<string>>()
  let files: Set<string> | undefined
  let folders: Array<{ indent: number; name: string }> = []
  for (const line of block.split("\n")) {
    if (/^\S/.test(line)) {
      const heading = /^packages\/([\w-]+)\/src\//.exec(line)
      files = heading === null ? undefined : new Set()
      if (heading !== null) sections.set(heading[1]!, files!)
      folders = []
      continue
    }
    const match = entry.exec(line)
    if (files === undefined || match === null || match[1]!.length >= 20) continue
    const indent = match[1]!.length
    folders = folders.filter((folder) => folder.indent < indent)
    const prefix = folders.map((folder) => folder.name).join("")
    const names = match[2]!.split(", ")
    if (names.length === 1 && names[0]!.endsWith("/")) folders.push({ indent, name: names[0]! })
    else for (const name of names) files.add(prefix + name)
  }
  return sections
}

describe("ARCHITECTURE.md", () => {
  it("the map names every source file of every package, and only files that exist", () => {
    const sections = mapped(fs.readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8"))
    const packages = fs
      .readdirSync(path.join(root, "packages"))
      .filter((name) => fs.existsSync(path.join(root, "packages", name, "src")))
    assert.deepStrictEqual([...sections.keys()].sort(), [...packages].sort(), "one map section per package")
    const problems = packages.flatMap((name) => {
      const actual = sourcesOf(path.join(root, "packages", name, "src"))
      const named = [...(sections.get(name) ?? [])]
      return [
        ...actual.filter((file) => !named.includes(file)).map((file) => `packages/${name}/src/${file}: not in the map`),
        ...named.filter((file) => !actual.includes(file)).map((file) => `packages/${name}/src/${file}: does not exist`)
      ]
    })
    assert.deepStrictEqual(problems.sort(), [])
  })
})
