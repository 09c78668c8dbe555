/**
 * Properties over generated inputs: ids never escape their path segment, and every model accepts what its own
 * arbitrary generates.
 */
import { assert, describe, it } from "@effect/vitest"
import { Components, StatusPageClient } from "@effect-statuspage/core"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { component, PAGE_ID } from "./support/fixtures.js"
import { run } from "./support/RecordingHttpClient.js"

/** Strings that stress a path segment, mixed with arbitrary Unicode (lone surrogates included). */
const idArbitrary = fc.oneof(
  fc.constantFrom(
    "",
    ".",
    "..",
    "/",
    "a/b",
    "../x",
    "%2F",
    "%2e%2e",
    "\\",
    "a\u0000b",
    "\n",
    "\uD800",
    "?x=1",
    "#f",
    " "
  ),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme-composite" }),
  fc.stringMatching(/^[./%a-z?#\\]{0,6}$/)
)

describe("ids in paths", () => {
  it.effect("any id gives a request inside its template (one segment) or InvalidInput, and never a defect", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(idArbitrary, async (id) => {
          const outcome = run(Components.get(id), [{ body: component() }])
          const exit = await Effect.runPromiseExit(outcome as Effect.Effect<Effect.Effect.Success<typeof outcome>>)
          assert.isTrue(Exit.isSuccess(exit), "no defect")
          if (!Exit.isSuccess(exit)) return
          const { result, requests } = exit.value
          if (Either.isLeft(result)) {
            assert.strictEqual(requests.length, 0)
            assert.strictEqual(result.left._tag, "RequestError")
            assert.strictEqual((result.left as any).reason, "InvalidInput")
            assert.strictEqual((result.left as any).errors[0].field, "component_id")
            return
          }
          assert.strictEqual(requests.length, 1)
          const segments = requests[0]!.url.pathname.split("/")
          assert.deepStrictEqual(segments.slice(0, 5), ["", "v1", "pages", PAGE_ID, "components"])
          assert.strictEqual(segments.length, 6, `one segment for ${JSON.stringify(id)}`)
          assert.notInclude([".", ".."], decodeURIComponent(segments[5]!))
          assert.strictEqual(decodeURIComponent(segments[5]!), id)
          assert.strictEqual(requests[0]!.url.search, "")
          assert.strictEqual(requests[0]!.url.hash, "")
        }),
        { numRuns: 200 }
      )
    )
  )
})

/**
 * `Schema.Unknown` (free-form fields such as incident metadata) generates `undefined` and `__proto__` keys, which no
 * JSON body can carry: such samples are skipped.
 */
const jsonShaped = (u: unknown): boolean =>
  u === undefined
    ? false
    : Array.isArray(u)
      ? u.every(jsonShaped)
      : typeof u === "object" && u !== null
        ? Object.keys(u).every((key) => key !== "__proto__" && jsonShaped((u as any)[key]))
        : true

/** JSON has no negative zero: `-0` goes out as `0`, which is the same number to the server. */
const withoutNegativeZero = (u: unknown): unknown =>
  Object.is(u, -0)
    ? 0
    : Array.isArray(u)
      ? u.map(withoutNegativeZero)
      : typeof u === "object" && u !== null
        ? Object.fromEntries(Object.entries(u).map(([key, value]) => [key, withoutNegativeZero(value)]))
        : u

/** Every schema a resource module exports, by `<group>.<export>`. */
const schemas = Object.entries(StatusPageClient.groups).flatMap(([group, module]) =>
  Object.entries(module)
    .filter(([, value]) => Schema.isSchema(value))
    .map(([name, value]) => [`${group}.${name}`, value as Schema.Schema<any, any>] as const)
)

describe("models", () => {
  it("the resource modules export their schemas", () => {
    assert.isAbove(schemas.length, 20)
  })

  for (const [name, schema] of schemas) {
    it(`${name} decodes the encoding of whatever its arbitrary generates`, () => {
      const encode = Schema.encodeSync(schema)
      const decode = Schema.decodeUnknownSync(schema)
      fc.assert(
        fc.property(Arbitrary.make(schema), (value) => {
          const wire = encode(value)
          fc.pre(jsonShaped(value) && jsonShaped(wire))
          assert.deepStrictEqual(encode(decode(wire)), wire)
        }),
        { numRuns: 25 }
      )
    })
  }
})

/** Every request body and query an action sends, by action name. */
const inputs = StatusPageClient.actions().flatMap(([group, name, action]) =>
  [action.endpoint.body, action.endpoint.query]
    .filter((schema) => schema !== undefined)
    .map((schema) => [`${group}.${name}`, schema as Schema.Schema<any, any>] as const)
)

describe("inputs", () => {
  for (const [name, schema] of inputs) {
    it(`${name} encodes every valid input to JSON that survives the wire`, () => {
      const encode = Schema.encodeSync(schema)
      fc.assert(
        fc.property(Arbitrary.make(Schema.typeSchema(schema)), (value) => {
          const wire = encode(value)
          fc.pre(jsonShaped(value) && jsonShaped(wire))
          assert.deepStrictEqual(JSON.parse(JSON.stringify(wire)), withoutNegativeZero(wire))
        }),
        { numRuns: 25 }
      )
    })
  }
})
