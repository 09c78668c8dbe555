/**
 * The lean transport (`UndiciHttpClient`) against a loopback `node:http` server: what goes on the wire, what comes
 * back as an `HttpClientResponse`, and how it fails and stops.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import { UndiciHttpClient } from "@effect-statuspage/platform-node"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/** A loopback server answering with `handle`; it records every request it read to the end. */
const serve = (handle: (request: IncomingMessage, response: ServerResponse, body: string) => void) =>
  Effect.acquireRelease(
    Effect.async<{ origin: string; seen: Array<Seen>; close: () => void }>((resume) => {
      const seen: Array<Seen> = []
      const server = createServer((request, response) => {
        let body = ""
        request.on("data", (chunk) => {
          body += chunk
        })
        request.on("end", () => {
          seen.push({ method: request.method!, url: request.url!, headers: request.headers, body })
          handle(request, response, body)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ origin: `http://127.0.0.1:${port}`, seen, close: () => server.close() }))
      })
      return Effect.sync(() => server.close())
    }),
    (server) =>
      Effect.sync(() => {
        server.close()
      })
  )

/** The client, its agent open until the end of the test's scope. */
const client = Effect.map(Layer.build(UndiciHttpClient.layer), Context.get(HttpClient.HttpClient))

describe("UndiciHttpClient", () => {
  it.scoped("sends method, path, query string and headers, and exposes status, headers, cookies and JSON", () =>
    Effect.gen(function* () {
      const server = yield* serve((_, response) => {
        response.writeHead(201, [
          ["content-type", "application/json"],
          ["x-rate-limit", "59"],
          ["set-cookie", "a=1; Path=/"],
          ["set-cookie", "b=2; Path=/"]
        ])
        response.end(JSON.stringify({ id: "c1", ok: true }))
      })
      const http = yield* client
      const response = yield* http.execute(
        HttpClientRequest.get(`${server.origin}/v1/pages/p/components`).pipe(
          HttpClientRequest.setUrlParams({ page: "2", per_page: "100" }),
          HttpClientRequest.setHeader("Authorization", "OAuth secret")
        )
      )
      assert.strictEqual(response.status, 201)
      assert.strictEqual(response.headers["x-rate-limit"], "59")
      assert.strictEqual(response.headers["content-type"], "application/json")
      assert.deepStrictEqual(
        Object.entries(response.cookies.cookies).map(([name, cookie]) => [name, cookie.value]),
        [
          ["a", "1"],
          ["b", "2"]
        ]
      )
      assert.deepStrictEqual(yield* response.json, { id: "c1", ok: true })
      assert.strictEqual(server.seen[0]!.method, "GET")
      assert.strictEqual(server.seen[0]!.url, "/v1/pages/p/components?page=2&per_page=100")
      assert.strictEqual(server.seen[0]!.headers.authorization, "OAuth secret")
    })
  )

  it.scoped("sends a JSON body; the body reads once and every read gets the same text", () =>
    Effect.gen(function* () {
      const server = yield* serve((_, response, body) => response.end(`echo:${body}`))
      const http = yield* client
      const request = yield* HttpClientRequest.post(`${server.origin}/v1/x?a=1`).pipe(
        HttpClientRequest.setUrlParam("b", "2"),
        HttpClientRequest.bodyJson({ component: { name: "API" } })
      )
      const response = yield* http.execute(request)
      assert.strictEqual(yield* response.text, `echo:{"component":{"name":"API"}}`)
      assert.strictEqual(yield* response.text, `echo:{"component":{"name":"API"}}`)
      assert.strictEqual(server.seen[0]!.url, "/v1/x?a=1&b=2")
      assert.strictEqual(server.seen[0]!.headers["content-type"], "application/json")
    })
  )

  it.scoped("an empty body is JSON null; bytes and streams come back as sent", () =>
    Effect.gen(function* () {
      const server = yield* serve((request, response) => {
        if (request.url === "/empty") return void response.writeHead(204).end()
        response.end(Buffer.from([0, 1, 2, 255]))
      })
      const http = yield* client
      assert.isNull(yield* Effect.flatMap(http.get(`${server.origin}/empty`), (r) => r.json))
      const bytes = yield* Effect.flatMap(http.get(`${server.origin}/bytes`), (r) => r.arrayBuffer)
      assert.deepStrictEqual([...new Uint8Array(bytes)], [0, 1, 2, 255])
      const chunks = yield* http.get(`${server.origin}/bytes`).pipe(
        Effect.map((r) => r.stream),
        Stream.unwrap,
        Stream.runCollect
      )
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(chunks).flatMap((chunk) => [...chunk]),
        [0, 1, 2, 255]
      )
    })
  )

  it.scoped("a refused connection is a RequestError Transport with the undici error (ECONNREFUSED) as cause", () =>
    Effect.gen(function* () {
      const server = yield* serve((_, response) => response.end())
      const origin = server.origin
      server.close()
      const http = yield* client
      const error = yield* Effect.flip(http.get(`${origin}/v1`))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
      assert.strictEqual((error.cause as { code?: string }).code, "ECONNREFUSED")
    })
  )

  it.scoped("an unparsable URL is a RequestError InvalidUrl", () =>
    Effect.gen(function* () {
      const http = yield* client
      const error = yield* Effect.flip(http.get("not a url"))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "InvalidUrl")
    })
  )

  it.scoped("a connection cut in the middle of the body is a ResponseError Decode", () =>
    Effect.gen(function* () {
      const server = yield* serve((_, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        response.write('{"partial":')
        setTimeout(() => response.destroy(), 10)
      })
      const http = yield* client
      const response = yield* http.get(`${server.origin}/v1`)
      const error = yield* Effect.flip(response.json)
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
      assert.strictEqual(error.response.status, 200)
    })
  )

  it.scoped("interrupting a request waiting for its response aborts it: the server sees the connection close", () =>
    Effect.gen(function* () {
      const arrived = yield* Deferred.make<void>()
      const closed = yield* Deferred.make<void>()
      const server = yield* serve((request) => {
        // never answers
        request.socket.on("close", () => Deferred.unsafeDone(closed, Effect.void))
        Deferred.unsafeDone(arrived, Effect.void)
      })
      const http = yield* client
      const fiber = yield* Effect.fork(http.get(`${server.origin}/v1/slow`))
      yield* Deferred.await(arrived)
      yield* Fiber.interrupt(fiber)
      yield* Deferred.await(closed).pipe(Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => "not aborted" }))
    })
  )

  it.scoped("interrupting a body being read aborts it: the server sees the connection close", () =>
    Effect.gen(function* () {
      const closed = yield* Deferred.make<void>()
      const server = yield* serve((request, response) => {
        request.socket.on("close", () => Deferred.unsafeDone(closed, Effect.void))
        // the headers and a first piece of the body, then nothing
        response.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        response.write('{"partial":')
      })
      const http = yield* client
      const response = yield* http.get(`${server.origin}/v1/slow-body`)
      const fiber = yield* Effect.fork(response.text)
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      yield* Deferred.await(closed).pipe(Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => "not aborted" }))
    })
  )
})
