/**
 * Incident postmortems: write a draft, publish it, revert it to a draft, or delete it.
 *
 * @since 0.1.0
 */
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { Postmortem, PostmortemDraft, PostmortemPublish } from "./internal/schema/postmortem.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Postmortem,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PostmortemDraft,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PostmortemPublish
} from "./internal/schema/postmortem.js"

const path = "/pages/{page_id}/incidents/{incident_id}/postmortem" as const

/**
 * `GET /pages/{page_id}/incidents/{incident_id}/postmortem`: the incident's postmortem.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "incidentPostmortems.get",
  method: "GET",
  path,
  success: Postmortem
})

/**
 * `PUT /pages/{page_id}/incidents/{incident_id}/postmortem`: creates or replaces the draft.
 *
 * @since 0.1.0
 * @category Actions
 */
export const saveDraft = Endpoint.make({
  name: "incidentPostmortems.saveDraft",
  method: "PUT",
  path,
  body: enveloped("postmortem", PostmortemDraft),
  success: Postmortem
})

/**
 * `PUT /pages/{page_id}/incidents/{incident_id}/postmortem/publish`: publishes the draft.
 *
 * @since 0.1.0
 * @category Actions
 */
export const publish = Endpoint.make({
  name: "incidentPostmortems.publish",
  method: "PUT",
  path: "/pages/{page_id}/incidents/{incident_id}/postmortem/publish",
  body: enveloped("postmortem", PostmortemPublish),
  success: Postmortem
})

/**
 * `PUT /pages/{page_id}/incidents/{incident_id}/postmortem/revert`: takes a published postmortem back to draft.
 *
 * @since 0.1.0
 * @category Actions
 */
export const revert = Endpoint.make({
  name: "incidentPostmortems.revert",
  method: "PUT",
  path: "/pages/{page_id}/incidents/{incident_id}/postmortem/revert",
  success: Postmortem
})

/**
 * `DELETE /pages/{page_id}/incidents/{incident_id}/postmortem`: deletes the postmortem (204, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "incidentPostmortems.delete",
  method: "DELETE",
  path,
  successStatus: 204
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}
