/**
 * The whole bench: per-call times against raw HTTP, decode throughput, bundle sizes and cold start, printed as
 * tables. `main.ts` runs it at full size; the test suite runs it at smoke size so it cannot rot.
 */
import * as Os from "node:os"
import * as Bridge from "./bridge.js"
import * as Bundle from "./bundle.js"
import * as Decode from "./decode.js"
import * as DesiredState from "./desiredState.js"
import * as ImportTime from "./importTime.js"
import * as PerCall from "./perCall.js"
import * as Workflows from "./workflows.js"

export interface Profile {
  readonly perCall: PerCall.Options
  readonly decode: { readonly rounds: number; readonly minMillis: number }
  readonly coldStarts: number
  readonly desiredState: DesiredState.Options
  readonly workflows: Workflows.Options
  /** How many of the bridge's burst scenarios to run. */
  readonly bridgeScenarios: number
}

export const full: Profile = {
  perCall: { warmup: 300, iterations: 1500 },
  decode: { rounds: 5, minMillis: 200 },
  coldStarts: 5,
  desiredState: { components: 150, groups: 15, subscribers: 5000, limit: 60, window: "2 seconds" },
  // the issue's sizes, under Statuspage's limit of 60 per minute scaled to 60 per 5 s: at 60 per second the in-process
  // fake itself, not the pacing, is the bottleneck on a loaded 2-core machine (304 unpaced requests took 8.5 s there)
  workflows: { components: 300, points: 10_000, batchSize: 50, limit: 60, window: "5 seconds" },
  bridgeScenarios: Bridge.scenarios.length
}

export const smoke: Profile = {
  perCall: { warmup: 2, iterations: 10 },
  decode: { rounds: 1, minMillis: 5 },
  coldStarts: 1,
  desiredState: { components: 15, groups: 3, subscribers: 250, limit: 60, window: "200 millis" },
  workflows: { components: 5, points: 20, batchSize: 5, limit: 1000, window: "1 second" },
  bridgeScenarios: 1
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`
  return [line(header), rule, ...rows.map(line)].join("\n")
}

const ms = (x: number) => `${(x * 1000).toFixed(0)} µs`
const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}x`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export const run = async (profile: Profile, print: (line: string) => void): Promise<void> => {
  const cpu = Os.cpus()[0]?.model ?? "unknown CPU"
  print(
    `effect-statuspage bench: ${new Date().toISOString()}, Node ${process.version}, ${cpu} x${Os.cpus().length}, load ${Os.loadavg()[0]!.toFixed(2)}`
  )

  print("\nPer call, median (a: undici.request + JSON.parse; b: fetch + res.json(); c: our action, decoded;")
  print(
    "d: our action through the production policy layers; e: the HttpClient under c alone, JSON.parse, no decoding;\n" +
      "f: c over the platform's NodeHttpClient.layerUndici instead of UndiciHttpClient)\n"
  )
  const perCall = await PerCall.run(profile.perCall)
  print(
    table(
      [
        "payload",
        "a undici",
        "b fetch",
        "c action",
        "d policies",
        "e HttpClient",
        "f platform",
        "c/a",
        "c/b",
        "d/a",
        "e/a",
        "f/a"
      ],
      perCall.map((r) => [
        r.payload,
        ms(r.undici),
        ms(r.fetch),
        ms(r.action),
        ms(r.policies),
        ms(r.platform),
        ms(r.platformAction),
        ratio(r.action, r.undici),
        ratio(r.action, r.fetch),
        ratio(r.policies, r.undici),
        ratio(r.platform, r.undici),
        ratio(r.platformAction, r.undici)
      ])
    )
  )

  print("\nDecode throughput, 100-component list already parsed\n")
  print(
    table(
      ["model", "items/s"],
      Decode.run(profile.decode).map((r) => [r.model, Math.round(r.itemsPerSecond).toLocaleString("en-US")])
    )
  )

  print("\nBundle (esbuild --minify, gzip -9) and cold start (spawn to first completed request, median)\n")
  const bundles = await Bundle.run({ coldStarts: profile.coldStarts })
  const handWritten = bundles.find((b) => b.app === "handWritten")!
  print(
    table(
      ["app", "minified", "gzipped", "gzipped vs hand-written", "cold start"],
      bundles.map((b) => [
        b.label,
        kb(b.minified),
        kb(b.gzipped),
        b.app === "rawFetch"
          ? ""
          : `${b.gzipped >= handWritten.gzipped ? "+" : ""}${kb(b.gzipped - handWritten.gzipped)}`,
        `${b.coldStart.toFixed(0)} ms`
      ])
    )
  )

  const ds = await DesiredState.run(profile.desiredState)
  const { apply, secondApply, exportSubscribers: ex } = ds
  print(
    `\nDesired state (in-process fake limiting to ${profile.desiredState.limit} requests per rolling ` +
      `${apply.windowMillis} ms, policies in front): apply of ${profile.desiredState.components} components / ` +
      `${profile.desiredState.groups} groups to an empty page, the second apply, a subscriber export\n`
  )
  print(
    table(
      [
        "run",
        "reads",
        "writes",
        "creates planned",
        "rejections",
        "wall",
        "wall, no limit",
        "requests",
        "ceil(req/limit) windows",
        "wall / windows"
      ],
      [
        [
          "first apply",
          String(apply.reads),
          String(apply.writes),
          String(apply.creates),
          String(apply.rejections),
          `${apply.wallMillis.toFixed(0)} ms`,
          `${apply.unpacedMillis.toFixed(0)} ms`,
          String(apply.requests),
          `${apply.windows} = ${apply.windows * apply.windowMillis} ms`,
          ratio(apply.wallMillis, apply.windows * apply.windowMillis)
        ],
        ["second apply", String(secondApply.reads), String(secondApply.writes), "0", "", "", "", "", "", ""]
      ]
    )
  )
  print("")
  print(
    table(
      ["export", "subscribers", "requests", "subscriber pages", "file", "retained heap (peak - baseline)"],
      [
        ["small", String(ex.smallSubscribers), "", "", "", kb(ex.heapGrowthSmallBytes)],
        [
          "large",
          String(ex.subscribers),
          String(ex.requests),
          String(ex.subscriberPages),
          kb(ex.fileBytes),
          kb(ex.heapGrowthBytes)
        ]
      ]
    )
  )

  const { limit, window } = profile.workflows
  print(`\nJobs under a rolling limit of ${limit} requests per ${window} (fake and client pacing set alike)\n`)
  print(
    table(
      ["job", "requests", "rejected", "wall", "windows", "budget use"],
      (await Workflows.run(profile.workflows)).map((r) => [
        r.job,
        String(r.requests),
        String(r.rejected),
        `${(r.wallMillis / 1000).toFixed(2)} s`,
        String(r.windows),
        `${(r.budgetUse * 100).toFixed(1)}%`
      ])
    )
  )
  print("\nImport time (fresh process, tsx over the workspace sources, median)\n")
  const imports = await ImportTime.run({ samples: profile.coldStarts })
  print(
    table(
      ["import", "time"],
      imports.map((r) => [r.label, `${r.millis.toFixed(0)} ms`])
    )
  )

  print("\nAlert bridge: 500 alerts over 25 components in 50 webhooks, against the fake with its rate limit on\n")
  const bursts: Array<Bridge.Figures> = []
  for (const scenario of Bridge.scenarios.slice(0, profile.bridgeScenarios)) bursts.push(await Bridge.run(scenario))
  print(
    table(
      ["scenario", "requests", "writes", "rejections", "coalesced", "first webhook to last write"],
      bursts.map((b) => [
        b.label,
        String(b.requests),
        String(b.writes),
        String(b.rejections),
        String(b.coalesced),
        `${b.millis.toFixed(0)} ms`
      ])
    )
  )
}
