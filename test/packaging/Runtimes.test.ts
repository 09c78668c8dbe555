/**
 * Core is platform-agnostic: one example (list, create, update, delete a component) is bundled for a neutral platform
 * (esbuild fails on any Node built-in) and run on Bun and on Deno with `StatusPageFetch.layer()`, against the fake
 * server on loopback. Each runtime comes from its npm package (`bun`, `deno`), installed on first use into a cache
 * outside the repository and reused by later runs; a runtime that cannot be installed skips its test with the
 * reason printed.
 */
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as esbuild from "esbuild"

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, "../..")
/** Pinned, so that every run tests the same runtimes; bump together with the figures in the README. */
const runtimes = {
  bun: { version: "1.4.5", args: (file: string) => ["run", file] },
  deno: {
    version: "2.9.6",
    args: (file: string, port: number) => ["run", "--no-prompt", `--allow-net=127.0.0.1:${port}`, "--allow-env", file]
  }
} as const
const cache = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"),
  "effect-statuspage",
  "runtimes"
)
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|NODE_OPTIONS$|VITEST)/i.test(key))
) as NodeJS.ProcessEnv

/** The runtime's binary: from the cache, else installed there from npm now; `undefined` with the reason if not. */
const install = async (name: keyof typeof runtimes): Promise<{ bin: string } | { reason: string }> => {
  const { version } = runtimes[name]
  const dir = path.join(cache, `${name}@${version}`)
  const bin = path.join(dir, "node_modules", ".bin", name)
  const works = () =>
    run(bin, ["--version"], { env, timeout: 30_000 }).then(
      ({ stdout }) => stdout.includes(version),
      () => false
    )
  if (fs.existsSync(bin) && (await works())) return { bin }
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true }))
  const installed = await run(
    "npm",
    ["install", `${name}@${version}`, "--no-audit", "--no-fund", "--no-update-notifier"],
    { cwd: dir, env, timeout: 300_000 }
  ).then(
    () => undefined,
    (error: { stderr?: string; message: string }) =>
      (error.stderr || error.message).trim().split("\n").slice(-3).join(" ")
  )
  if (installed !== undefined) return { reason: `npm install ${name}@${version} failed: ${installed}` }
  if (!(await works())) return { reason: `${name}@${version} installed but \`${name} --version\` does not run here` }
  return { bin }
}

describe("core on fetch-only runtimes", () => {
  const fake = ManagedRuntime.make(StatusPageFakeServer.layer({ seed: "runtimes" }))
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "effect-statuspage-runtimes-"))
  const bundle = path.join(work, "example.mjs")
  let settings: Record<string, string> = {}
  let port = 0

  beforeAll(async () => {
    // platform "neutral": a Node built-in anywhere in what the example pulls in is a build error.
    await esbuild.build({
      entryPoints: [path.join(import.meta.dirname, "fixtures/runtime-example.ts")],
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      absWorkingDir: root,
      outfile: bundle,
      logLevel: "silent"
    })
    const { service, url } = await fake.runPromise(
      Effect.all({ service: StatusPageTest.FakeStatusPage, url: StatusPageFakeServer.baseUrl })
    )
    port = Number(new URL(url).port)
    settings = {
      STATUSPAGE_BASE_URL: url,
      STATUSPAGE_API_KEY: service.apiKey,
      STATUSPAGE_PAGE_ID: service.pageId,
      STATUSPAGE_ORGANIZATION_ID: service.organizationId
    }
  }, 60_000)

  afterAll(async () => {
    await fake.dispose()
    fs.rmSync(work, { recursive: true, force: true })
  })

  it.for(Object.keys(runtimes) as Array<keyof typeof runtimes>)(
    "%s: list, create, update, delete a component over loopback",
    { timeout: 420_000 },
    async (name, context) => {
      const runtime = await install(name)
      if ("reason" in runtime) {
        console.log(`SKIPPED ${name}: ${runtime.reason}`)
        return context.skip()
      }
      const service = await fake.runPromise(StatusPageTest.FakeStatusPage)
      await fake.runPromise(service.clearRequests)
      const { stdout } = await run(runtime.bin, runtimes[name].args(bundle, port), {
        cwd: work,
        env: { ...env, ...settings, DENO_NO_UPDATE_CHECK: "1", DENO_DIR: path.join(cache, "deno-dir") },
        timeout: 60_000
      })
      const result = JSON.parse(stdout.trim().split("\n").at(-1)!)
      expect(result).toEqual({
        before: result.before,
        created: "operational",
        updated: "major_outage",
        after: result.before
      })
      // The fake served exactly these four calls, so the runtime really went over the network to it.
      const requests = await fake.runPromise(service.requests)
      expect(requests.map((request) => `${request.method} ${request.status}`)).toEqual([
        "GET 200",
        "POST 201",
        "PATCH 200",
        "DELETE 204",
        "GET 200"
      ])
      console.log(`${name} ${runtimes[name].version}: ${JSON.stringify(result)}`)
    }
  )
})
