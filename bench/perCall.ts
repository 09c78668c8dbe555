/**
 * Per-call time of the same GET against the loopback server: raw `undici.request` + `JSON.parse`, `fetch` +
 * `res.json()`, and our action with full schema decoding over `NodeHttpClient.layerUndici`.
 */

import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Components, StatusPageConfig } from "@effect-statuspage/core"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Agent, request } from "undici"
import { API_KEY } from "../test/support/fixtures.js"
import { medians } from "./measure.js"
import * as Payloads from "./payloads.js"
import * as Server from "./server.js"

export interface Row {
  readonly payload: string
  /** Median milliseconds per call; `undefined` when the variant is not available yet. */
  readonly undici: number
  readonly fetch: number
  readonly action: number | undefined
  readonly policies: number | undefined
}

export interface Options {
  readonly warmup: number
  /** Iterations for the small payloads; the 1000-item list runs a tenth of them. */
  readonly iterations: number
}

const pages = { one: 1, hundred: 100, thousand: 1000 } as const

export const run = async (options: Options): Promise<Array<Row>> => {
  const routes: Record<string, unknown> = {}
  for (const [page, n] of Object.entries(pages)) routes[`/v1/pages/${page}/components`] = Payloads.components(n)
  routes["/v1/pages/one/incidents/p31zjtct2jer"] = Payloads.incident(20)
  const server = await Server.start(routes)
  const dispatcher = new Agent()
  const headers = { authorization: `OAuth ${API_KEY}`, accept: "application/json" }
  const runtime = ManagedRuntime.make(
    Layer.merge(
      NodeHttpClient.layerUndici,
      StatusPageConfig.layer({ apiKey: API_KEY, pageId: "one", organizationId: "org", baseUrl: `${server.origin}/v1` })
    )
  )
  try {
    const rows: Array<Row> = []
    const measure = async (
      payload: string,
      path: string,
      action: (() => Promise<unknown>) | undefined,
      iterations: number
    ) => {
      const url = server.origin + path
      const variants = [
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
        ...(action === undefined ? [] : [{ name: "action", call: action }])
      ]
      const [undici, fetchMs, actionMs] = await medians(variants, { warmup: options.warmup, iterations })
      rows.push({ payload, undici: undici!, fetch: fetchMs!, action: actionMs, policies: undefined })
    }
    for (const [page, n] of Object.entries(pages)) {
      const query = n > 100 ? {} : { per_page: Math.max(n, 1) }
      await measure(
        `${n} component${n === 1 ? "" : "s"}`,
        `/v1/pages/${page}/components`,
        () => runtime.runPromise(Components.list(query, { pageId: page })),
        n >= 1000 ? Math.max(1, Math.round(options.iterations / 10)) : options.iterations
      )
    }
    // `Incidents.get` is not on main yet: its column stays empty until it lands.
    await measure("incident, 20 updates", "/v1/pages/one/incidents/p31zjtct2jer", undefined, options.iterations)
    return rows
  } finally {
    await runtime.dispose()
    await dispatcher.close()
    await server.close()
  }
}
