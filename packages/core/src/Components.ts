/**
 * Components: the parts of a service whose status a page shows.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped, IdList } from "./internal/schema/common.js"
import { Component, ComponentCreate, ComponentUpdate } from "./internal/schema/component.js"
import { PageQuery } from "./internal/schema/paging.js"
import { ComponentUptime } from "./internal/schema/uptime.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Component,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentStatus,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentUpdate
} from "./internal/schema/component.js"
export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentUptime
} from "./internal/schema/uptime.js"

/**
 * `GET /pages/{page_id}/components`: one page of the page's components.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "components.list",
  method: "GET",
  path: "/pages/{page_id}/components",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Component),
  paging: "page"
})

/**
 * `GET /pages/{page_id}/components/{component_id}`: one component.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "components.get",
  method: "GET",
  path: "/pages/{page_id}/components/{component_id}",
  success: Component
})

/**
 * `POST /pages/{page_id}/components`: creates a component.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "components.create",
  method: "POST",
  path: "/pages/{page_id}/components",
  body: enveloped("component", ComponentCreate),
  success: Component
})

/**
 * `PATCH /pages/{page_id}/components/{component_id}`: changes the given fields of a component.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "components.update",
  method: "PATCH",
  path: "/pages/{page_id}/components/{component_id}",
  body: enveloped("component", ComponentUpdate),
  success: Component
})

/**
 * `PUT /pages/{page_id}/components/{component_id}`: changes the given fields of a component (PUT is partial too).
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "components.replace",
  method: "PUT",
  path: "/pages/{page_id}/components/{component_id}",
  body: enveloped("component", ComponentUpdate),
  success: Component
})

/**
 * `GET /pages/{page_id}/components/{component_id}/uptime`: uptime of a component that has showcase on.
 *
 * @since 0.1.0
 * @category Actions
 */
export const uptime = Endpoint.make({
  name: "components.uptime",
  method: "GET",
  path: "/pages/{page_id}/components/{component_id}/uptime",
  success: ComponentUptime
})

/**
 * `POST /pages/{page_id}/components/{component_id}/page_access_users`: gives page access users access to a component.
 * The body is form-urlencoded: this endpoint takes no JSON.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addPageAccessUsers = Endpoint.make({
  name: "components.addPageAccessUsers",
  method: "POST",
  path: "/pages/{page_id}/components/{component_id}/page_access_users",
  body: Schema.Struct({ page_access_user_ids: IdList }),
  bodyEncoding: "form",
  success: Component
})

/**
 * `DELETE /pages/{page_id}/components/{component_id}/page_access_users`: removes page access users from a component
 * (the spec declares no body, so which ones is the server's choice).
 *
 * @since 0.1.0
 * @category Actions
 */
export const removePageAccessUsers = Endpoint.make({
  name: "components.removePageAccessUsers",
  method: "DELETE",
  path: "/pages/{page_id}/components/{component_id}/page_access_users",
  success: Component
})

/**
 * `POST /pages/{page_id}/components/{component_id}/page_access_groups`: gives page access groups access to a component.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addPageAccessGroups = Endpoint.make({
  name: "components.addPageAccessGroups",
  method: "POST",
  path: "/pages/{page_id}/components/{component_id}/page_access_groups",
  body: Schema.Struct({ page_access_group_ids: IdList }),
  success: Component
})

/**
 * `DELETE /pages/{page_id}/components/{component_id}/page_access_groups`: removes page access groups from a component
 * (the spec declares no body, so which ones is the server's choice).
 *
 * @since 0.1.0
 * @category Actions
 */
export const removePageAccessGroups = Endpoint.make({
  name: "components.removePageAccessGroups",
  method: "DELETE",
  path: "/pages/{page_id}/components/{component_id}/page_access_groups",
  success: Component
})

/**
 * `DELETE /pages/{page_id}/components/{component_id}`: deletes a component (204, no body).
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "components.delete",
  method: "DELETE",
  path: "/pages/{page_id}/components/{component_id}",
  successStatus: 204
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}
