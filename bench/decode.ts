/**
 * Decode throughput, in components per second, of one parsed 100-component list: the model as we ship it (a
 * `Struct` with string timestamps) through our decoder and through `Schema.decodeUnknownEither`, next to the
 * alternative we did not take (a `Schema.Class` with `DateFromString` timestamps).
 */
import { Components } from "@effect-statuspage/core"
import * as Schema from "effect/Schema"
import { decoder } from "../packages/core/src/internal/fastDecode.js"
import { throughput } from "./measure.js"
import * as Payloads from "./payloads.js"

class ComponentClass extends Schema.Class<ComponentClass>("ComponentClass")({
  ...Components.Component.fields,
  created_at: Schema.DateFromString,
  updated_at: Schema.DateFromString
}) {}

export interface Row {
  readonly model: string
  readonly itemsPerSecond: number
}

export const run = (options: { readonly rounds: number; readonly minMillis: number }): Array<Row> => {
  const items = 100
  const json: unknown = JSON.parse(JSON.stringify(Payloads.components(items)))
  const candidates = [
    ["Struct, our decoder (as shipped)", decoder(Schema.Array(Components.Component))],
    ["Struct, Schema.decodeUnknownEither", Schema.decodeUnknownEither(Schema.Array(Components.Component))],
    ["Class + DateFromString", Schema.decodeUnknownEither(Schema.Array(ComponentClass))]
  ] as const
  return candidates.map(([model, decode]) => {
    if (decode(json)._tag !== "Right") throw new Error(`${model} does not decode the payload`)
    return { model, itemsPerSecond: throughput(() => decode(json), items, options) }
  })
}
