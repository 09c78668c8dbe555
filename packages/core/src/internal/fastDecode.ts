/**
 * A decoder for response schemas that checks plain JSON in one pass. `Schema.decodeUnknownEither` is general (effects,
 * transformations, error trees, excess-property modes), and that generality costs about 1.6 µs per component; the
 * models here are plain structs of strings, numbers, booleans, literals, `null`, arrays and records, which a compiled
 * check validates several times faster.
 *
 * The fast path only ever answers "valid, here is the output", and its output equals the general decoder's (known
 * keys only). It is meant for what `JSON.parse` just returned, which nobody else holds: an object or array that
 * already is exactly the output (no unknown key, nothing to drop below it) is returned as it is instead of copied.
 * Anything it does not handle, and every input it rejects, goes to `Schema.decodeUnknownEither`, so failures carry
 * the general decoder's issue and path.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"

/** Returned by a compiled check when the input is not valid (or not handled): the general decoder takes over. */
const FAIL: unique symbol = Symbol("fastDecode/fail")

type Check = (u: unknown) => unknown

const hasOwn = Object.prototype.hasOwnProperty

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const compileTypeLiteral = (ast: AST.TypeLiteral): Check | undefined => {
  if (ast.indexSignatures.length > 0) {
    if (ast.propertySignatures.length > 0 || ast.indexSignatures.length > 1) return undefined
    const signature = ast.indexSignatures[0]!
    if (signature.parameter._tag !== "StringKeyword") return undefined
    const value = compile(signature.type)
    if (value === undefined) return undefined
    return (u) => {
      if (!isPlainObject(u)) return FAIL
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(u)) {
        // the general decoder assigns `__proto__` as a key; leave that oddity to it
        if (key === "__proto__") return FAIL
        const v = value(u[key])
        if (v === FAIL) return FAIL
        out[key] = v
      }
      return out
    }
  }
  const names: Array<string> = []
  const optional: Array<boolean> = []
  const leaves: Array<Leaf | undefined> = []
  const checks: Array<Check> = []
  for (const ps of ast.propertySignatures) {
    const check = compile(ps.type)
    if (check === undefined || typeof ps.name !== "string" || ps.name === "__proto__") return undefined
    names.push(ps.name)
    optional.push(ps.isOptional)
    leaves.push(leaf(ps.type))
    checks.push(check)
  }
  const n = names.length
  return (u) => {
    if (!isPlainObject(u)) return FAIL
    // First pass: validate. When every value is accepted as it is and there is no unknown key, the input already is
    // the output; otherwise a second pass builds the copy the general decoder would.
    let present = 0
    let changed: Array<unknown> | undefined
    for (let i = 0; i < n; i++) {
      const name = names[i]!
      if (!hasOwn.call(u, name)) {
        if (optional[i]) continue
        return FAIL
      }
      present++
      const v = u[name]
      // leaf types are checked inline: a call per field is most of the cost otherwise
      const kind = leaves[i]
      if (kind === undefined) {
        const checked = checks[i]!(v)
        if (checked === FAIL) return FAIL
        if (checked !== v) {
          changed ??= new Array(n)
          changed[i] = checked
        }
      } else if (typeof v !== kind.type && !(kind.nullable && v === null)) {
        return FAIL
      }
    }
    if (changed === undefined && Object.getPrototypeOf(u) === Object.prototype && Object.keys(u).length === present) {
      return u
    }
    const out: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const name = names[i]!
      if (hasOwn.call(u, name)) out[name] = changed?.[i] !== undefined ? changed[i] : u[name]
    }
    return out
  }
}

/** A string, number or boolean, possibly nullable: checked with one `typeof`. */
interface Leaf {
  readonly type: "string" | "number" | "boolean"
  readonly nullable: boolean
}

const keywordTypes = { StringKeyword: "string", NumberKeyword: "number", BooleanKeyword: "boolean" } as const

const leaf = (ast: AST.AST): Leaf | undefined => {
  if (ast._tag in keywordTypes) return { type: keywordTypes[ast._tag as keyof typeof keywordTypes], nullable: false }
  if (ast._tag === "Union" && ast.types.length === 2) {
    const [a, b] = ast.types
    const other =
      a!._tag === "Literal" && a!.literal === null ? b! : b!._tag === "Literal" && b!.literal === null ? a! : undefined
    if (other !== undefined && other._tag in keywordTypes) {
      return { type: keywordTypes[other._tag as keyof typeof keywordTypes], nullable: true }
    }
  }
  return undefined
}

const compile = (ast: AST.AST): Check | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => (typeof u === "string" ? u : FAIL)
    case "NumberKeyword":
      return (u) => (typeof u === "number" ? u : FAIL)
    case "BooleanKeyword":
      return (u) => (typeof u === "boolean" ? u : FAIL)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (u) => u
    case "UndefinedKeyword":
      return (u) => (u === undefined ? u : FAIL)
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : FAIL)
    }
    case "Union": {
      // only unions whose members cannot both accept one value (literals, keywords and at most one other member), so
      // that "the first member that accepts" is also the general decoder's answer
      const simple = ast.types.filter((t) => t._tag === "Literal" || t._tag.endsWith("Keyword"))
      if (ast.types.length - simple.length > 1) return undefined
      if (ast.types.every((t) => t._tag === "Literal")) {
        const literals = new Set(ast.types.map((t) => (t as AST.Literal).literal))
        return (u) => (literals.has(u as AST.LiteralValue) ? u : FAIL)
      }
      const members: Array<Check> = []
      for (const t of ast.types) {
        const check = compile(t)
        if (check === undefined) return undefined
        members.push(check)
      }
      return (u) => {
        for (let i = 0; i < members.length; i++) {
          const v = members[i]!(u)
          if (v !== FAIL) return v
        }
        return FAIL
      }
    }
    case "TupleType": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
      const item = compile(ast.rest[0]!.type)
      if (item === undefined) return undefined
      return (u) => {
        if (!Array.isArray(u)) return FAIL
        let out: Array<unknown> | undefined
        for (let i = 0; i < u.length; i++) {
          const v = item(u[i])
          if (v === FAIL) return FAIL
          if (v !== u[i]) {
            out ??= u.slice()
            out[i] = v
          }
        }
        return out ?? u
      }
    }
    case "TypeLiteral":
      return compileTypeLiteral(ast)
    case "Refinement": {
      const from = compile(ast.from)
      if (from === undefined) return undefined
      return (u) => {
        const v = from(u)
        return v === FAIL || Option.isSome(ast.filter(v, {}, ast)) ? FAIL : v
      }
    }
    case "Transformation":
      return compileDefaults(ast)
    default:
      // other transformations, declarations, suspensions, templates, …: the general decoder only
      return undefined
  }
}

/**
 * A struct whose fields only get defaults or renames (`Schema.optionalWith(..., { default })`): the encoded struct is
 * checked, then each field transformation applied, as the general decoder does.
 */
const compileDefaults = (ast: AST.Transformation): Check | undefined => {
  if (ast.transformation._tag !== "TypeLiteralTransformation" || ast.from._tag !== "TypeLiteral") return undefined
  const from = compileTypeLiteral(ast.from)
  if (from === undefined) return undefined
  const fields = ast.transformation.propertySignatureTransformations
  return (u) => {
    const v = from(u)
    if (v === FAIL) return FAIL
    const out: Record<PropertyKey, unknown> = v === u ? { ...(v as object) } : (v as Record<PropertyKey, unknown>)
    for (const field of fields) {
      const value = field.decode(hasOwn.call(out, field.from) ? Option.some(out[field.from]) : Option.none())
      delete out[field.from]
      if (Option.isSome(value)) out[field.to] = value.value
    }
    return out
  }
}

/**
 * `Schema.decodeUnknownEither(schema)` with a compiled fast path for plain JSON models; for freshly parsed JSON.
 */
export const decoder = <A, I>(
  schema: Schema.Schema<A, I>
): ((u: unknown) => Either.Either<A, ParseResult.ParseError>) => {
  const general = Schema.decodeUnknownEither(schema)
  const fast = compile(schema.ast)
  if (fast === undefined) return general
  return (u) => {
    const v = fast(u)
    return v === FAIL ? general(u) : Either.right(v as A)
  }
}
