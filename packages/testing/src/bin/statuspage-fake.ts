#!/usr/bin/env node
/**
 * `statuspage-fake [--port 4010] [--host 127.0.0.1] [--seed demo] [--rate-limit]`: serves a fresh fake Statuspage
 * until interrupted and prints how to reach it. `--rate-limit` enforces the real limit (60 requests per 60 s).
 * Problems with the arguments or the port are one line on stderr and a non-zero exit (2 for usage, 1 for the port).
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as StatusPageFakeServer from "../StatusPageFakeServer.js"
import * as StatusPageTest from "../StatusPageTest.js"

const usage = `usage: statuspage-fake [--port <n>] [--host <address>] [--seed <text>] [--rate-limit]

Serves a fake Statuspage Manage API (and the public Status API v2) in memory until Ctrl-C.

  --port <n>          port to listen on (default 0: a free port)
  --host <address>    address to bind (default 127.0.0.1; anything else is reachable from other machines)
  --seed <text>       seed of the ids: the same seed gives the same ids (default demo)
  --rate-limit        enforce Statuspage's limit: 60 requests per rolling 60 s per key, then 420
  -h, --help          print this and exit`

const fail = (line: string, code: number): never => {
  console.error(`statuspage-fake: ${line}`)
  process.exit(code)
}

const parse = () => {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "0" },
        host: { type: "string", default: "127.0.0.1" },
        seed: { type: "string", default: "demo" },
        "rate-limit": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false }
      }
    }).values
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)} (see --help)`, 2)
  }
}

const values = parse()
if (values.help) {
  console.log(usage)
  process.exit(0)
}

const port = Number(values.port)
if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be a port number, not ${values.port}`, 2)

/** One line for a server that could not listen, naming the address and the system's reason. */
const cannotListen = (cause: unknown): string => {
  const code = (cause as { readonly code?: unknown } | undefined)?.code
  const where = `${values.host}:${port}`
  if (code === "EADDRINUSE") return `cannot listen on ${where}: the port is in use (choose another with --port)`
  if (code === "EADDRNOTAVAIL") return `cannot listen on ${where}: no such address on this machine`
  if (code === "EACCES") return `cannot listen on ${where}: permission denied (choose a port above 1023)`
  return `cannot listen on ${where}: ${typeof code === "string" ? code : String(cause)}`
}

const program = Effect.gen(function* () {
  const fake = yield* StatusPageTest.FakeStatusPage
  const url = yield* StatusPageFakeServer.baseUrl
  yield* Console.log(
    [
      `fake Statuspage listening on ${url}`,
      "",
      `  export STATUSPAGE_BASE_URL=${url}`,
      `  export STATUSPAGE_API_KEY=${fake.apiKey}`,
      `  export STATUSPAGE_PAGE_ID=${fake.pageId}`,
      `  export STATUSPAGE_ORGANIZATION_ID=${fake.organizationId}`,
      "",
      `  curl -H "Authorization: OAuth ${fake.apiKey}" ${url}/pages/${fake.pageId}/components`,
      "",
      "Ctrl-C stops it; its state lives in memory only."
    ].join("\n")
  )
  return yield* Effect.never
}).pipe(
  Effect.provide(
    StatusPageFakeServer.layer({
      port,
      host: values.host,
      seed: values.seed,
      ...(values["rate-limit"] ? { rateLimit: StatusPageTest.realRateLimit } : {})
    })
  ),
  Effect.catchTag("ServeError", (error) => Effect.sync(() => fail(cannotListen(error.cause), 1)))
)

NodeRuntime.runMain(program)
