/**
 * Page access users: who may see an audience-specific page, and which of its components and metrics they see.
 * These endpoints do nothing unless the page is audience-specific.
 *
 * The component and metric sub-collections reverse the usual REST habits: POST replaces the whole set, PATCH and PUT
 * add to it, DELETE with a body removes from it. The action names say which (`set…`, `add…`, `remove…`).
 *
 * @since 0.1.0
 */
// Over 300 lines: a single declaration list (one `Endpoint.make` per action, 19 of them, and their schemas).
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { Component } from "./internal/schema/component.js"
import { Metric } from "./internal/schema/metric.js"
import {
  ComponentIds,
  MetricIds,
  PageAccessUser,
  PageAccessUserCreate,
  PageAccessUserQuery,
  PageAccessUserUpdate
} from "./internal/schema/pageAccess.js"
import { PageQuery } from "./internal/schema/paging.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentIds,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MetricIds,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageAccessUser,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageAccessUserCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageAccessUserUpdate
} from "./internal/schema/pageAccess.js"

const user = "/pages/{page_id}/page_access_users/{page_access_user_id}" as const

/**
 * `GET /pages/{page_id}/page_access_users`: one page of the page's access users, optionally only those with `email`.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "pageAccessUsers.list",
  method: "GET",
  path: "/pages/{page_id}/page_access_users",
  query: Schema.Struct({ ...PageAccessUserQuery, ...PageQuery }),
  success: Schema.Array(PageAccessUser),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/page_access_users`: adds a page access user (answers 200, not 201; 409 if it exists).
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "pageAccessUsers.create",
  method: "POST",
  path: "/pages/{page_id}/page_access_users",
  body: enveloped("page_access_user", PageAccessUserCreate),
  success: PageAccessUser,
  successStatus: 200
})

/**
 * `GET /pages/{page_id}/page_access_users/{page_access_user_id}`: one page access user.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "pageAccessUsers.get",
  method: "GET",
  path: user,
  success: PageAccessUser
})

/**
 * `PATCH /pages/{page_id}/page_access_users/{page_access_user_id}`: changes the given fields of a page access user.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "pageAccessUsers.update",
  method: "PATCH",
  path: user,
  body: enveloped("page_access_user", PageAccessUserUpdate),
  success: PageAccessUser
})

/**
 * `PUT /pages/{page_id}/page_access_users/{page_access_user_id}`: the same partial update as `update`, sent as PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "pageAccessUsers.replace",
  method: "PUT",
  path: user,
  body: enveloped("page_access_user", PageAccessUserUpdate),
  success: PageAccessUser
})

/**
 * `DELETE /pages/{page_id}/page_access_users/{page_access_user_id}`: deletes a page access user (204, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "pageAccessUsers.delete",
  method: "DELETE",
  path: user,
  successStatus: 204
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}

/**
 * `GET /pages/{page_id}/page_access_users/{page_access_user_id}/components`: one page of the components the user sees.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listComponents = Endpoint.make({
  name: "pageAccessUsers.listComponents",
  method: "GET",
  path: `${user}/components`,
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Component),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/page_access_users/{page_access_user_id}/components`: **replaces** the user's whole set of
 * components with `component_ids`; components left out are no longer visible to the user.
 *
 * @since 0.1.0
 * @category Actions
 */
export const setComponents = Endpoint.make({
  name: "pageAccessUsers.setComponents",
  method: "POST",
  path: `${user}/components`,
  body: ComponentIds,
  success: PageAccessUser
})

/**
 * `PATCH /pages/{page_id}/page_access_users/{page_access_user_id}/components`: adds `component_ids` to the user's
 * components, keeping the others.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addComponents = Endpoint.make({
  name: "pageAccessUsers.addComponents",
  method: "PATCH",
  path: `${user}/components`,
  body: ComponentIds,
  success: PageAccessUser
})

/**
 * `PUT /pages/{page_id}/page_access_users/{page_access_user_id}/components`: adds, like `addComponents` (this PUT does
 * not replace); as a PUT it counts as safe to retry, which the PATCH does not.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addComponentsViaPut = Endpoint.make({
  name: "pageAccessUsers.addComponentsViaPut",
  method: "PUT",
  path: `${user}/components`,
  body: ComponentIds,
  success: PageAccessUser
})

/**
 * `DELETE /pages/{page_id}/page_access_users/{page_access_user_id}/components` with `component_ids`: removes those
 * components from the user's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeComponents = Endpoint.make({
  name: "pageAccessUsers.removeComponents",
  method: "DELETE",
  path: `${user}/components`,
  body: ComponentIds,
  success: PageAccessUser
})

/**
 * `DELETE /pages/{page_id}/page_access_users/{page_access_user_id}/components` with no body: removes **every**
 * component from the user's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeAllComponents = Endpoint.make({
  name: "pageAccessUsers.removeAllComponents",
  method: "DELETE",
  path: `${user}/components`,
  success: PageAccessUser
})

/**
 * `DELETE /pages/{page_id}/page_access_users/{page_access_user_id}/components/{component_id}`: removes one component
 * from the user's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeComponent = Endpoint.make({
  name: "pageAccessUsers.removeComponent",
  method: "DELETE",
  path: `${user}/components/{component_id}`,
  success: PageAccessUser
})

/**
 * `GET /pages/{page_id}/page_access_users/{page_access_user_id}/metrics`: one page of the metrics the user sees.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listMetrics = Endpoint.make({
  name: "pageAccessUsers.listMetrics",
  method: "GET",
  path: `${user}/metrics`,
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Metric),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/page_access_users/{page_access_user_id}/metrics`: **replaces** the user's whole set of
 * metrics with `metric_ids`; metrics left out are no longer visible to the user.
 *
 * @since 0.1.0
 * @category Actions
 */
export const setMetrics = Endpoint.make({
  name: "pageAccessUsers.setMetrics",
  method: "POST",
  path: `${user}/metrics`,
  body: MetricIds,
  success: PageAccessUser
})

/**
 * `PATCH /pages/{page_id}/page_access_users/{page_access_user_id}/metrics`: adds `metric_ids` to the user's metrics,
 * keeping the others.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addMetrics = Endpoint.make({
  name: "pageAccessUsers.addMetrics",
  method: "PATCH",
  path: `${user}/metrics`,
  body: MetricIds,
  success: PageAccessUser
})

/**
 * `PUT /pages/{page_id}/page_access_users/{page_access_user_id}/metrics`: adds, like `addMetrics` (this PUT does not
 * replace); as a PUT it counts as safe to retry, which the PATCH does not.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addMetricsViaPut = Endpoint.make({
  name: "pageAccessUsers.addMetricsViaPut",
  method: "PUT",
  path: `${user}/metrics`,
  body: MetricIds,
  success: PageAccessUser
})

/**
 * `DELETE /pages/{page_id}/page_access_users/{page_access_user_id}/metrics` with `metric_ids`: removes those metrics
 * from the user's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeMetrics = Endpoint.make({
  name: "pageAccessUsers.removeMetrics",
  method: "DELETE",
  path: `${user}/metrics`,
  body: MetricIds,
  success: PageAccessUser
})

/**
 * `DELETE /pages/{page_id}/page_access_users/{page_access_user_id}/metrics/{metric_id}`: removes one metric from the
 * user's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeMetric = Endpoint.make({
  name: "pageAccessUsers.removeMetric",
  method: "DELETE",
  path: `${user}/metrics/{metric_id}`,
  success: PageAccessUser
})
