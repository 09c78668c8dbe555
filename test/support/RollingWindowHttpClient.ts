/**
 * A minimal fake of Statuspage's rate limit as an `HttpClient`: it logs the arrival time of every request (by the
 * Effect `Clock`, so `TestClock` drives it), answers 429 with `Retry-After` when the rolling window before an arrival
 * already holds `limit` requests of the same `Authorization`, and otherwise answers like the API would.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { component } from "./fixtures.js"

export interface Arrival {
  readonly at: number
  readonly method: string
  readonly path: string
  readonly key: string
  readonly status: number
}

/** What the API answers: a created component (201), nothing for a delete (204), a list or one component. */
const answer = (method: string, path: string): { status: number; body: unknown } =>
  method === "POST"
    ? { status: 201, body: component() }
    : method === "DELETE"
      ? { status: 204, body: null }
      : { status: 200, body: method === "GET" && path.endsWith("/components") ? [component()] : component() }

export const make = (options: { readonly limit: number; readonly windowMillis: number }) => {
  const arrivals: Array<Arrival> = []
  const client = HttpClient.make((request, url) =>
    Effect.map(Clock.currentTimeMillis, (at) => {
      const key = request.headers.authorization ?? ""
      const inWindow = arrivals.filter((a) => a.key === key && a.at > at - options.windowMillis).length
      const limited = inWindow >= options.limit
      const canned = limited ? { status: 429, body: { error: "rate limited" } } : answer(request.method, url.pathname)
      arrivals.push({ at, method: request.method, path: url.pathname, key, status: canned.status })
      const body = canned.body === null ? null : JSON.stringify(canned.body)
      return HttpClientResponse.fromWeb(
        request,
        new Response(body, {
          status: canned.status,
          headers: {
            "content-type": "application/json",
            ...(limited ? { "retry-after": String(Math.ceil(options.windowMillis / 1000)) } : {})
          }
        })
      )
    })
  )
  return { client, arrivals, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** The most arrivals of one key that any rolling window of `windowMillis` holds. */
export const maxInWindow = (arrivals: ReadonlyArray<{ readonly at: number }>, windowMillis: number): number => {
  const times = arrivals.map((a) => a.at).sort((a, b) => a - b)
  let most = 0
  for (let end = 0, start = 0; end < times.length; end++) {
    while (times[start]! <= times[end]! - windowMillis) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}
