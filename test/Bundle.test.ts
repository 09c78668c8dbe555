/**
 * Bundle separability: an app that imports one action from one resource module (`@effect-statuspage/core/<Module>`)
 * must not carry the other groups. Each module is bundled with esbuild (minified, tree-shaken) and the output's
 * inputs are checked; the sizes are printed next to the whole facade's.
 */
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Endpoint, StatusPageClient } from "@effect-statuspage/core"
import * as esbuild from "esbuild"
import { readSources } from "../scripts/docs.js"

const root = path.resolve(import.meta.dirname, "..")
const sources = readSources()
/** Each group's module file name and the first action it exports. */
const modules = Object.entries(StatusPageClient.groups).map(([group, exports]) => ({
  module: sources.get(group)!.module,
  action: Object.keys(exports).find((key) => Endpoint.isAction((exports as Record<string, unknown>)[key]))!
}))
const moduleFiles = new Set(modules.map(({ module }) => `${module}.ts`))

/** Each entry is a one-line app; esbuild reads it from memory. */
const bundle = async (entries: Record<string, string>) => {
  const result = await esbuild.build({
    entryPoints: Object.keys(entries).map((name) => `app:${name}`),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    absWorkingDir: root,
    outdir: "out",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "app",
        setup: (build) => {
          build.onResolve({ filter: /^app:/ }, (args) => ({ path: args.path.slice(4), namespace: "app" }))
          build.onLoad({ filter: /.*/, namespace: "app" }, (args) => ({
            contents: entries[args.path]!,
            resolveDir: root,
            loader: "ts"
          }))
        }
      }
    ]
  })
  return Object.values(result.metafile.outputs).map((output) => {
    const core = Object.entries(output.inputs).filter(
      ([file, input]) => file.includes("packages/core/src/") && input.bytesInOutput > 0
    )
    return {
      entry: output.entryPoint!.replace(/^app:/, ""),
      bytes: output.bytes,
      coreBytes: core.reduce((sum, [, input]) => sum + input.bytesInOutput, 0),
      /** Core source files that kept code in this output, relative to `packages/core/src`. */
      core: core.map(([file]) => file.split("packages/core/src/")[1]!)
    }
  })
}

describe("bundle separability", () => {
  it("one action from one module carries no other group, and the shared core no model at all", async () => {
    const entries: Record<string, string> = {
      StatusPageClient: `import { StatusPageClient } from "@effect-statuspage/core"\nexport const app = StatusPageClient.make`,
      Endpoint: `import { make } from "@effect-statuspage/core/Endpoint"\nexport const app = make`
    }
    for (const { module, action } of modules) {
      entries[module] =
        `import { ${action} as action } from "@effect-statuspage/core/${module}"\nexport const app = action`
    }
    const outputs = new Map((await bundle(entries)).map((output) => [output.entry, output]))
    const size = (entry: string) => {
      const output = outputs.get(entry)!
      return `${output.bytes} bytes minified, ${output.coreBytes} of them from packages/core`
    }
    const lines = [`whole facade: ${size("StatusPageClient")}`, `shared core (Endpoint.make): ${size("Endpoint")}`]

    const core = outputs.get("Endpoint")!.core
    expect(core.filter((file) => moduleFiles.has(file) || file.startsWith("internal/schema/"))).toEqual([])
    for (const { module, action } of modules) {
      const output = outputs.get(module)!
      const others = output.core.filter((file) => file !== `${module}.ts` && moduleFiles.has(file))
      expect(others, `${module} drags in other groups`).toEqual([])
      expect(output.core).not.toContain("StatusPageClient.ts")
      expect(output.core).not.toContain("index.ts")
      lines.push(`${module}.${action}: ${size(module)}`)
    }
    for (const file of moduleFiles) expect(outputs.get("StatusPageClient")!.core).toContain(file)
    console.log(lines.join("\n"))
  })
})
