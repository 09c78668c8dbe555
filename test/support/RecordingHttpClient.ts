/**
 * A fake `HttpClient` that records every request and answers with canned responses: for asserting the exact wire
 * format of an action without any server.
 */

import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert } from "@effect/vitest"
import type * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { configLayer } from "./fixtures.js"

export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  /** Path and query as sent, e.g. `/v1/pages/p1/components?page=2`. */
  readonly target: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  /** The JSON body, parsed, when there is one. */
  readonly json: unknown
}

export interface CannedResponse {
  readonly status?: number
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

const toResponse = (canned: CannedResponse): Response => {
  const status = canned.status ?? 200
  const noBody = canned.body === undefined || status === 204
  const text = noBody ? null : typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body)
  return new Response(text, {
    status,
    headers: {
      ...(typeof canned.body === "string" || noBody ? {} : { "content-type": "application/json" }),
      ...canned.headers
    }
  })
}

/** Answers each request with the next canned response (the last one repeats), or with a function of the request. */
export const make = (answer: ReadonlyArray<CannedResponse> | ((request: RecordedRequest) => CannedResponse)) => {
  const requests: Array<RecordedRequest> = []
  const client = HttpClient.make((request, url) =>
    Effect.sync(() => {
      const body =
        request.body._tag === "Uint8Array"
          ? new TextDecoder().decode(request.body.body)
          : request.body._tag === "Raw"
            ? String(request.body.body)
            : undefined
      const contentType = request.body._tag === "Empty" ? undefined : request.body.contentType
      const recorded: RecordedRequest = {
        method: request.method,
        url,
        target: url.pathname + url.search,
        headers: { ...request.headers, ...(contentType === undefined ? {} : { "content-type": contentType }) },
        body,
        json: body !== undefined && contentType === "application/json" ? JSON.parse(body) : undefined
      }
      requests.push(recorded)
      const canned =
        typeof answer === "function"
          ? answer(recorded)
          : (answer[Math.min(requests.length - 1, answer.length - 1)] ?? { status: 200, body: {} })
      return HttpClientResponse.fromWeb(request, toResponse(canned))
    })
  )
  return { layer: Layer.succeed(HttpClient.HttpClient, client), requests, client }
}

/**
 * Runs an action against a fresh recording client and the test config (with `config` overrides): its result and what
 * went on the wire.
 */
export const run = <A, E>(
  effect: Effect.Effect<A, E, any>,
  answer: Parameters<typeof make>[0],
  config: Partial<StatusPageConfig.Options> = {}
) => {
  const http = make(answer)
  return Effect.map(
    Effect.either(effect.pipe(Effect.provide(Layer.merge(http.layer, configLayer(config))))),
    (result) => ({
      result,
      requests: http.requests
    })
  )
}

/** Asserts that the input was rejected before sending: nothing went out, and the error points at `field`. */
export const assertRejected = (
  outcome: { readonly result: Either.Either<unknown, unknown>; readonly requests: ReadonlyArray<RecordedRequest> },
  field: string
) => {
  assert.strictEqual(outcome.requests.length, 0, "nothing is sent")
  assert.isTrue(Either.isLeft(outcome.result), "the action fails")
  const error = Either.isLeft(outcome.result) ? (outcome.result.left as any) : undefined
  assert.strictEqual(error?._tag, "RequestError")
  assert.strictEqual(error?.reason, "InvalidInput")
  assert.strictEqual(error?.errors[0]?.field, field)
}
