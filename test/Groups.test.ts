/**
 * One list of resource groups: core's `internal/groups.ts` names each group module once; the barrel re-exports that
 * list, the facade (`StatusPageClient.groups`) is derived from it, and the fake's handler registry is typed by it.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Core from "@effect-statuspage/core"
import { handlers } from "../packages/testing/src/internal/handlers.js"

const src = path.resolve(import.meta.dirname, "../packages/core/src")

const hasActions = (module: object) => Object.values(module).some(Core.Endpoint.isAction)
const groupModules = Object.entries(Core).filter(([, module]) => hasActions(module))
const facadeName = (module: string) => module[0]!.toLowerCase() + module.slice(1)

/** Every `.ts` file of core, relative to its `src`. */
const sources = (dir: string): Array<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    return entry.isDirectory() ? sources(file) : entry.name.endsWith(".ts") ? [path.relative(src, file)] : []
  })

describe("the list of resource groups", () => {
  it("the facade has every module of core that declares actions, under its module name in camelCase", () => {
    assert.isAbove(groupModules.length, 10)
    assert.deepStrictEqual(
      Object.keys(Core.StatusPageClient.groups).sort(),
      groupModules.map(([name]) => facadeName(name)).sort()
    )
    for (const [name, module] of groupModules) {
      assert.strictEqual((Core.StatusPageClient.groups as Record<string, unknown>)[facadeName(name)], module, name)
    }
  })

  it("names each group module in one file of core only", () => {
    const files = sources(src)
    for (const [name] of groupModules) {
      const listing = files.filter((file) =>
        new RegExp(`(import|export) \\* as ${name} from "\\.{1,2}/${name}\\.js"`).test(
          fs.readFileSync(path.join(src, file), "utf8")
        )
      )
      assert.deepStrictEqual(listing, ["internal/groups.ts"], name)
    }
  })

  it("the fake registers handlers for every group, and for no other name", () => {
    assert.deepStrictEqual(Object.keys(handlers).sort(), Object.keys(Core.StatusPageClient.groups).sort())
  })
})
