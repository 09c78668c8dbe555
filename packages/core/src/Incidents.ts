/**
 * Incidents: realtime incidents and scheduled maintenances, with their timeline of updates.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped, optional } from "./internal/schema/common.js"
import { Incident, IncidentChanges, IncidentCreate, ScheduledIncidentCreate } from "./internal/schema/incident.js"
import { LimitQuery, PageQuery } from "./internal/schema/paging.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  AffectedComponent,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Impact,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Incident,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentChanges,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentMetadata,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentStatus,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ScheduledIncidentCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SettableIncidentStatus
} from "./internal/schema/incident.js"

const Incidents = Schema.Array(Incident)
const Listing = Schema.Struct(PageQuery)
const incident = "/pages/{page_id}/incidents/{incident_id}" as const

/**
 * `GET /pages/{page_id}/incidents`: one page of incidents, newest first; `q` searches names, statuses, postmortems
 * and updates.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "incidents.list",
  method: "GET",
  path: "/pages/{page_id}/incidents",
  query: Schema.Struct({ q: optional(Schema.String), ...LimitQuery }),
  success: Incidents,
  paging: "limit"
})

/**
 * `GET /pages/{page_id}/incidents/unresolved`: incidents not yet resolved.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listUnresolved = Endpoint.make({
  name: "incidents.listUnresolved",
  method: "GET",
  path: "/pages/{page_id}/incidents/unresolved",
  query: Listing,
  success: Incidents,
  paging: "page"
})

/**
 * `GET /pages/{page_id}/incidents/scheduled`: scheduled maintenances.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listScheduled = Endpoint.make({
  name: "incidents.listScheduled",
  method: "GET",
  path: "/pages/{page_id}/incidents/scheduled",
  query: Listing,
  success: Incidents,
  paging: "page"
})

/**
 * `GET /pages/{page_id}/incidents/active_maintenance`: maintenances in progress or verifying.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listActiveMaintenance = Endpoint.make({
  name: "incidents.listActiveMaintenance",
  method: "GET",
  path: "/pages/{page_id}/incidents/active_maintenance",
  query: Listing,
  success: Incidents,
  paging: "page"
})

/**
 * `GET /pages/{page_id}/incidents/upcoming`: maintenances not yet started.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listUpcoming = Endpoint.make({
  name: "incidents.listUpcoming",
  method: "GET",
  path: "/pages/{page_id}/incidents/upcoming",
  query: Listing,
  success: Incidents,
  paging: "page"
})

/**
 * `GET /pages/{page_id}/incidents/{incident_id}`: one incident with its updates.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "incidents.get",
  method: "GET",
  path: incident,
  success: Incident
})

/**
 * `POST /pages/{page_id}/incidents`: opens an incident (its `body` becomes the first update).
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "incidents.create",
  method: "POST",
  path: "/pages/{page_id}/incidents",
  body: enveloped("incident", IncidentCreate),
  success: Incident
})

/**
 * `POST /pages/{page_id}/incidents`: schedules a maintenance; `scheduled_for` and `scheduled_until` are required.
 *
 * @since 0.1.0
 * @category Actions
 */
export const createScheduled = Endpoint.make({
  name: "incidents.createScheduled",
  method: "POST",
  path: "/pages/{page_id}/incidents",
  body: enveloped("incident", ScheduledIncidentCreate),
  success: Incident
})

/**
 * `PATCH /pages/{page_id}/incidents/{incident_id}`: changes an incident; a new `status` or `body` adds an update.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "incidents.update",
  method: "PATCH",
  path: incident,
  body: enveloped("incident", IncidentChanges),
  success: Incident
})

/**
 * `PUT /pages/{page_id}/incidents/{incident_id}`: the same partial write as `update`, sent as PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "incidents.replace",
  method: "PUT",
  path: incident,
  body: enveloped("incident", IncidentChanges),
  success: Incident
})

/**
 * `DELETE /pages/{page_id}/incidents/{incident_id}`: deletes an incident and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "incidents.delete",
  method: "DELETE",
  path: incident,
  success: Incident
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}
