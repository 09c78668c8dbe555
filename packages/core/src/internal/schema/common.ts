/**
 * Building blocks shared by the model schemas.
 *
 * Models are plain `Schema.Struct`s over the wire's snake_case JSON: decoding validates without building class
 * instances, and timestamps stay ISO-8601 strings (real payloads mix `Z` and local offsets), which keeps a 100-item
 * list cheap to decode. Fields the API always sends are required; fields behind feature flags or missing from older
 * payloads are optional; fields real payloads send as `null` are nullable. Unknown fields are dropped.
 */
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** An ISO-8601 date-time string, with `Z` or a local offset. */
export const Timestamp = Schema.String.annotations({ identifier: "Timestamp", description: "ISO-8601 date-time" })

/** A calendar date `YYYY-MM-DD`. */
export const DateOnly = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({
  identifier: "DateOnly",
  description: "a date as YYYY-MM-DD"
})

/** A field that may be absent (never `undefined` when present). */
export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** A response field that may be absent or `null`. */
export const optionalNullable = <S extends Schema.Schema.All>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/** A non-empty string, for names and ids in request bodies. */
export const NonEmpty = Schema.String.pipe(Schema.minLength(1))

/**
 * A request body wrapped in Statuspage's envelope: callers pass `{ name }`, the wire carries
 * `{"component": {"name": ...}}`.
 */
export const enveloped = <K extends string, A, I>(key: K, schema: Schema.Schema<A, I>) =>
  Schema.transform(Schema.Struct({ [key]: schema } as { [P in K]: Schema.Schema<A, I> }), Schema.typeSchema(schema), {
    strict: false,
    decode: (wire: any) => wire[key],
    encode: (value) => ({ [key]: value })
  })

/**
 * A credential in a request body: callers pass a `Redacted` or a plain string, the wire carries the string. A bad
 * value is reported without echoing it, and the action keeps the value out of every error (see `Endpoint.secrets`).
 */
const isSecret = (u: unknown): u is string | Redacted.Redacted<string> =>
  typeof u === "string" || (Redacted.isRedacted(u) && typeof Redacted.value(u) === "string")

export const Secret = Schema.transform(
  Schema.String,
  // one declared node, so that a bad value gets this message instead of one that prints it
  Schema.declare(isSecret, { identifier: "Secret", message: () => "Expected a string or a Redacted string" }),
  {
    strict: true,
    decode: (s) => s,
    encode: (value) => (Redacted.isRedacted(value) ? Redacted.value(value) : value)
  }
)
