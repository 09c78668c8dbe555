/**
 * Page subscribers: the people and systems notified of incidents and component changes, and the bulk actions on
 * them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped, optional } from "./internal/schema/common.js"
import { PageQuery } from "./internal/schema/paging.js"
import {
  Subscriber,
  SubscriberCountByType,
  SubscriberCountByTypeAndState,
  SubscriberCreate,
  SubscriberListQuery,
  SubscriberReactivate,
  SubscriberResendConfirmations,
  SubscriberState,
  SubscriberType,
  SubscriberUnsubscribe,
  SubscriberUpdate
} from "./internal/schema/subscriber.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Subscriber,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberCodes,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberCountByState,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberCountByType,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberCountByTypeAndState,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberListQuery,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberReactivate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberResendConfirmations,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberSortField,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberState,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberType,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberUnsubscribe,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  SubscriberUpdate
} from "./internal/schema/subscriber.js"

/**
 * `GET /pages/{page_id}/subscribers`: one page of subscribers (`page` is 0-based; only `active` ones unless `state`
 * says otherwise).
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "subscribers.list",
  method: "GET",
  path: "/pages/{page_id}/subscribers",
  query: SubscriberListQuery,
  success: Schema.Array(Subscriber),
  paging: "offset"
})

/**
 * `POST /pages/{page_id}/subscribers`: creates an email, SMS or webhook subscriber.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "subscribers.create",
  method: "POST",
  path: "/pages/{page_id}/subscribers",
  body: enveloped("subscriber", SubscriberCreate),
  success: Subscriber
})

/**
 * `GET /pages/{page_id}/subscribers/{subscriber_id}`: one subscriber.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "subscribers.get",
  method: "GET",
  path: "/pages/{page_id}/subscribers/{subscriber_id}",
  success: Subscriber
})

/**
 * `PATCH /pages/{page_id}/subscribers/{subscriber_id}`: sets the components a subscriber follows (bare
 * `component_ids`; leave it out for every component).
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "subscribers.update",
  method: "PATCH",
  path: "/pages/{page_id}/subscribers/{subscriber_id}",
  body: SubscriberUpdate,
  success: Subscriber
})

/**
 * `DELETE /pages/{page_id}/subscribers/{subscriber_id}`: unsubscribes one subscriber and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "subscribers.delete",
  method: "DELETE",
  path: "/pages/{page_id}/subscribers/{subscriber_id}",
  query: Schema.Struct({ skip_unsubscription_notification: optional(Schema.Boolean) }),
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
 * `POST /pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation`: resends one confirmation (201, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
export const resendConfirmation = Endpoint.make({
  name: "subscribers.resendConfirmation",
  method: "POST",
  path: "/pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation"
})

/**
 * `GET /pages/{page_id}/subscribers/unsubscribed`: one page of unsubscribed subscribers.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listUnsubscribed = Endpoint.make({
  name: "subscribers.listUnsubscribed",
  method: "GET",
  path: "/pages/{page_id}/subscribers/unsubscribed",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Subscriber),
  paging: "page"
})

/**
 * `GET /pages/{page_id}/subscribers/count`: subscribers per type (`active` ones unless `state` says otherwise).
 *
 * @since 0.1.0
 * @category Actions
 */
export const count = Endpoint.make({
  name: "subscribers.count",
  method: "GET",
  path: "/pages/{page_id}/subscribers/count",
  query: Schema.Struct({ type: optional(SubscriberType), state: optional(SubscriberState) }),
  success: SubscriberCountByType
})

/**
 * `GET /pages/{page_id}/subscribers/histogram_by_state`: subscribers per type and state.
 *
 * @since 0.1.0
 * @category Actions
 */
export const histogramByState = Endpoint.make({
  name: "subscribers.histogramByState",
  method: "GET",
  path: "/pages/{page_id}/subscribers/histogram_by_state",
  success: SubscriberCountByTypeAndState
})

/**
 * `POST /pages/{page_id}/subscribers/unsubscribe`: unsubscribes up to 100 subscribers, or `"all"` (201, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
export const unsubscribe = Endpoint.make({
  name: "subscribers.unsubscribe",
  method: "POST",
  path: "/pages/{page_id}/subscribers/unsubscribe",
  body: SubscriberUnsubscribe
})

/**
 * `POST /pages/{page_id}/subscribers/reactivate`: reactivates quarantined subscribers (201, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
export const reactivate = Endpoint.make({
  name: "subscribers.reactivate",
  method: "POST",
  path: "/pages/{page_id}/subscribers/reactivate",
  body: SubscriberReactivate
})

/**
 * `POST /pages/{page_id}/subscribers/resend_confirmation`: resends confirmations to unconfirmed email subscribers
 * (201, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
export const resendConfirmations = Endpoint.make({
  name: "subscribers.resendConfirmations",
  method: "POST",
  path: "/pages/{page_id}/subscribers/resend_confirmation",
  body: SubscriberResendConfirmations
})
