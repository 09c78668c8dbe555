/**
 * `tsx bench/pieces.ts`: per-call time of `Components.list` (100 components) over the bare client and through each
 * policy alone and all together, interleaved, to see what each piece costs; then bare and all over the lean
 * transport (`UndiciHttpClient`).
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Components, Policies, StatusPageConfig } from "@effect-statuspage/core"
import { UndiciHttpClient } from "@effect-statuspage/platform-node"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { API_KEY } from "../test/support/fixtures.js"
import { medians } from "./measure.js"
import * as Payloads from "./payloads.js"
import * as Server from "./server.js"

const server = await Server.start({ "/v1/pages/p/components": Payloads.components(100) })
const config = StatusPageConfig.layer({
  apiKey: API_KEY,
  pageId: "p",
  organizationId: "o",
  baseUrl: `${server.origin}/v1`
})
const transport = NodeHttpClient.layerUndici
const runtimeWith = (client: Layer.Layer<HttpClient.HttpClient, unknown>) =>
  ManagedRuntime.make(Layer.merge(client, config))
const off = { rateLimit: false, retry: false, timeout: false } as const
const variants = {
  bare: runtimeWith(transport),
  timeout: runtimeWith(Policies.layer({ ...off, timeout: {} }).pipe(Layer.provide(transport))),
  rateLimit: runtimeWith(Policies.layer({ ...off, rateLimit: { limit: 1_000_000 } }).pipe(Layer.provide(transport))),
  retry: runtimeWith(Policies.layer({ ...off, retry: {} }).pipe(Layer.provide(transport))),
  all: runtimeWith(Policies.layer({ rateLimit: { limit: 1_000_000 } }).pipe(Layer.provide(transport))),
  // the same over the lean transport (`UndiciHttpClient`)
  leanBare: runtimeWith(UndiciHttpClient.layer),
  leanAll: runtimeWith(Policies.layer({ rateLimit: { limit: 1_000_000 } }).pipe(Layer.provide(UndiciHttpClient.layer)))
}
const iterations = Number(process.argv[2] ?? 2000)
const names = Object.keys(variants) as Array<keyof typeof variants>
const ms = await medians(
  names.map((name) => ({ name, call: () => variants[name].runPromise(Components.list({ per_page: 100 })) })),
  { warmup: 300, iterations }
)
for (const [i, name] of names.entries()) console.log(`${name.padEnd(10)} ${(ms[i]! * 1000).toFixed(0).padStart(6)} µs`)
for (const runtime of Object.values(variants)) await runtime.dispose()
await server.close()
