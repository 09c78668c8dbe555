/**
 * Reading URL parameters and form bodies back into the shape an endpoint's schema encodes to: the client turns
 * numbers, booleans and arrays into strings (`key=v`, `key[]=v`), so the fake turns them back by looking at the
 * encoded side of the schema before decoding with it.
 */

import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

type Kind = "string" | "number" | "boolean" | "array"

const kindOf = (ast: AST.AST): Kind => {
  switch (ast._tag) {
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "TupleType":
      return "array"
    case "Literal":
      return typeof ast.literal === "number" ? "number" : typeof ast.literal === "boolean" ? "boolean" : "string"
    case "Refinement":
      return kindOf(ast.from)
    case "Suspend":
      return kindOf(ast.f())
    case "Union": {
      const kinds = ast.types
        .filter((t) => !AST.isUndefinedKeyword(t) && !(AST.isLiteral(t) && t.literal === null))
        .map(kindOf)
      return kinds.includes("array") ? "array" : (kinds[0] ?? "string")
    }
    default:
      return "string"
  }
}

const typeLiteral = (ast: AST.AST): AST.TypeLiteral | undefined => {
  if (AST.isTypeLiteral(ast)) return ast
  if (AST.isRefinement(ast)) return typeLiteral(ast.from)
  if (AST.isSuspend(ast)) return typeLiteral(ast.f())
  return undefined
}

/** The kind of each top-level field of the schema's encoded side. */
const fieldKinds = (schema: Schema.Schema<any, any>): Map<string, Kind> => {
  const literal = typeLiteral(AST.encodedAST(schema.ast))
  const kinds = new Map<string, Kind>()
  for (const property of literal?.propertySignatures ?? []) {
    if (typeof property.name === "string") kinds.set(property.name, kindOf(property.type))
  }
  return kinds
}

const cache = new WeakMap<Schema.Schema<any, any>, Map<string, Kind>>()

const coerce = (kind: Kind | undefined, value: string): unknown => {
  if (kind === "number") {
    const n = Number(value)
    return value.trim() === "" || Number.isNaN(n) ? value : n
  }
  if (kind === "boolean") return value === "true" ? true : value === "false" ? false : value
  return value
}

/**
 * Turns `key=value` pairs into the object the schema decodes: `key[]` and repeated keys make arrays where the schema
 * has one; numbers and booleans are parsed where the schema wants them (and left as strings, to fail, when unreadable).
 */
export const fromParams = (
  schema: Schema.Schema<any, any>,
  entries: Iterable<readonly [string, string]>
): Record<string, unknown> => {
  let kinds = cache.get(schema)
  if (kinds === undefined) {
    kinds = fieldKinds(schema)
    cache.set(schema, kinds)
  }
  const out: Record<string, unknown> = {}
  for (const [rawKey, value] of entries) {
    const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey
    const kind = kinds.get(key)
    if (kind === "array") {
      const previous = out[key]
      out[key] = Array.isArray(previous) ? [...previous, value] : [value]
    } else {
      out[key] = coerce(kind, value)
    }
  }
  return out
}

/** A path segment percent-decoded, or `undefined` when its percent-encoding is invalid (`%E0%A4%A`). */
export const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** The answer to a path that cannot be percent-decoded: the request is malformed, so a 400. */
export const badEncoding = { status: 400, body: { error: "The path has an invalid percent-encoding." } } as const
