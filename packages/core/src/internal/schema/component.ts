import * as Schema from "effect/Schema"
import { DateOnly, NonEmpty, optional, optionalNullable, Timestamp } from "./common.js"

/** `""` is in the official enum and shows up on group rows. */
export const ComponentStatus = Schema.Literal(
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  ""
)
export type ComponentStatus = typeof ComponentStatus.Type

/** The statuses a caller may set. */
export const SettableComponentStatus = Schema.Literal(
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage"
)

export const Component = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  group_id: Schema.NullOr(Schema.String),
  created_at: Timestamp,
  updated_at: Timestamp,
  group: Schema.Boolean,
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  position: Schema.Number,
  status: ComponentStatus,
  showcase: Schema.Boolean,
  only_show_if_degraded: optional(Schema.Boolean),
  automation_email: optionalNullable(Schema.String),
  start_date: optionalNullable(Schema.String),
  /** Group rows list their members. */
  components: optional(Schema.Array(Schema.String))
}).annotations({ identifier: "Component" })
export type Component = typeof Component.Type

const componentFields = {
  description: optional(Schema.String),
  status: optional(SettableComponentStatus),
  only_show_if_degraded: optional(Schema.Boolean),
  /** `null` takes the component out of its group. */
  group_id: optional(Schema.NullOr(Schema.String)),
  showcase: optional(Schema.Boolean),
  start_date: optional(DateOnly)
}

export const ComponentCreate = Schema.Struct({ name: NonEmpty, ...componentFields }).annotations({
  identifier: "ComponentCreate"
})
export type ComponentCreate = typeof ComponentCreate.Type

export const ComponentUpdate = Schema.Struct({ name: optional(NonEmpty), ...componentFields }).annotations({
  identifier: "ComponentUpdate"
})
export type ComponentUpdate = typeof ComponentUpdate.Type
