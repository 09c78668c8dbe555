/**
 * Bundle size (esbuild, minified, gzipped) of the minimal apps in `apps/`, and their cold start: process spawn to
 * the first completed request, against the bench server.
 */
import { spawn } from "node:child_process"
import * as Fs from "node:fs/promises"
import * as Os from "node:os"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as Zlib from "node:zlib"
import * as esbuild from "esbuild"
import { API_KEY } from "../test/support/fixtures.js"
import * as Payloads from "./payloads.js"
import * as Server from "./server.js"

export const apps = {
  rawFetch: "fetch + res.json() (no Effect)",
  handWritten: "hand-written HttpClient + Schema",
  oneAction: "one action (Components.list)",
  wholeClient: "whole client (StatusPageClient)"
} as const

export type App = keyof typeof apps

export interface Row {
  readonly app: App
  readonly label: string
  readonly minified: number
  readonly gzipped: number
  /** Median milliseconds from spawn to the printed result. */
  readonly coldStart: number
}

const here = Path.dirname(fileURLToPath(import.meta.url))

const build = async (app: App, outdir: string) => {
  const outfile = Path.join(outdir, `${app}.mjs`)
  await esbuild.build({
    entryPoints: [Path.join(here, "apps", `${app}.ts`)],
    outfile,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "silent"
  })
  const code = await Fs.readFile(outfile)
  return { outfile, minified: code.length, gzipped: Zlib.gzipSync(code, { level: 9 }).length }
}

const coldStart = (file: string, env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, [file], { env, stdio: ["ignore", "pipe", "inherit"] })
    // a child that neither answers nor exits must not hang the bench
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`${file} printed nothing within 30 s`))
    }, 30_000)
    let out = ""
    child.stdout.on("data", (chunk) => {
      out += chunk
      if (out.includes("\n")) {
        clearTimeout(timer)
        resolve(performance.now() - start)
      }
    })
    child.on("error", reject)
    child.on("exit", (code) => {
      clearTimeout(timer)
      if (!out.includes("\n")) reject(new Error(`${file} exited with ${code} before printing a result`))
    })
  })

const median = (xs: Array<number>) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!

export const run = async (options: { readonly coldStarts: number }): Promise<Array<Row>> => {
  const server = await Server.start({ "/v1/pages/bench/components": Payloads.components(100) })
  const outdir = await Fs.mkdtemp(Path.join(Os.tmpdir(), "statuspage-bench-"))
  const env = {
    PATH: process.env.PATH ?? "",
    STATUSPAGE_API_KEY: API_KEY,
    STATUSPAGE_PAGE_ID: "bench",
    STATUSPAGE_ORGANIZATION_ID: "org",
    STATUSPAGE_BASE_URL: `${server.origin}/v1`
  }
  try {
    const rows: Array<Row> = []
    for (const app of Object.keys(apps) as Array<App>) {
      const { outfile, minified, gzipped } = await build(app, outdir)
      const samples: Array<number> = []
      for (let i = 0; i < options.coldStarts; i++) samples.push(await coldStart(outfile, env))
      rows.push({ app, label: apps[app], minified, gzipped, coldStart: median(samples) })
    }
    return rows
  } finally {
    await Fs.rm(outdir, { recursive: true, force: true })
    await server.close()
  }
}
