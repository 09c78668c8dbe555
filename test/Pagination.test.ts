import { assert, describe, it } from "@effect/vitest"
import { Components, Endpoint, Pagination } from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { component, configLayer, PAGE_ID } from "./support/fixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"

// The other two dialects, declared as the digest describes them: incidents take `page` (1-based) and `limit`,
// subscribers `page` (0-based) and `limit`.
const Item = Schema.Struct({ id: Schema.String })
const incidents = Endpoint.make({
  name: "test.incidents",
  method: "GET",
  path: "/pages/{page_id}/incidents",
  query: Schema.Struct({
    q: Schema.optional(Schema.String),
    page: Schema.optional(Schema.Int),
    limit: Schema.optional(Schema.Int)
  }),
  success: Schema.Array(Item),
  paging: "limit"
})
const subscribers = Endpoint.make({
  name: "test.subscribers",
  method: "GET",
  path: "/pages/{page_id}/subscribers",
  query: Schema.Struct({ page: Schema.optional(Schema.Int), limit: Schema.optional(Schema.Int) }),
  success: Schema.Array(Item),
  paging: "offset"
})

/** A server holding `total` items that pages them as the dialect says (`first` is the number of the first page). */
const pagedServer = (total: number, first: number, sizeParam: string, item = (i: number) => ({ id: `i${i}` })) =>
  RecordingHttpClient.make((request) => {
    const page = Number(request.url.searchParams.get("page"))
    const size = Number(request.url.searchParams.get(sizeParam))
    const from = (page - first) * size
    return { body: Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => item(from + i)) }
  })

const provide = (http: ReturnType<typeof RecordingHttpClient.make>) =>
  Effect.provide(Layer.merge(http.layer, configLayer()))

describe("Pagination", () => {
  it.effect("page/per_page (1-based): asks for 100 per page and stops on the short page", () =>
    Effect.gen(function* () {
      const http = pagedServer(250, 1, "per_page", (i) => component({ id: `c${i}` }))
      const items = yield* Pagination.stream(Components.list).pipe(Stream.runCollect, provide(http))
      assert.strictEqual(items.length, 250)
      assert.strictEqual(Chunk.unsafeGet(items, 249).id, "c249")
      assert.deepStrictEqual(
        http.requests.map((r) => r.target),
        [1, 2, 3].map((p) => `/v1/pages/${PAGE_ID}/components?page=${p}&per_page=100`)
      )
    })
  )

  it.effect("page/limit (1-based, incidents): keeps the caller's other parameters", () =>
    Effect.gen(function* () {
      const http = pagedServer(120, 1, "limit")
      const items = yield* Pagination.collect(incidents, { max: 1000 }, { q: "db" }).pipe(provide(http))
      assert.strictEqual(items.length, 120)
      assert.deepStrictEqual(
        http.requests.map((r) => r.target),
        [1, 2].map((p) => `/v1/pages/${PAGE_ID}/incidents?q=db&page=${p}&limit=100`)
      )
    })
  )

  it.effect("page/limit (0-based, subscribers), and a last full page is followed by an empty one", () =>
    Effect.gen(function* () {
      const http = pagedServer(200, 0, "limit")
      const items = yield* Pagination.collect(subscribers, { max: 1000 }).pipe(provide(http))
      assert.deepStrictEqual(
        items.map((i) => i.id),
        Array.from({ length: 200 }, (_, i) => `i${i}`)
      )
      assert.deepStrictEqual(
        http.requests.map((r) => r.target),
        [0, 1, 2].map((p) => `/v1/pages/${PAGE_ID}/subscribers?page=${p}&limit=100`)
      )
    })
  )

  it.effect("reads pages only as the stream is consumed", () =>
    Effect.gen(function* () {
      const http = pagedServer(1_000, 1, "per_page", (i) => component({ id: `c${i}` }))
      const items = yield* Pagination.stream(Components.list).pipe(Stream.take(5), Stream.runCollect, provide(http))
      assert.strictEqual(items.length, 5)
      assert.strictEqual(http.requests.length, 1)
    })
  )

  it.effect("collect fails with RequestError TooManyItems instead of cutting the list", () =>
    Effect.gen(function* () {
      const http = pagedServer(250, 1, "per_page", (i) => component({ id: `c${i}` }))
      const error = yield* Pagination.collect(Components.list, { max: 200 }).pipe(Effect.flip, provide(http))
      assert.strictEqual(error._tag, "RequestError")
      if (error._tag === "RequestError") {
        assert.strictEqual(error.reason, "TooManyItems")
        assert.strictEqual(error.urlTemplate, "/pages/{page_id}/components")
        assert.include(error.message, "more than 200")
      }
      const exact = yield* Pagination.collect(Components.list, { max: 250 }).pipe(provide(http))
      assert.strictEqual(exact.length, 250)
    })
  )

  it.effect("stops on a page with the same ids as the page before (a server that ignores `page`)", () =>
    Effect.gen(function* () {
      // Always the same full page, whatever `page` says.
      const http = RecordingHttpClient.make(() => ({ body: Array.from({ length: 100 }, (_, i) => ({ id: `i${i}` })) }))
      const items = yield* Pagination.stream(incidents).pipe(Stream.runCollect, provide(http))
      assert.strictEqual(items.length, 100)
      assert.strictEqual(http.requests.length, 2)
    })
  )

  it.effect("fails with TooManyItems after maxPages full pages, and stream bounds pages by default", () =>
    Effect.gen(function* () {
      const http = pagedServer(1_000_000, 1, "limit")
      const error = yield* Pagination.streamWith(incidents, { maxPages: 3 }).pipe(
        Stream.runCollect,
        Effect.flip,
        provide(http)
      )
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual((error as any).reason, "TooManyItems")
      assert.include(error.message, "3 pages")
      assert.strictEqual(http.requests.length, 3)
      const endless = pagedServer(Number.POSITIVE_INFINITY, 1, "limit")
      const unbounded = yield* Pagination.stream(incidents).pipe(Stream.runCollect, Effect.flip, provide(endless))
      assert.strictEqual((unbounded as any).reason, "TooManyItems")
      assert.strictEqual(endless.requests.length, Pagination.defaultMaxPages)
    })
  )

  it.effect("fails on an action that is not a paged list", () =>
    Effect.gen(function* () {
      const http = pagedServer(0, 1, "per_page")
      const error = yield* Pagination.stream(Components.get as any, "c1").pipe(
        Stream.runCollect,
        Effect.flip,
        provide(http)
      )
      assert.strictEqual((error as { reason: string }).reason, "InvalidInput")
      assert.strictEqual(http.requests.length, 0)
    })
  )
})
