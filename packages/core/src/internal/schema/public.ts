/**
 * The public Status API v2 (`https://<status host>/api/v2/*.json`). Its shapes differ from the Manage API's: the
 * rollup indicator includes `maintenance`, incidents can be in `postmortem`, timestamps carry the page's local offset,
 * group rows list their members, and many fields are `null`. Fields every captured payload has are required; fields
 * that older pages or the documentation examples leave out are optional.
 */
import * as Schema from "effect/Schema"
import { optional, optionalNullable, Timestamp } from "./common.js"
import { ComponentStatus } from "./component.js"
import { AffectedComponent, Impact } from "./incident.js"

/** The page's rollup indicator. `maintenance` is not in the documentation but pages report it during maintenances. */
export const StatusIndicator = Schema.Literal("none", "minor", "major", "critical", "maintenance")
export type StatusIndicator = typeof StatusIndicator.Type

/** The states of a realtime incident, `postmortem` included (the Manage API's spec lacks it). */
export const PublicIncidentStatus = Schema.Literal(
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "postmortem"
)
export type PublicIncidentStatus = typeof PublicIncidentStatus.Type

/** The states of a scheduled maintenance. */
export const MaintenanceStatus = Schema.Literal("scheduled", "in_progress", "verifying", "completed")
export type MaintenanceStatus = typeof MaintenanceStatus.Type

export const PublicPage = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  url: Schema.String,
  /** Left out of the documentation example; real pages send it, e.g. `America/Chicago`. */
  time_zone: optional(Schema.String),
  updated_at: Timestamp
}).annotations({ identifier: "PublicPage" })
export type PublicPage = typeof PublicPage.Type

export const PageStatus = Schema.Struct({
  indicator: StatusIndicator,
  /** e.g. "All Systems Operational", "Partial System Outage". */
  description: Schema.String
}).annotations({ identifier: "PageStatus" })
export type PageStatus = typeof PageStatus.Type

/** The fields of a component row in the public API and in webhook bodies alike. */
export const componentFields = {
  id: Schema.String,
  page_id: Schema.String,
  group_id: Schema.NullOr(Schema.String),
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  status: ComponentStatus,
  position: Schema.Number,
  showcase: optional(Schema.Boolean),
  created_at: Timestamp,
  updated_at: Timestamp
}

export const PublicComponent = Schema.Struct({
  ...componentFields,
  group: Schema.Boolean,
  only_show_if_degraded: optional(Schema.Boolean),
  start_date: optionalNullable(Schema.String),
  /** Group rows list their members' ids. */
  components: optional(Schema.Array(Schema.String))
}).annotations({ identifier: "PublicComponent" })
export type PublicComponent = typeof PublicComponent.Type

const update = <S extends Schema.Schema.Any>(status: S) =>
  Schema.Struct({
    id: Schema.String,
    incident_id: Schema.String,
    status,
    body: Schema.String,
    created_at: Timestamp,
    updated_at: Timestamp,
    display_at: Timestamp,
    /** `null` when the update changed no component. */
    affected_components: optionalNullable(Schema.Array(AffectedComponent)),
    deliver_notifications: optional(Schema.Boolean),
    custom_tweet: optionalNullable(Schema.String),
    tweet_id: optionalNullable(Schema.Union(Schema.String, Schema.Number))
  })

const incidentFields = <S extends Schema.Schema.Any>(status: S) => ({
  id: Schema.String,
  page_id: Schema.String,
  name: Schema.String,
  status,
  impact: Impact,
  created_at: Timestamp,
  updated_at: Timestamp,
  monitoring_at: Schema.NullOr(Timestamp),
  resolved_at: Schema.NullOr(Timestamp),
  /** Newer pages only. */
  started_at: optionalNullable(Timestamp),
  shortlink: Schema.String,
  /** Newest first. */
  incident_updates: Schema.Array(update(status)),
  components: optional(Schema.Array(PublicComponent))
})

export const PublicIncidentUpdate = update(PublicIncidentStatus).annotations({ identifier: "PublicIncidentUpdate" })
export type PublicIncidentUpdate = typeof PublicIncidentUpdate.Type

export const PublicIncident = Schema.Struct(incidentFields(PublicIncidentStatus)).annotations({
  identifier: "PublicIncident"
})
export type PublicIncident = typeof PublicIncident.Type

export const PublicMaintenanceUpdate = update(MaintenanceStatus).annotations({ identifier: "PublicMaintenanceUpdate" })
export type PublicMaintenanceUpdate = typeof PublicMaintenanceUpdate.Type

export const PublicMaintenance = Schema.Struct({
  ...incidentFields(MaintenanceStatus),
  scheduled_for: Schema.NullOr(Timestamp),
  scheduled_until: Schema.NullOr(Timestamp)
}).annotations({ identifier: "PublicMaintenance" })
export type PublicMaintenance = typeof PublicMaintenance.Type

export const Summary = Schema.Struct({
  page: PublicPage,
  status: PageStatus,
  components: Schema.Array(PublicComponent),
  /** The unresolved incidents. */
  incidents: Schema.Array(PublicIncident),
  /** The upcoming and in-progress maintenances. */
  scheduled_maintenances: Schema.Array(PublicMaintenance)
}).annotations({ identifier: "Summary" })
export type Summary = typeof Summary.Type

export const StatusResponse = Schema.Struct({ page: PublicPage, status: PageStatus }).annotations({
  identifier: "StatusResponse"
})
export type StatusResponse = typeof StatusResponse.Type

export const ComponentsResponse = Schema.Struct({
  page: PublicPage,
  components: Schema.Array(PublicComponent)
}).annotations({ identifier: "ComponentsResponse" })
export type ComponentsResponse = typeof ComponentsResponse.Type

export const IncidentsResponse = Schema.Struct({
  page: PublicPage,
  incidents: Schema.Array(PublicIncident)
}).annotations({ identifier: "IncidentsResponse" })
export type IncidentsResponse = typeof IncidentsResponse.Type

export const MaintenancesResponse = Schema.Struct({
  page: PublicPage,
  scheduled_maintenances: Schema.Array(PublicMaintenance)
}).annotations({ identifier: "MaintenancesResponse" })
export type MaintenancesResponse = typeof MaintenancesResponse.Type
