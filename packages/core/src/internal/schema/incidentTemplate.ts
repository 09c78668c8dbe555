import * as Schema from "effect/Schema"
import { NonEmpty, optional } from "./common.js"
import { Component } from "./component.js"
import { IncidentName, IncidentStatus, SettableIncidentStatus, UpdateBody } from "./incident.js"

/** A canned incident: what the dashboard fills in when the template is picked. */
export const IncidentTemplate = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  title: Schema.String,
  body: Schema.String,
  group_id: Schema.NullOr(Schema.String),
  update_status: Schema.NullOr(IncidentStatus),
  should_tweet: Schema.Boolean,
  should_send_notifications: Schema.Boolean,
  components: Schema.Array(Component)
}).annotations({ identifier: "IncidentTemplate" })
export type IncidentTemplate = typeof IncidentTemplate.Type

export const IncidentTemplateCreate = Schema.Struct({
  name: NonEmpty,
  title: IncidentName,
  body: UpdateBody.pipe(Schema.minLength(1)),
  group_id: optional(NonEmpty),
  update_status: optional(SettableIncidentStatus),
  should_tweet: optional(Schema.Boolean),
  should_send_notifications: optional(Schema.Boolean),
  component_ids: optional(Schema.Array(NonEmpty))
}).annotations({ identifier: "IncidentTemplateCreate" })
export type IncidentTemplateCreate = typeof IncidentTemplateCreate.Type
