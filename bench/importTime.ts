/**
 * Import time of the Node package's entry points: a fresh Node process (with tsx, as the workspace ships sources)
 * times the dynamic import of each module list, so that the cost `ioredis` adds is visible beside the index alone.
 */
import { spawn } from "node:child_process"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

export const entries = {
  index: ["@effect-statuspage/platform-node"],
  indexAndRedis: ["@effect-statuspage/platform-node", "@effect-statuspage/platform-node/RedisRateLimiter"]
} as const

export const labels: Record<keyof typeof entries, string> = {
  index: "@effect-statuspage/platform-node",
  indexAndRedis: "... + /RedisRateLimiter (ioredis; what the index loaded before)"
}

export interface Row {
  readonly entry: keyof typeof entries
  readonly label: string
  /** Median milliseconds of the imports, in a fresh process. */
  readonly millis: number
}

const root = Path.join(Path.dirname(fileURLToPath(import.meta.url)), "..")

const once = (modules: ReadonlyArray<string>): Promise<number> =>
  new Promise((resolve, reject) => {
    const script = `const t = performance.now(); for (const m of ${JSON.stringify(modules)}) await import(m); console.log(performance.now() - t)`
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    child.stdout.on("data", (chunk) => (out += chunk))
    child.on("error", reject)
    child.on("exit", (code) => (code === 0 ? resolve(Number.parseFloat(out)) : reject(new Error(`exit ${code}`))))
  })

const median = (xs: Array<number>) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!

export const run = async (options: { readonly samples: number }): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  for (const entry of Object.keys(entries) as Array<keyof typeof entries>) {
    const samples: Array<number> = []
    for (let i = 0; i < options.samples; i++) samples.push(await once(entries[entry]))
    rows.push({ entry, label: labels[entry], millis: median(samples) })
  }
  return rows
}
