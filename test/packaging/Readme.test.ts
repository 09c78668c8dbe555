/**
 * Every TypeScript block of the READMEs (the root one and each package's) compiles as written: each block is its own
 * module, type-checked under the workspace's strict settings against the packages' sources, so a reader can paste
 * any block into a file and it builds (imports included, no `yield*` outside a generator).
 */
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import * as Core from "@effect-statuspage/core"
import { Endpoint } from "@effect-statuspage/core"

const root = path.resolve(import.meta.dirname, "../..")
// Inside node_modules so that the blocks resolve packages exactly as a file in this repository would.
const outDir = path.join(root, "node_modules/.cache/readme-blocks")

const readmes = [
  "README.md",
  ...fs
    .readdirSync(path.join(root, "packages"))
    .map((name) => `packages/${name}/README.md`)
    .filter((file) => fs.existsSync(path.join(root, file)))
]

interface Block {
  readonly readme: string
  /** 1-based line of the block's first code line in the README. */
  readonly line: number
  readonly code: string
}

const blocks: Array<Block> = readmes.flatMap((readme) => {
  const text = fs.readFileSync(path.join(root, readme), "utf8")
  return [...text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((match) => ({
    readme,
    line: text.slice(0, match.index).split("\n").length + 1,
    code: match[1]!
  }))
})

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")

describe("README TypeScript blocks", () => {
  // tsc runs in a child process: a synchronous compile of this size would stall the test worker.
  it("every block type-checks on its own under --strict", { timeout: 240_000 }, async () => {
    fs.rmSync(outDir, { recursive: true, force: true })
    fs.mkdirSync(outDir, { recursive: true })
    const files = new Map(
      blocks.map((block) => {
        const file = `${block.readme.replaceAll("/", "_")}-L${block.line}.ts`
        fs.writeFileSync(path.join(outDir, file), block.code)
        return [file, block] as const
      })
    )
    const tsconfig = {
      extends: path.join(root, "tsconfig.base.json"),
      // A snippet may show a value without using it; each block is a module of its own.
      compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false, moduleDetection: "force" },
      files: [...files.keys()]
    }
    fs.writeFileSync(path.join(outDir, "tsconfig.json"), JSON.stringify(tsconfig))
    const output = await promisify(execFile)(process.execPath, [tsc, "-p", ".", "--pretty", "false"], {
      cwd: outDir
    }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error)
    )
    // Paths are relative to outDir. Errors inside the packages' sources are `pnpm check`'s business.
    const errors = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)].flatMap(
      ([, file, line, message]) => {
        const block = files.get(file!)
        return block ? [`${block.readme}:${block.line + Number(line) - 1}: ${message}`] : []
      }
    )

    console.log(`${blocks.length} TypeScript blocks in ${readmes.join(", ")}`)
    expect(blocks.length).toBeGreaterThan(0)
    expect(errors).toEqual([])
    expect(output, "tsc failed outside the blocks").not.toMatch(/error TS/)
  })
})

describe("README migration table", () => {
  it("names only actions that exist", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
    const section = readme.slice(readme.indexOf("## Coming from python-statuspageio"))
    const rows = [...section.matchAll(/^\| `client\.\w+\.\w+\(.*?\)` \| `(\w+)\.(\w+)\(/gm)]
    expect(rows.length).toBeGreaterThanOrEqual(26) // every call of python-statuspageio's client
    const missing = rows.filter(([, module, action]) => !Endpoint.isAction((Core as any)[module!]?.[action!]))
    expect(missing.map(([row]) => row)).toEqual([])
  })
})
