/**
 * The fake's modules import one another one way only: no module reaches itself again through its relative imports
 * (type-only imports included: a cycle of types still ties two modules into one).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"

const root = path.resolve(import.meta.dirname, "../../packages/testing/src")

const sources = (dir: string): Array<string> =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sources(path.join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [path.join(dir, entry.name)]
          : []
    )

/** The relative imports and re-exports of a file, as absolute `.ts` paths. */
const importsOf = (file: string): Array<string> =>
  [...fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)[^"]*?from "(\.{1,2}\/[^"]+)\.js"/gms)].map((m) =>
    path.resolve(path.dirname(file), `${m[1]}.ts`)
  )

/** Every cycle found by a depth-first walk, each as the list of files from its first module back to it. */
const cycles = (files: ReadonlyArray<string>): Array<Array<string>> => {
  const graph = new Map(files.map((file) => [file, importsOf(file)]))
  const found: Array<Array<string>> = []
  const done = new Set<string>()
  const visit = (file: string, stack: Array<string>) => {
    const at = stack.indexOf(file)
    if (at >= 0) return void found.push([...stack.slice(at), file].map((f) => path.relative(root, f)))
    if (done.has(file)) return
    stack.push(file)
    for (const next of graph.get(file) ?? []) visit(next, stack)
    stack.pop()
    done.add(file)
  }
  for (const file of files) visit(file, [])
  return found
}

describe("@effect-statuspage/testing imports", () => {
  it("has no import cycle", () => {
    const files = sources(root)
    assert.isAbove(files.length, 10)
    assert.deepStrictEqual(cycles(files), [])
  })
})
