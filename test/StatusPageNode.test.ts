import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import { StatusPageNode } from "@effect-statuspage/platform-node"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { API_KEY, component, PAGE_ID } from "./support/fixtures.js"

/** A loopback server answering the n-th request with `answer(n)`; it records what it received. */
const serve = (answer: (n: number, request: IncomingMessage) => { status: number; body: unknown; headers?: {} }) =>
  Effect.acquireRelease(
    Effect.async<{
      url: string
      seen: Array<{ method: string; url: string; authorization: string }>
      close: () => void
    }>((resume) => {
      const seen: Array<{ method: string; url: string; authorization: string }> = []
      const server = createServer((request, response) => {
        seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization ?? "" })
        const { status, body, headers } = answer(seen.length, request)
        response.writeHead(status, { "content-type": "application/json", ...headers })
        response.end(JSON.stringify(body))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}/v1`, seen, close: () => server.close() }))
      })
    }),
    (server) => Effect.sync(server.close)
  )

describe("StatusPageNode", () => {
  it.scopedLive("one layer: config from the environment, Node HTTP, retries on 429 honouring Retry-After", () =>
    Effect.gen(function* () {
      const server = yield* serve((n) =>
        n === 1
          ? { status: 429, body: { error: "rate limited" }, headers: { "retry-after": "1" } }
          : { status: 200, body: [component()] }
      )
      const env = ConfigProvider.fromMap(
        new Map([
          ["STATUSPAGE_API_KEY", API_KEY],
          ["STATUSPAGE_PAGE_ID", PAGE_ID],
          ["STATUSPAGE_BASE_URL", server.url]
        ])
      )
      const components = yield* Components.list().pipe(
        Effect.provide(StatusPageNode.layer()),
        Effect.withConfigProvider(env)
      )
      assert.strictEqual(components.length, 1)
      assert.deepStrictEqual(
        server.seen.map((r) => [r.method, r.url, r.authorization]),
        [
          ["GET", `/v1/pages/${PAGE_ID}/components`, `OAuth ${API_KEY}`],
          ["GET", `/v1/pages/${PAGE_ID}/components`, `OAuth ${API_KEY}`]
        ]
      )
    })
  )
})
