/**
 * The fake as an `HttpApp`, with its knobs: request log, latency, injected answers, dropped connections and rate
 * limiting, in front of the router. Every time comes from `Clock`, so `TestClock` drives latency and windows.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { ConnectionDropped, Control, type LoggedRequest } from "./control.js"
import { before, deliver, publicAnswer } from "./public.js"
import { type Answer, dispatch } from "./router.js"

const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) =>
  body === undefined
    ? HttpServerResponse.empty({ status, headers })
    : HttpServerResponse.unsafeJson(body, { status, headers })

/**
 * The body as text, or `undefined` when it is larger than `limit` bytes: a declared `Content-Length` over the limit is
 * refused unread, and a body without one stops being read at the limit.
 */
const readBody = (request: HttpServerRequest.HttpServerRequest, limit: number): Effect.Effect<string | undefined> => {
  if (Number(request.headers["content-length"] ?? 0) > limit) return Effect.succeed(undefined)
  const chunks: Array<Uint8Array> = []
  let size = 0
  return request.stream.pipe(
    Stream.takeWhile((chunk) => {
      size += chunk.length
      chunks.push(chunk)
      return size <= limit
    }),
    Stream.runDrain,
    Effect.map(() => {
      if (size > limit) return undefined
      const bytes = new Uint8Array(size)
      let at = 0
      for (const chunk of chunks) {
        bytes.set(chunk, at)
        at += chunk.length
      }
      return new TextDecoder().decode(bytes)
    }),
    Effect.orElseSucceed(() => "")
  )
}

/** The key from `Authorization: OAuth <key>`, or from `?api_key=` which the API also accepts. */
const presentedKey = (request: HttpServerRequest.HttpServerRequest, query: URLSearchParams): string | undefined => {
  const header = request.headers.authorization
  if (header !== undefined) return /^OAuth\s+(.+)$/i.exec(header)?.[1]?.trim()
  return query.get("api_key") ?? undefined
}

/** The URL as logged: path and query, without an `api_key` parameter. */
const loggedUrl = (url: URL): string => {
  const query = new URLSearchParams(url.search)
  query.delete("api_key")
  const search = query.toString()
  return url.pathname + (search === "" ? "" : `?${search}`)
}

const parseLogged = (text: string, contentType: string): unknown => {
  if (text === "") return undefined
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text))
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** `undefined` when the key may go on, else the 420/429 answer with the seconds until a slot frees. */
const rateLimited = (control: Control, key: string, now: number): Answer | undefined => {
  const limit = control.rateLimit
  if (limit === undefined) return undefined
  const windowMs = Duration.toMillis(Duration.decode(limit.window))
  const hits = (control.hits.get(key) ?? []).filter((t) => t > now - windowMs)
  control.hits.set(key, hits)
  if (hits.length < limit.limit) {
    hits.push(now)
    return undefined
  }
  const retryAfter = Math.max(1, Math.ceil((hits[0]! + windowMs - now) / 1000))
  return {
    status: limit.status ?? 420,
    body: { error: "Rate limit exceeded. Please retry later." },
    headers: { "retry-after": String(retryAfter) }
  }
}

const answerOf = (
  control: Control,
  request: HttpServerRequest.HttpServerRequest,
  url: URL,
  body: string,
  now: number
) =>
  Effect.gen(function* () {
    const fault = Control.take(control.faults)
    if (fault !== undefined) {
      return { status: fault.status, body: fault.body, headers: fault.headers ?? {} } satisfies Answer
    }
    const published = publicAnswer(control.store, request.method, url.pathname)
    if (published !== undefined) return published
    // the Manage API lives under `/v1` only, as on api.statuspage.io
    if (!url.pathname.startsWith("/v1/")) return { status: 404, body: { error: "Not found" } } satisfies Answer
    const key = presentedKey(request, url.searchParams)
    if (key !== control.apiKey) return { status: 401, body: { error: "Could not authenticate" } } satisfies Answer
    const limited = rateLimited(control, key, now)
    if (limited !== undefined) return limited
    // older material writes paths with a `.json` suffix, which Statuspage accepts too
    const path = url.pathname.slice("/v1".length).replace(/\.json$/, "")
    const then = control.webhookTargets.length > 0 && request.method !== "GET" ? before(control.store) : undefined
    const answer = yield* dispatch(
      control.store,
      {
        method: request.method,
        path,
        query: url.searchParams,
        contentType: request.headers["content-type"] ?? "",
        body
      },
      new Date(now).toISOString()
    )
    if (then !== undefined) {
      yield* deliver(control.store, control.webhookTargets, control.webhookLog, then, new Date(now).toISOString())
    }
    return answer
  })

/** The fake Statuspage as an `HttpApp`, failing only with `ConnectionDropped`. */
export const makeApp = (control: Control) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const url = new URL(request.url, "http://statuspage.fake")
    const body = yield* readBody(request, control.maxBodyBytes)
    const contentType = request.headers["content-type"] ?? ""
    const entry: { -readonly [K in keyof LoggedRequest]: LoggedRequest[K] } = {
      method: request.method,
      url: loggedUrl(url),
      body: body === undefined ? undefined : parseLogged(body, contentType),
      at: yield* Clock.currentTimeMillis
    }
    control.log.push(entry)
    if (Duration.toMillis(control.latency) > 0) yield* Effect.sleep(control.latency)
    if (body === undefined) {
      // refused before anything else, the key included, as a front proxy refuses it
      entry.status = 413
      return json(413, { error: `Request body too large: the limit is ${control.maxBodyBytes} bytes.` })
    }
    const drop = Control.take(control.drops)
    if (drop === "before") {
      entry.dropped = "before"
      return yield* new ConnectionDropped({ when: "before" })
    }
    const answer = yield* answerOf(control, request, url, body, yield* Clock.currentTimeMillis)
    if (answer.endpoint !== undefined) entry.endpoint = answer.endpoint.name
    if (drop === "after") {
      entry.dropped = "after"
      return yield* new ConnectionDropped({ when: "after" })
    }
    entry.status = answer.status
    return json(answer.status, answer.body, answer.headers)
  })
