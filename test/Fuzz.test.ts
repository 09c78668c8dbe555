/**
 * Properties over arbitrary input: ids, query values and bodies never produce a request outside the intended path
 * and never crash the encoder; decoders never throw on arbitrary JSON, and the compiled fast path agrees with
 * `Schema.decodeUnknownEither` on every input.
 */
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Components, StatusPageClient } from "@effect-statuspage/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Cause from "effect/Cause"
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
import { decoder } from "../packages/core/src/internal/fastDecode.js"
import { component, configLayer, ORG_ID, PAGE_ID } from "./support/fixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"

const numRuns = 150

/** One recording client and config for every run; each run sets the answer and clears the record. */
let answer: RecordingHttpClient.CannedResponse = { body: {} }
const http = RecordingHttpClient.make(() => answer)
const runtime = ManagedRuntime.make(Layer.merge(http.layer, configLayer()))
afterAll(() => runtime.dispose())

/** Runs an action against the recording client; the exit must be a success or a typed failure, never a defect. */
const runAction = async (effect: Effect.Effect<unknown, unknown, any>, canned: RecordingHttpClient.CannedResponse) => {
  answer = canned
  http.requests.length = 0
  const exit = await runtime.runPromiseExit(
    effect as Effect.Effect<unknown, unknown, ManagedRuntime.ManagedRuntime.Context<typeof runtime>>
  )
  if (Exit.isFailure(exit)) {
    const failure = Cause.failureOption(exit.cause)
    assert.isTrue(failure._tag === "Some", `not a typed failure: ${Cause.pretty(exit.cause)}`)
  }
  return { exit, requests: http.requests.slice() }
}

const failureOf = (exit: Exit.Exit<unknown, unknown>): any =>
  Exit.isFailure(exit)
    ? Cause.failureOption(exit.cause).pipe((o) => (o._tag === "Some" ? o.value : undefined))
    : undefined

/** Strings from all of Unicode, lone surrogates, separators and percent signs included. */
const unicode = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", ".", "..", "/", "%2F", "..%2F..", "a/../b", "?x=1", "#f", "\u0000", "\ud800", "é", "🙂", " ")
)

const componentsPath = `/v1/pages/${PAGE_ID}/components`

/** A valid input for an action, so that its request is sent; `undefined` when the schema cannot generate one. */
const validInput = (schema: Schema.Schema<any, any>): Array<unknown> | undefined => {
  try {
    return fc.sample(Arbitrary.make(Schema.typeSchema(schema)), 1)
  } catch {
    // e.g. a password field whose schema carries no arbitrary; the decoder property below still covers its model
    return undefined
  }
}

/** The request path an action's template gives for these ids: scope ids from the config, the rest in order. */
const expectedPath = (template: string, ids: ReadonlyArray<string>) => {
  let next = 0
  return `/v1${template.replace(/\{([a-z_]+)\}/g, (_, param: string) =>
    param === "page_id" ? PAGE_ID : param === "organization_id" ? ORG_ID : encodeURIComponent(ids[next++]!)
  )}`
}

describe("Fuzz: encoding", () => {
  it("for every action with ids, arbitrary ids give exactly the templated path, or are rejected before sending", async () => {
    const withIds = StatusPageClient.actions().filter(([, , action]) => action.endpoint.idParams.length > 0)
    assert.isAbove(withIds.length, 0)
    for (const [group, name, action] of withIds) {
      const { idParams, path, body, query } = action.endpoint
      const inputSchema = body ?? query
      const input = inputSchema === undefined ? [] : validInput(inputSchema)
      if (input === undefined) continue
      await fc.assert(
        fc.asyncProperty(fc.array(unicode, { minLength: idParams.length, maxLength: idParams.length }), async (ids) => {
          const { exit, requests } = await runAction(action(...ids, ...input), { body: {} })
          if (requests.length === 0) {
            assert.strictEqual(failureOf(exit)?.reason, "InvalidInput", `${group}.${name}`)
            return
          }
          const { url } = requests[0]!
          assert.strictEqual(url.origin, "https://api.statuspage.io")
          assert.strictEqual(url.pathname, expectedPath(path, ids), `${group}.${name}`)
          assert.strictEqual(url.hash, "")
        }),
        { numRuns: 10 }
      )
    }
  })

  it("an arbitrary id is either percent-encoded into exactly one path segment, or rejected before sending", async () => {
    await fc.assert(
      fc.asyncProperty(unicode, async (id) => {
        const { exit, requests } = await runAction(Components.get(id), { body: component() })
        if (requests.length === 0) {
          const error = failureOf(exit)
          assert.strictEqual(error?._tag, "RequestError")
          assert.strictEqual(error?.reason, "InvalidInput")
          return
        }
        assert.strictEqual(requests.length, 1)
        const { url } = requests[0]!
        assert.strictEqual(url.origin, "https://api.statuspage.io")
        assert.strictEqual(url.search, "")
        assert.strictEqual(url.hash, "")
        assert.isTrue(url.pathname.startsWith(`${componentsPath}/`), url.pathname)
        const segment = url.pathname.slice(componentsPath.length + 1)
        assert.notInclude(segment, "/")
        assert.strictEqual(decodeURIComponent(segment), id)
      }),
      { numRuns }
    )
  })

  it("an arbitrary per-call page id stays inside /pages/{page_id}", async () => {
    await fc.assert(
      fc.asyncProperty(unicode, async (pageId) => {
        const { requests } = await runAction(Components.list({}, { pageId }), { body: [] })
        for (const { url } of requests) {
          assert.strictEqual(url.origin, "https://api.statuspage.io")
          const match = /^\/v1\/pages\/([^/]+)\/components$/.exec(url.pathname)
          assert.isNotNull(match, url.pathname)
          assert.strictEqual(decodeURIComponent(match![1]!), pageId)
        }
      }),
      { numRuns }
    )
  })

  it("arbitrary query values are sent as page/per_page only, on the list path, or rejected", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ page: fc.anything(), per_page: fc.anything() }, { requiredKeys: [] }),
        fc.dictionary(unicode, fc.anything(), { maxKeys: 2 }),
        async (query, extra) => {
          const { exit, requests } = await runAction(Components.list({ ...extra, ...query } as any), { body: [] })
          if (requests.length === 0) {
            assert.strictEqual(failureOf(exit)?.reason, "InvalidInput")
            return
          }
          const { url } = requests[0]!
          assert.strictEqual(url.pathname, componentsPath)
          for (const key of url.searchParams.keys()) assert.include(["page", "per_page"], key)
          for (const value of url.searchParams.values()) assert.match(value, /^\d+$/)
        }
      ),
      { numRuns }
    )
  })

  it("an arbitrary Unicode body is sent verbatim in its envelope, on the create path, or rejected", async () => {
    await fc.assert(
      fc.asyncProperty(unicode, fc.option(unicode, { nil: undefined }), async (name, description) => {
        const input = description === undefined ? { name } : { name, description }
        const { exit, requests } = await runAction(Components.create(input), { status: 201, body: component() })
        if (requests.length === 0) {
          assert.strictEqual(failureOf(exit)?.reason, "InvalidInput")
          return
        }
        const request = requests[0]!
        assert.strictEqual(request.method, "POST")
        assert.strictEqual(request.url.origin, "https://api.statuspage.io")
        assert.strictEqual(request.target, componentsPath)
        // JSON.parse of what was sent gives back exactly the input, lone surrogates escaped rather than mangled
        assert.deepStrictEqual(request.json, { component: input })
      }),
      { numRuns }
    )
  })

  it("arbitrary values of any type as input never crash the encoder", async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (id, input) => {
        const { requests } = await runAction((Components.update as any)(id, input), { body: component() })
        for (const request of requests) assert.isTrue(request.target.startsWith(`${componentsPath}/`))
      }),
      { numRuns }
    )
  })
})

/** Every action that decodes a body, with ids filled in. */
const decodingActions = StatusPageClient.actions().filter(([, , action]) => action.endpoint.success !== undefined)

describe("Fuzz: decoding", () => {
  it("arbitrary JSON in a 2xx body is a value or a ServerError Decode, never a defect", async () => {
    assert.isAbove(decodingActions.length, 0)
    for (const [group, name, action] of decodingActions) {
      const ids = action.endpoint.idParams.map(() => "x1")
      const inputSchema = action.endpoint.body ?? action.endpoint.query
      const input = inputSchema === undefined ? [] : validInput(inputSchema)
      if (input === undefined) continue
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (body) => {
          const status = action.endpoint.successStatus
          const { exit, requests } = await runAction(action(...ids, ...input), { status, body: JSON.stringify(body) })
          assert.strictEqual(requests.length, 1, `${group}.${name}`)
          if (Exit.isFailure(exit)) {
            const error = failureOf(exit)
            assert.strictEqual(error?._tag, "ServerError", `${group}.${name}`)
            assert.strictEqual(error?.reason, "Decode")
          }
        }),
        { numRuns: 10 }
      )
    }
  })

  it("the compiled decoder agrees with Schema.decodeUnknownEither on arbitrary and near-valid input", () => {
    const schemas = new Map(
      decodingActions.map(([group, name, action]) => [action.endpoint.success!.ast, `${group}.${name}`])
    )
    for (const [ast, name] of schemas) {
      const schema = Schema.make(ast)
      const fast = decoder(schema)
      const general = Schema.decodeUnknownEither(schema)
      const encoded = Arbitrary.make(Schema.encodedSchema(schema))
      // a valid wire value with one field replaced by arbitrary JSON (or removed)
      const mutated = fc.tuple(encoded, fc.jsonValue(), fc.nat()).map(([value, junk, n]) => {
        const target: any = Array.isArray(value) ? value[n % Math.max(value.length, 1)] : value
        if (typeof target === "object" && target !== null) {
          const keys = Object.keys(target)
          if (keys.length > 0) {
            const key = keys[n % keys.length]!
            if (n % 5 === 0) delete target[key]
            else target[key] = junk
          }
        }
        return value
      })
      fc.assert(
        fc.property(fc.oneof(encoded, mutated, fc.jsonValue()), (input) => {
          const a = fast(input)
          const b = general(input)
          assert.strictEqual(a._tag, b._tag, name)
          if (Either.isRight(a) && Either.isRight(b)) assert.deepStrictEqual(a.right, b.right)
          if (Either.isLeft(a) && Either.isLeft(b)) assert.strictEqual(a.left.message, b.left.message)
        }),
        { numRuns: 60 }
      )
    }
  })
})
