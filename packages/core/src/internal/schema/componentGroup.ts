import * as Schema from "effect/Schema"
import { envelopedBeside, IdList, NonEmpty, optional, Timestamp } from "./common.js"

/**
 * A component group. The spec types `components` and `position` as strings; they are a list of component ids and a
 * number.
 */
export const GroupComponent = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  components: Schema.Array(Schema.String),
  position: Schema.Number,
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "GroupComponent" })
export type GroupComponent = typeof GroupComponent.Type

/**
 * What creating or changing a group takes. `name` and `components` are required on PATCH and PUT too (one schema
 * serves all three), and a group cannot be empty.
 */
export const ComponentGroupInput = Schema.Struct({
  name: NonEmpty,
  components: IdList,
  description: optional(Schema.String)
}).annotations({ identifier: "ComponentGroupInput" })
export type ComponentGroupInput = typeof ComponentGroupInput.Type

/** The wire body: `{component_group: {name, components}, description}`, with `description` outside the envelope. */
export const ComponentGroupBody = envelopedBeside(
  "component_group",
  { name: ComponentGroupInput.fields.name, components: ComponentGroupInput.fields.components },
  { description: ComponentGroupInput.fields.description }
)
