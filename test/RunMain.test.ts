/**
 * What a user sees when `NodeRuntime.runMain` prints a configuration failure: a child Node process per case, with
 * none of the STATUSPAGE_* variables but those the case sets.
 */
import { spawn } from "node:child_process"
import { assert, describe, it } from "@effect/vitest"

const program = (layer: string) => `
  import { NodeRuntime } from "@effect/platform-node"
  import { Components } from "@effect-statuspage/core"
  import { StatusPageNode } from "@effect-statuspage/platform-node"
  import { Effect } from "effect"
  NodeRuntime.runMain(Components.list().pipe(Effect.provide(StatusPageNode.${layer})))`

const runMain = (layer: string, env: Record<string, string> = {}) =>
  new Promise<{ status: number | null; output: string }>((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("STATUSPAGE_")))
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program(layer)], {
      env: { ...clean, ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.on("close", (status) => {
      clearTimeout(timer)
      resolve({ status, output: output.trim() })
    })
  })

const cases: ReadonlyArray<readonly [string, string, Record<string, string>, RegExp]> = [
  ["layer(), no key", "layer()", {}, /ConfigurationError: the API key is not set: set apiKey \(STATUSPAGE_API_KEY\)/],
  ["layerConfig(), no key", "layerConfig()", {}, /ConfigurationError: .*STATUSPAGE_API_KEY/],
  [
    "layer(), an invalid base URL",
    "layer()",
    { STATUSPAGE_API_KEY: "k", STATUSPAGE_BASE_URL: "ftp://example.com" },
    /ConfigurationError: the base URL must use https: set baseUrl \(STATUSPAGE_BASE_URL\)/
  ],
  [
    "layerConfig(), a timeout that is not a duration",
    "layerConfig()",
    { STATUSPAGE_API_KEY: "k", STATUSPAGE_TIMEOUT: "soon" },
    /STATUSPAGE_TIMEOUT.*Expected a duration/
  ],
  [
    "a page action with no page id (at call time)",
    "layer()",
    { STATUSPAGE_API_KEY: "k", STATUSPAGE_BASE_URL: "http://127.0.0.1:9" },
    /ConfigurationError: components\.list acts on a page and no page id is set: set pageId \(STATUSPAGE_PAGE_ID\)/
  ]
]

describe("configuration failures through NodeRuntime.runMain", () => {
  it("print one readable message naming the variable, without a stack trace", { timeout: 300_000 }, async () => {
    const runs = await Promise.all(cases.map(([, layer, env]) => runMain(layer, env)))
    for (const [i, [name, , , expected]] of cases.entries()) {
      const { status, output } = runs[i]!
      assert.strictEqual(status, 1, `${name}: ${output}`)
      assert.match(output, expected, name)
      const lines = output.split("\n")
      // the log line, the error; at most the action's span, named without a file
      assert.isAtMost(lines.length, 3, `${name}:\n${output}`)
      assert.isFalse(/\.(ts|js|mjs):\d+/.test(output), `${name} prints no stack frames:\n${output}`)
      assert.notInclude(output, "k\n")
    }
  })
})
