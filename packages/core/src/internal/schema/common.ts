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
 * A request body whose fields are enveloped except `beside`, which ride at the top level next to the envelope:
 * callers pass `{ name, components, description }`, the wire carries
 * `{"component_group": {"name": ..., "components": [...]}, "description": ...}`.
 */
export const envelopedBeside = <K extends string, In extends Schema.Struct.Fields, Out extends Schema.Struct.Fields>(
  key: K,
  inside: In,
  beside: Out
) => {
  const besideKeys = new Set(Object.keys(beside))
  const wire = Schema.Struct({ ...beside, [key]: Schema.Struct(inside) } as Out & { [P in K]: Schema.Struct<In> })
  return Schema.transform(wire, Schema.typeSchema(Schema.Struct({ ...inside, ...beside })), {
    strict: false,
    decode: ({ [key]: envelope, ...rest }: any) => ({ ...envelope, ...rest }),
    encode: (value: Record<string, unknown>) => {
      const out: Record<string, unknown> = {}
      const envelope: Record<string, unknown> = {}
      for (const [field, v] of Object.entries(value)) (besideKeys.has(field) ? out : envelope)[field] = v
      return { ...out, [key]: envelope }
    }
  })
}

/** A list of ids that must not be empty (the API refuses `[]` where it takes one). */
export const IdList = Schema.Array(NonEmpty).pipe(Schema.minItems(1))

/**
 * A credential in a request body: callers pass a `Redacted` or a plain string, the wire carries the string. A bad
 * value is reported without echoing it, and the action keeps the value out of every error (see `Endpoint.secrets`).
 */
const isSecret = (u: unknown): u is string | Redacted.Redacted<string> =>
  typeof u === "string" || (Redacted.isRedacted(u) && typeof Redacted.value(u) === "string")

export const Secret = Schema.transform(
  Schema.String,
  // one declared node, so that a bad value gets this message instead of one that prints it
  Schema.declare(isSecret, {
    identifier: "Secret",
    message: () => "Expected a string or a Redacted string",
    arbitrary: () => (fc) =>
      fc.oneof(
        fc.string(),
        fc.string().map((s) => Redacted.make(s))
      )
  }),
  {
    strict: true,
    decode: (s) => s,
    encode: (value) => (Redacted.isRedacted(value) ? Redacted.value(value) : value)
  }
)
