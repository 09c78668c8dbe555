/**
 * Incident updates: editing the entries of an incident's timeline. New entries come from changing the incident's
 * `status` or `body` (`Incidents.update`).
 *
 * @since 0.1.0
 */
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { IncidentUpdate, IncidentUpdateChanges } from "./internal/schema/incident.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentUpdateChanges
} from "./internal/schema/incident.js"

const path = "/pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}" as const

/**
 * `PATCH /pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}`: edits one update.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "incidentUpdates.update",
  method: "PATCH",
  path,
  body: enveloped("incident_update", IncidentUpdateChanges),
  success: IncidentUpdate
})

/**
 * `PUT /pages/{page_id}/incidents/{incident_id}/incident_updates/{incident_update_id}`: the same edit, sent as PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "incidentUpdates.replace",
  method: "PUT",
  path,
  body: enveloped("incident_update", IncidentUpdateChanges),
  success: IncidentUpdate
})
