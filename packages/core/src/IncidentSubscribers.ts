/**
 * Incident subscribers: people notified of one incident only.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { PageQuery } from "./internal/schema/paging.js"
import { IncidentSubscriberCreate, Subscriber } from "./internal/schema/subscriber.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentSubscriberCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Subscriber
} from "./internal/schema/subscriber.js"

/**
 * `GET /pages/{page_id}/incidents/{incident_id}/subscribers`: one page of an incident's subscribers.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "incidentSubscribers.list",
  method: "GET",
  path: "/pages/{page_id}/incidents/{incident_id}/subscribers",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Subscriber),
  paging: "page"
})

/**
 * `GET /pages/{page_id}/incidents/{incident_id}/subscribers/{subscriber_id}`: one incident subscriber.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "incidentSubscribers.get",
  method: "GET",
  path: "/pages/{page_id}/incidents/{incident_id}/subscribers/{subscriber_id}",
  success: Subscriber
})

/**
 * `POST /pages/{page_id}/incidents/{incident_id}/subscribers`: subscribes an email address or phone to an incident.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "incidentSubscribers.create",
  method: "POST",
  path: "/pages/{page_id}/incidents/{incident_id}/subscribers",
  body: enveloped("subscriber", IncidentSubscriberCreate),
  success: Subscriber
})

/**
 * `DELETE /pages/{page_id}/incidents/{incident_id}/subscribers/{subscriber_id}`: unsubscribes one and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "incidentSubscribers.delete",
  method: "DELETE",
  path: "/pages/{page_id}/incidents/{incident_id}/subscribers/{subscriber_id}",
  success: Subscriber
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}

/**
 * `POST /pages/{page_id}/incidents/{incident_id}/subscribers/{subscriber_id}/resend_confirmation`: resends the
 * confirmation (201, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
export const resendConfirmation = Endpoint.make({
  name: "incidentSubscribers.resendConfirmation",
  method: "POST",
  path: "/pages/{page_id}/incidents/{incident_id}/subscribers/{subscriber_id}/resend_confirmation"
})
