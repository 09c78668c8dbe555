/**
 * The two webhook notification bodies Statuspage POSTs to webhook subscribers: a component update and an incident
 * update (maintenances arrive as incidents with `scheduled_*` set). The payload has no event-type field; the decoder
 * in `StatusPageWebhook` tells them apart by their keys. Unknown keys are dropped, and fields that older payloads lack
 * (the captured 2017 ones) are optional, so both old and new deliveries decode.
 */
import * as Schema from "effect/Schema"
import { optional, optionalNullable, Timestamp } from "./common.js"
import { ComponentStatus } from "./component.js"
import { AffectedComponent, Impact, IncidentStatus } from "./incident.js"
import { componentFields, StatusIndicator } from "./public.js"

export const WebhookMeta = Schema.Struct({
  /** A per-subscriber unsubscribe URL. */
  unsubscribe: optional(Schema.String),
  documentation: optional(Schema.String),
  generated_at: optional(Timestamp)
}).annotations({ identifier: "WebhookMeta" })
export type WebhookMeta = typeof WebhookMeta.Type

/** The whole page after the change. */
export const WebhookPage = Schema.Struct({
  id: Schema.String,
  status_indicator: StatusIndicator,
  status_description: Schema.String
}).annotations({ identifier: "WebhookPage" })
export type WebhookPage = typeof WebhookPage.Type

export const WebhookComponent = Schema.Struct(componentFields).annotations({ identifier: "WebhookComponent" })
export type WebhookComponent = typeof WebhookComponent.Type

export const ComponentUpdate = Schema.Struct({
  id: Schema.String,
  component_id: Schema.String,
  /** `"Component"` in every captured payload. */
  component_type: optional(Schema.String),
  old_status: ComponentStatus,
  new_status: ComponentStatus,
  created_at: Timestamp
}).annotations({ identifier: "ComponentUpdate" })
export type ComponentUpdate = typeof ComponentUpdate.Type

export const WebhookIncidentUpdate = Schema.Struct({
  id: Schema.String,
  incident_id: Schema.String,
  status: IncidentStatus,
  body: Schema.String,
  created_at: Timestamp,
  updated_at: Timestamp,
  display_at: Timestamp,
  wants_twitter_update: optional(Schema.Boolean),
  twitter_updated_at: optionalNullable(Timestamp),
  custom_tweet: optionalNullable(Schema.String),
  deliver_notifications: optional(Schema.Boolean),
  affected_components: optionalNullable(Schema.Array(AffectedComponent))
}).annotations({ identifier: "WebhookIncidentUpdate" })
export type WebhookIncidentUpdate = typeof WebhookIncidentUpdate.Type

export const WebhookIncident = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  name: Schema.String,
  status: IncidentStatus,
  impact: Impact,
  impact_override: optionalNullable(Impact),
  created_at: Timestamp,
  updated_at: Timestamp,
  monitoring_at: optionalNullable(Timestamp),
  resolved_at: optionalNullable(Timestamp),
  /** Newer payloads only. */
  started_at: optionalNullable(Timestamp),
  shortlink: optional(Schema.String),
  backfilled: optional(Schema.Boolean),
  scheduled_for: optionalNullable(Timestamp),
  scheduled_until: optionalNullable(Timestamp),
  scheduled_remind_prior: optional(Schema.Boolean),
  scheduled_reminded_at: optionalNullable(Timestamp),
  scheduled_auto_in_progress: optional(Schema.Boolean),
  scheduled_auto_completed: optional(Schema.Boolean),
  /** Newer payloads only. */
  auto_transition_to_maintenance_state: optional(Schema.Boolean),
  /** Newer payloads only. */
  auto_transition_to_operational_state: optional(Schema.Boolean),
  postmortem_ignored: optional(Schema.Boolean),
  postmortem_body: optionalNullable(Schema.String),
  postmortem_body_last_updated_at: optionalNullable(Timestamp),
  postmortem_published_at: optionalNullable(Timestamp),
  postmortem_notified_subscribers: optional(Schema.Boolean),
  postmortem_notified_twitter: optional(Schema.Boolean),
  /** Newest first: `[0]` is the update that triggered the delivery. Maintenances arrive here too. */
  incident_updates: Schema.Array(WebhookIncidentUpdate),
  components: optional(Schema.Array(WebhookComponent))
}).annotations({ identifier: "WebhookIncident" })
export type WebhookIncident = typeof WebhookIncident.Type

/** A component changed status. Decoded with `_tag: "ComponentUpdate"` added (the wire has no such field). */
export const ComponentUpdateEvent = Schema.Struct({
  meta: optional(WebhookMeta),
  page: WebhookPage,
  component_update: ComponentUpdate,
  component: WebhookComponent
}).pipe(
  Schema.attachPropertySignature("_tag", "ComponentUpdate"),
  Schema.annotations({ identifier: "ComponentUpdateEvent" })
)
export type ComponentUpdateEvent = typeof ComponentUpdateEvent.Type

/** An incident (or maintenance) was created or updated. Decoded with `_tag: "IncidentUpdate"` added. */
export const IncidentUpdateEvent = Schema.Struct({
  meta: optional(WebhookMeta),
  page: WebhookPage,
  incident: WebhookIncident
}).pipe(
  Schema.attachPropertySignature("_tag", "IncidentUpdate"),
  Schema.annotations({ identifier: "IncidentUpdateEvent" })
)
export type IncidentUpdateEvent = typeof IncidentUpdateEvent.Type
