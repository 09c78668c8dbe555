#!/usr/bin/env node
/**
 * `statuspage-fake [--port 4010] [--host 127.0.0.1] [--seed demo] [--rate-limit]`: serves a fresh fake Statuspage
 * until interrupted and prints how to reach it. `--rate-limit` enforces the real limit (60 requests per 60 s).
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as StatusPageFakeServer from "../StatusPageFakeServer.js"
import * as StatusPageTest from "../StatusPageTest.js"

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "demo" },
    "rate-limit": { type: "boolean", default: false }
  }
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`statuspage-fake: --port must be a port number, not ${values.port}`)
  process.exit(2)
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
  )
)

NodeRuntime.runMain(program)
