/**
 * Per-call time of the same GET against the loopback server: (a) raw `undici.request` + `JSON.parse`, (b) `fetch` +
 * `res.json()`, (c) our action with full schema decoding over the default transport (`UndiciHttpClient.layer`), (d) the
 * same through the production policies (retries, pacing with a budget too large to wait, per-attempt timeout). And, to
 * show where the time goes, (e) the floor under (c): the same `HttpClient` layer with `JSON.parse` and no action, no
 * decoding; (f) the action over the platform's client, `NodeHttpClient.layerUndici`.
 */

import * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Components, Incidents, Policies, StatusPageConfig } from "@effect-statuspage/core"
import { UndiciHttpClient } from "@effect-statuspage/platform-node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Agent, request } from "undici"
import { API_KEY } from "../test/support/fixtures.js"
import { medians } from "./measure.js"
import * as Payloads from "./payloads.js"
import * as Server from "./server.js"

export interface Row {
  readonly payload: string
  /** Median milliseconds per call of (a) … (f). */
  readonly undici: number
  readonly fetch: number
  readonly action: number
  readonly policies: number
  readonly platform: number
  readonly platformAction: number
}

export interface Options {
  readonly warmup: number
  /** Iterations for the small payloads; the 1000-item list runs a tenth of them. */
  readonly iterations: number
}

const pages = { one: 1, hundred: 100, thousand: 1000 } as const
const incidentId = "p31zjtct2jer"

type Call = (runtime: ManagedRuntime.ManagedRuntime<any, any>) => Promise<unknown>

export const run = async (options: Options): Promise<Array<Row>> => {
  const routes: Record<string, unknown> = {}
  for (const [page, n] of Object.entries(pages)) routes[`/v1/pages/${page}/components`] = Payloads.components(n)
  routes[`/v1/pages/one/incidents/${incidentId}`] = Payloads.incident(20)
  const server = await Server.start(routes)
  const dispatcher = new Agent()
  const headers = { authorization: `OAuth ${API_KEY}`, accept: "application/json" }
  const config = StatusPageConfig.layer({
    apiKey: API_KEY,
    pageId: "one",
    organizationId: "org",
    baseUrl: `${server.origin}/v1`
  })
  const runtimeWith = (client: Layer.Layer<HttpClient.HttpClient, unknown>) =>
    ManagedRuntime.make(Layer.merge(client, config))
  const bare = runtimeWith(UndiciHttpClient.layer)
  const policies = runtimeWith(
    Policies.layer({ rateLimit: { limit: 1_000_000 } }).pipe(Layer.provide(UndiciHttpClient.layer))
  )
  const platformClient = runtimeWith(NodeHttpClient.layerUndici)
  try {
    const rows: Array<Row> = []
    const measure = async (payload: string, path: string, call: Call, iterations: number) => {
      const url = server.origin + path
      const platform = Effect.flatMap(HttpClient.get(url, { headers }), (response) =>
        Effect.map(response.text, (text) => JSON.parse(text))
      )
      const [undici, fetchMs, action, withPolicies, platformMs, platformActionMs] = await medians(
        [
          {
            name: "undici",
            call: async () => {
              const res = await request(url, { headers, dispatcher })
              return JSON.parse(await res.body.text())
            }
          },
          {
            name: "fetch",
            call: async () => {
              const res = await fetch(url, { headers })
              return res.json()
            }
          },
          { name: "action", call: () => call(bare) },
          { name: "policies", call: () => call(policies) },
          { name: "platform", call: () => bare.runPromise(platform) },
          { name: "platformAction", call: () => call(platformClient) }
        ],
        { warmup: options.warmup, iterations }
      )
      rows.push({
        payload,
        undici: undici!,
        fetch: fetchMs!,
        action: action!,
        policies: withPolicies!,
        platform: platformMs!,
        platformAction: platformActionMs!
      })
    }
    for (const [page, n] of Object.entries(pages)) {
      const query = n > 100 ? {} : { per_page: n }
      await measure(
        `${n} component${n === 1 ? "" : "s"}`,
        `/v1/pages/${page}/components`,
        (runtime) => runtime.runPromise(Components.list(query, { pageId: page })),
        n >= 1000 ? Math.max(1, Math.round(options.iterations / 10)) : options.iterations
      )
    }
    await measure(
      "incident, 20 updates",
      `/v1/pages/one/incidents/${incidentId}`,
      (runtime) => runtime.runPromise(Incidents.get(incidentId)),
      options.iterations
    )
    return rows
  } finally {
    await bare.dispose()
    await policies.dispose()
    await platformClient.dispose()
    await dispatcher.close()
    await server.close()
  }
}
