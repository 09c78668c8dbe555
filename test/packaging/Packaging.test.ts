/**
 * The published artifacts, as a user gets them: every non-private package under `packages/*` is packed with
 * `pnpm pack` (its `prepack` rebuilds `dist`), its tarball checked (manifest, contents, size), and all of them are
 * installed with their peers by `npm install` into a scratch app outside the workspace, from a registry on
 * 127.0.0.1 that serves the tarballs and the versions this workspace has installed (no network). There, a plain-Node
 * ESM program runs against the fake started from the installed `statuspage-fake` bin, and a TypeScript program
 * type-checks under `--strict` with `moduleResolution` `node16` and `bundler`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@effect/vitest"
import * as LocalRegistry from "./support/localRegistry.js"
import * as Tarball from "./support/tarball.js"

const root = path.resolve(import.meta.dirname, "../..")
const run = promisify(execFile)
/** The environment of child processes, without what `pnpm test` set for its own scripts. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|NODE_OPTIONS$|VITEST)/i.test(key))
) as NodeJS.ProcessEnv
const pnpm = ["npx", "-y", "pnpm@10.34.8"] as const
const maxPackedBytes = 1024 * 1024

interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly license?: string
  readonly repository?: { readonly url?: string; readonly directory?: string }
  readonly homepage?: string
  readonly keywords?: ReadonlyArray<string>
  readonly engines?: { readonly node?: string }
  readonly sideEffects?: boolean | ReadonlyArray<string>
  readonly bin?: Record<string, string>
  readonly exports?: Record<string, unknown>
  readonly scripts?: Record<string, string>
  readonly publishConfig?: { readonly bin?: Record<string, string>; readonly exports?: Record<string, unknown> }
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly [key: string]: unknown
}

const readJson = (file: string): Manifest => JSON.parse(fs.readFileSync(file, "utf8"))

/** Every publishable package, found afresh: new ones are covered as soon as they exist. */
const packages = fs
  .readdirSync(path.join(root, "packages"))
  .map((dir) => ({
    dir: path.join(root, "packages", dir),
    manifest: readJson(path.join(root, "packages", dir, "package.json"))
  }))
  .filter(({ manifest }) => manifest.private !== true)

/** `sideEffects` globs (`*` within a segment) as a test on a package-relative path. */
const hasSideEffects = (sideEffects: Manifest["sideEffects"], file: string) =>
  sideEffects === undefined ||
  sideEffects === true ||
  (Array.isArray(sideEffects) &&
    sideEffects.some((glob) =>
      new RegExp(
        `^${glob
          .replace(/^\.\//, "")
          .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
          .replaceAll("*", "[^/]*")}$`
      ).test(file.replace(/^\.\//, ""))
    ))

describe("package sources", () => {
  it.each(packages.map(({ manifest, dir }) => [manifest.name, dir] as const))(
    "%s: README, LICENSE, metadata, prepack",
    (_name, dir) => {
      const manifest = readJson(path.join(dir, "package.json"))
      const missing = [
        ...["README.md", "LICENSE"].filter((file) => !fs.existsSync(path.join(dir, file))),
        ...(["license", "repository", "homepage", "keywords", "engines", "sideEffects"] as const).filter(
          (key) => manifest[key] === undefined
        )
      ]
      expect(missing, `${path.relative(root, dir)} lacks these (copy them from packages/core)`).toEqual([])
      expect(manifest.repository?.directory).toBe(path.relative(root, dir))
      expect(manifest.engines?.node).toBe(">=20")
      expect(manifest.scripts?.prepack, "prepack must rebuild dist").toBe("node ../../scripts/prepack.mjs")
      expect(manifest.exports?.["./package.json"]).toBe("./package.json")
      expect(manifest.publishConfig?.exports?.["./package.json"]).toBe("./package.json")
      const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8")
      expect(readme, "README: an install line").toMatch(new RegExp(`npm i[^\\n]*${manifest.name}`))
      expect(readme.match(/^```\w+\n/gm)?.length ?? 0, "README: an example besides the install line").toBeGreaterThan(1)
      expect(readme, "README: a link to the docs").toMatch(/\]\([^)]*docs\//)
    }
  )

  it("plain `npm pack` refuses with a message saying what to run instead", async () => {
    const result = await run("npm", ["pack", "--dry-run"], { cwd: packages[0]!.dir, env }).then(
      () => undefined,
      (error: { stderr: string }) => error.stderr
    )
    expect(result, "npm pack must fail").toBeDefined()
    expect(result).toContain("needs pnpm")
    expect(result).toContain("pnpm@10.34.8 pack")
  })
})

describe("packed and installed", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "effect-statuspage-pack-"))
  const app = path.join(work, "app")
  const packed: Array<{
    name: string
    dir: string
    file: string
    manifest: Manifest
    entries: Array<Tarball.TarEntry>
  }> = []
  let registry: LocalRegistry.LocalRegistry | undefined
  let fake: ChildProcess | undefined
  let failed = false
  const timings: Array<string> = []
  const timed = async <A>(label: string, f: () => Promise<A>) => {
    const start = Date.now()
    const result = await f()
    timings.push(`${label} ${((Date.now() - start) / 1000).toFixed(1)} s`)
    return result
  }

  beforeAll(async () => {
    const destination = path.join(work, "tarballs")
    fs.mkdirSync(destination)
    // A file left in dist by an earlier build must not ship: prepack starts from an empty dist.
    for (const { dir } of packages) {
      fs.mkdirSync(path.join(dir, "dist"), { recursive: true })
      fs.writeFileSync(path.join(dir, "dist", "Stale.js"), "export {}\n")
    }
    // Two at a time: each pack runs tsc.
    const queue = [...packages]
    await timed(`pack ${packages.length} packages`, () =>
      Promise.all(
        [0, 1].map(async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await run(pnpm[0], [...pnpm.slice(1), "pack", "--pack-destination", destination], { cwd: next.dir, env })
            // pnpm's name for it: @scope/name@version -> scope-name-version.tgz
            const file = `${next.manifest.name.replace(/^@/, "").replace("/", "-")}-${next.manifest.version}.tgz`
            const entries = Tarball.read(path.join(destination, file))
            const manifest = JSON.parse(entries.find((entry) => entry.path === "package.json")!.content.toString())
            packed.push({
              name: next.manifest.name,
              dir: next.dir,
              file: path.join(destination, file),
              manifest,
              entries
            })
          }
        })
      )
    )

    const peers = new Set(packed.flatMap(({ manifest }) => Object.keys(manifest.peerDependencies ?? {})))
    const tools = ["typescript", "@types/node"]
    registry = await timed("serve the dependencies", () =>
      LocalRegistry.start({
        tarballs: packed,
        extra: tools,
        workspace: root,
        cacheDir: path.join(root, "node_modules/.cache/packaging-registry")
      })
    )
    fs.mkdirSync(app)
    fs.writeFileSync(
      path.join(app, "package.json"),
      JSON.stringify({ name: "scratch-app", private: true, type: "module" })
    )
    await timed("npm install", () =>
      run(
        "npm",
        [
          "install",
          ...packed.map(({ name }) => name),
          ...peers,
          ...tools,
          `--registry=${registry!.url}`,
          `--cache=${path.join(work, "npm-cache")}`,
          "--no-audit",
          "--no-fund",
          "--no-update-notifier"
        ],
        { cwd: app, env }
      )
    )
  }, 900_000)

  afterEach((context) => {
    if (context.task.result?.state === "fail") failed = true
  })

  afterAll(async () => {
    fake?.kill()
    await registry?.close()
    console.log(timings.join(", "))
    // Kept after a failure, to look at.
    if (failed) console.log(`scratch app kept in ${app}`)
    else fs.rmSync(work, { recursive: true, force: true })
  }, 60_000)

  it("tarballs: manifest rewritten for publishing, only dist, src and the docs, within size", () => {
    const rows = packed.map(({ name, file, manifest, entries }) => {
      const files = entries.map((entry) => entry.path)
      // Files the package lists by name in `files` (e.g. a JSON Schema) are meant to ship.
      const listed = (packages.find((candidate) => candidate.manifest.name === name)!.manifest.files ??
        []) as Array<string>
      const stray = files.filter(
        (file) =>
          !["package.json", "README.md", "LICENSE", ...listed].includes(file) &&
          !/^dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map)$/.test(file) &&
          !/^src\/.+\.ts$/.test(file)
      )
      expect(stray, `${name}: stray files`).toEqual([])
      expect(
        files.filter((file) => /(^|\/)(test|tests|__tests__)\/|\.test\.|\.spec\./.test(file)),
        name
      ).toEqual([])
      expect(files, `${name}: a stale dist file was shipped`).not.toContain("dist/Stale.js")
      // Every source module has its build next to it: nothing missing from dist.
      const missing = files
        .filter((file) => /^src\/.+\.ts$/.test(file) && !file.endsWith(".d.ts"))
        .flatMap((file) => [
          file.replace(/^src\//, "dist/").replace(/\.ts$/, ".js"),
          file.replace(/^src\//, "dist/").replace(/\.ts$/, ".d.ts")
        ])
        .filter((file) => !files.includes(file))
      expect(missing, `${name}: missing from dist`).toEqual([])

      expect(JSON.stringify(manifest), `${name}: workspace: ranges must be rewritten`).not.toContain("workspace:")
      expect(JSON.stringify(manifest.exports), `${name}: exports must point at dist`).not.toContain("./src/")
      expect(manifest.exports?.["./package.json"]).toBe("./package.json")
      for (const [bin, target] of Object.entries(manifest.bin ?? {})) {
        const entry = entries.find((candidate) => candidate.path === target.replace(/^\.\//, ""))
        expect(entry, `${name}: bin ${bin}`).toBeDefined()
        expect(entry!.content.toString().startsWith("#!/usr/bin/env node"), `${name}: bin ${bin} shebang`).toBe(true)
        expect(hasSideEffects(manifest.sideEffects, target), `${name}: sideEffects must cover bin ${bin}`).toBe(true)
      }
      for (const file of ["README.md", "LICENSE"]) expect(files, name).toContain(file)
      const bytes = fs.statSync(file).size
      expect(bytes, `${name}: tarball size`).toBeLessThan(maxPackedBytes)
      return {
        name,
        files: files.length,
        packed: bytes,
        unpacked: entries.reduce((sum, entry) => sum + entry.size, 0),
        dist: files.filter((file) => file.startsWith("dist/")).length,
        src: files.filter((file) => file.startsWith("src/")).length
      }
    })
    console.log(
      [
        "package | files (dist + src + docs) | packed | unpacked",
        ...rows.map(
          (row) =>
            `${row.name} | ${row.files} (${row.dist} + ${row.src} + ${row.files - row.dist - row.src}) | ${(row.packed / 1024).toFixed(1)} KiB | ${(row.unpacked / 1024).toFixed(1)} KiB`
        ),
        `installed offline from ${registry!.served.length} packages served on loopback`
      ].join("\n")
    )
    expect(rows.map((row) => row.name).sort()).toEqual(packages.map(({ manifest }) => manifest.name).sort())
  })

  it("plain Node ESM: every package imports, and a first incident is opened on the fake from the installed bin", async () => {
    const bin = path.join(app, "node_modules/.bin/statuspage-fake")
    expect(fs.existsSync(bin), "statuspage-fake is linked by the install").toBe(true)
    fake = spawn(bin, ["--port", "0"], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] })
    const exports = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = ""
      fake!.stderr!.on("data", (chunk: Buffer) => {
        out += chunk
      })
      const timer = setTimeout(() => reject(new Error(`statuspage-fake printed no exports in 30 s:\n${out}`)), 30_000)
      fake!.stdout!.on("data", (chunk: Buffer) => {
        out += chunk
        const found = Object.fromEntries([...out.matchAll(/export (STATUSPAGE_\w+)=(\S+)/g)].map(([, k, v]) => [k, v]))
        if ("STATUSPAGE_ORGANIZATION_ID" in found) {
          clearTimeout(timer)
          resolve(found as Record<string, string>)
        }
      })
      fake!.on("exit", (code) => reject(new Error(`statuspage-fake exited with ${code}:\n${out}`)))
    })
    fs.copyFileSync(path.join(import.meta.dirname, "fixtures/app.mjs"), path.join(app, "app.mjs"))
    const { stdout } = await run(process.execPath, ["app.mjs"], {
      cwd: app,
      env: { ...env, ...exports, PACKAGES: packed.map(({ name }) => name).join(",") },
      timeout: 60_000
    })
    expect(JSON.parse(stdout)).toEqual({
      imported: packed.length,
      component: expect.any(String),
      status: "partial_outage",
      incident: "investigating"
    })
    // The fake itself saw it: the program did not talk to anything else.
    const response = await fetch(`${exports.STATUSPAGE_BASE_URL}/pages/${exports.STATUSPAGE_PAGE_ID}/incidents`, {
      headers: { authorization: `OAuth ${exports.STATUSPAGE_API_KEY}` }
    })
    expect((await response.json()).map((incident: { name: string }) => incident.name)).toEqual(["Elevated API errors"])
  })

  // Concurrently: two tsc processes.
  it.concurrent.each(["node16", "bundler"])(
    "TypeScript --strict with moduleResolution %s",
    async (resolution) => {
      const dir = path.join(app, resolution)
      fs.mkdirSync(dir, { recursive: true })
      fs.copyFileSync(path.join(import.meta.dirname, "fixtures/app.ts"), path.join(dir, "app.ts"))
      // Every entry point of every package, as a namespace: its declarations must resolve.
      fs.writeFileSync(
        path.join(dir, "entries.ts"),
        packed.map(({ name }, i) => `export * as P${i} from "${name}"\n`).join("")
      )
      const compilerOptions = {
        strict: true,
        noEmit: true,
        // Every declaration file checked once (node16); the bundler run checks resolution, at a third of the cost.
        skipLibCheck: resolution !== "node16",
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        types: ["node"],
        ...(resolution === "node16"
          ? { module: "node16", moduleResolution: "node16" }
          : { module: "preserve", moduleResolution: "bundler" })
      }
      fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts"] }))
      const tsc = createRequire(path.join(app, "package.json")).resolve("typescript/bin/tsc")
      const errors = await timed(`tsc ${resolution}`, () =>
        run(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { cwd: dir, env }).then(
          () => "",
          (error: { stdout: string }) => error.stdout
        )
      )
      if (errors !== "") throw new Error(`tsc (${resolution}) found errors:\n${errors}`)
    },
    240_000
  )
})
