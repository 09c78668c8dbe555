import * as Schema from "effect/Schema"
import { NonEmpty, optional, optionalNullable, Timestamp } from "./common.js"
import { Component, ComponentStatus, SettableComponentStatus } from "./component.js"

/** The statuses a caller may set: realtime incidents, then scheduled maintenances. */
export const SettableIncidentStatus = Schema.Literal(
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "scheduled",
  "in_progress",
  "verifying",
  "completed"
)
export type SettableIncidentStatus = typeof SettableIncidentStatus.Type

/** A reported status: the settable ones plus `postmortem`, which the public API shows and the spec leaves out. */
export const IncidentStatus = Schema.Literal(...SettableIncidentStatus.literals, "postmortem")
export type IncidentStatus = typeof IncidentStatus.Type

export const Impact = Schema.Literal("none", "maintenance", "minor", "major", "critical")
export type Impact = typeof Impact.Type

/** Metadata attached to an incident: every top-level value is itself an object, e.g. `{"jira": {"issue_id": "…"}}`. */
export const IncidentMetadata = Schema.Record({
  key: Schema.String,
  value: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})
export type IncidentMetadata = typeof IncidentMetadata.Type

/**
 * A component an update changed; `code` is the component id. Old incidents (2016-2017) still served by the API carry a
 * placeholder entry with only a `name`, e.g. `{"name": "No components were affected by this update."}`: hence
 * `code`, `old_status` and `new_status` are optional, and the placeholder's text is kept in `name`.
 */
export const AffectedComponent = Schema.Struct({
  code: optional(Schema.String),
  name: Schema.String,
  old_status: optional(ComponentStatus),
  new_status: optional(ComponentStatus)
}).annotations({ identifier: "AffectedComponent" })
export type AffectedComponent = typeof AffectedComponent.Type

/** A nullable string that older payloads omit: decoded as `null`. */
const nullWhenMissing = Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true, default: () => null })

/**
 * One entry of an incident's timeline. Updates of 2016 (Manage API) lack `deliver_notifications`, `custom_tweet` and
 * `tweet_id`: a missing tweet is `null` (what "no tweet" is today), while `deliver_notifications` stays absent rather
 * than guessed.
 */
export const IncidentUpdate = Schema.Struct({
  id: Schema.String,
  incident_id: Schema.String,
  /** `null` on updates that changed no component. */
  affected_components: Schema.NullOr(Schema.Array(AffectedComponent)),
  body: Schema.String,
  created_at: Timestamp,
  custom_tweet: nullWhenMissing,
  deliver_notifications: optional(Schema.Boolean),
  display_at: Timestamp,
  status: IncidentStatus,
  tweet_id: nullWhenMissing,
  twitter_updated_at: Schema.NullOr(Timestamp),
  updated_at: Timestamp,
  wants_twitter_update: Schema.Boolean
}).annotations({ identifier: "IncidentUpdate" })
export type IncidentUpdate = typeof IncidentUpdate.Type

/**
 * An incident or scheduled maintenance. Corrects the spec: `postmortem_published_at` is a nullable timestamp (the spec
 * says boolean), `metadata` a record of records, and `backfilled`/`started_at` exist though the spec omits them.
 * `incident_updates` is newest first.
 */
export const Incident = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  name: Schema.String,
  status: IncidentStatus,
  impact: Impact,
  impact_override: Schema.NullOr(Impact),
  created_at: Timestamp,
  updated_at: Timestamp,
  started_at: optionalNullable(Timestamp),
  monitoring_at: Schema.NullOr(Timestamp),
  resolved_at: Schema.NullOr(Timestamp),
  shortlink: Schema.NullOr(Schema.String),
  /** Missing from incidents of 2016 (Manage API), which listed no components: decoded as none. */
  components: Schema.optionalWith(Schema.Array(Component), { exact: true, default: () => [] }),
  incident_updates: Schema.Array(IncidentUpdate),
  metadata: optional(IncidentMetadata),
  backfilled: optional(Schema.Boolean),
  postmortem_body: Schema.NullOr(Schema.String),
  postmortem_body_last_updated_at: Schema.NullOr(Timestamp),
  postmortem_ignored: Schema.Boolean,
  postmortem_notified_subscribers: Schema.Boolean,
  postmortem_notified_twitter: Schema.Boolean,
  postmortem_published_at: Schema.NullOr(Timestamp),
  scheduled_for: Schema.NullOr(Timestamp),
  scheduled_until: Schema.NullOr(Timestamp),
  scheduled_remind_prior: Schema.Boolean,
  scheduled_reminded_at: Schema.NullOr(Timestamp),
  scheduled_auto_in_progress: Schema.Boolean,
  scheduled_auto_completed: Schema.Boolean,
  /** The `auto_transition_*` flags are `null` on realtime incidents and missing from older payloads. */
  auto_transition_to_maintenance_state: optionalNullable(Schema.Boolean),
  auto_transition_to_operational_state: optionalNullable(Schema.Boolean),
  auto_transition_deliver_notifications_at_start: optionalNullable(Schema.Boolean),
  auto_transition_deliver_notifications_at_end: optionalNullable(Schema.Boolean)
}).annotations({ identifier: "Incident" })
export type Incident = typeof Incident.Type

/** Statuspage's limit on an incident's name (and a template's title). */
export const IncidentName = NonEmpty.pipe(Schema.maxLength(255))

/** Statuspage's limit on an update's body (and a template's). */
export const UpdateBody = Schema.String.pipe(Schema.maxLength(25000))

/** The writable fields of an incident except `name`, `scheduled_for` and `scheduled_until`. Nothing has a default. */
const incidentFields = {
  status: optional(SettableIncidentStatus),
  impact_override: optional(Impact),
  /** The first (or next) update's message. */
  body: optional(UpdateBody),
  /** The status each affected component takes, by component id. */
  components: optional(Schema.Record({ key: NonEmpty, value: SettableComponentStatus })),
  component_ids: optional(Schema.Array(NonEmpty)),
  metadata: optional(IncidentMetadata),
  deliver_notifications: optional(Schema.Boolean),
  scheduled_remind_prior: optional(Schema.Boolean),
  scheduled_auto_in_progress: optional(Schema.Boolean),
  scheduled_auto_completed: optional(Schema.Boolean),
  scheduled_auto_transition: optional(Schema.Boolean),
  auto_transition_to_maintenance_state: optional(Schema.Boolean),
  auto_transition_to_operational_state: optional(Schema.Boolean),
  auto_transition_deliver_notifications_at_start: optional(Schema.Boolean),
  auto_transition_deliver_notifications_at_end: optional(Schema.Boolean),
  auto_tweet_at_beginning: optional(Schema.Boolean),
  auto_tweet_on_completion: optional(Schema.Boolean),
  auto_tweet_on_creation: optional(Schema.Boolean),
  auto_tweet_one_hour_before: optional(Schema.Boolean),
  /** `true` records a past incident; such an incident cannot name components. */
  backfilled: optional(Schema.Boolean),
  backfill_date: optional(Schema.String)
}

export const IncidentCreate = Schema.Struct({
  name: IncidentName,
  scheduled_for: optional(Timestamp),
  scheduled_until: optional(Timestamp),
  ...incidentFields
}).annotations({ identifier: "IncidentCreate" })
export type IncidentCreate = typeof IncidentCreate.Type

/** A scheduled maintenance: the same body as `IncidentCreate`, with its window required. */
export const ScheduledIncidentCreate = Schema.Struct({
  name: IncidentName,
  scheduled_for: Timestamp,
  scheduled_until: Timestamp,
  ...incidentFields
}).annotations({ identifier: "ScheduledIncidentCreate" })
export type ScheduledIncidentCreate = typeof ScheduledIncidentCreate.Type

/** `PATCH`/`PUT` of an incident: every field optional. A new `status` or `body` appends an update. */
export const IncidentChanges = Schema.Struct({
  name: optional(IncidentName),
  scheduled_for: optional(Timestamp),
  scheduled_until: optional(Timestamp),
  ...incidentFields
}).annotations({ identifier: "IncidentChanges" })
export type IncidentChanges = typeof IncidentChanges.Type

/** `PATCH`/`PUT` of one incident update. */
export const IncidentUpdateChanges = Schema.Struct({
  body: optional(UpdateBody),
  display_at: optional(Timestamp),
  deliver_notifications: optional(Schema.Boolean),
  wants_twitter_update: optional(Schema.Boolean)
}).annotations({ identifier: "IncidentUpdateChanges" })
export type IncidentUpdateChanges = typeof IncidentUpdateChanges.Type
