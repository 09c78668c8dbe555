import * as Schema from "effect/Schema"
import { optional, optionalNullable, Timestamp } from "./common.js"

/**
 * The fields both uptime reports share. Outage durations are in seconds; `range_*` are the dates actually used, and
 * `warnings` says when they differ from what was asked (the spec types it as a string holding a JSON list).
 */
const uptimeFields = {
  id: Schema.String,
  name: Schema.String,
  range_start: Timestamp,
  range_end: Timestamp,
  uptime_percentage: Schema.Number,
  major_outage: Schema.Number,
  partial_outage: Schema.Number,
  warnings: optionalNullable(Schema.Union(Schema.String, Schema.Array(Schema.String)))
}

/** A related incident. */
const RelatedIncident = Schema.Struct({ id: Schema.String })

/**
 * The spec models `related_events` as one object, its description (and the API digest) as a list: both are accepted,
 * and decoded as a list.
 */
const oneOrMany = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.transform(Schema.Union(Schema.Array(item), item), Schema.Array(Schema.typeSchema(item)), {
    strict: true,
    decode: (events) => (Array.isArray(events) ? events : [events as A]),
    encode: (events) => events
  })

/** Uptime of one component (only components with showcase on have it). */
export const ComponentUptime = Schema.Struct({
  ...uptimeFields,
  related_events: optional(oneOrMany(RelatedIncident))
}).annotations({ identifier: "ComponentUptime" })
export type ComponentUptime = typeof ComponentUptime.Type

/** Uptime of a component group, with its related incidents per member component. */
export const ComponentGroupUptime = Schema.Struct({
  ...uptimeFields,
  related_events: optional(
    oneOrMany(Schema.Struct({ component_id: Schema.String, incidents: Schema.Array(RelatedIncident) }))
  )
}).annotations({ identifier: "ComponentGroupUptime" })
export type ComponentGroupUptime = typeof ComponentGroupUptime.Type
