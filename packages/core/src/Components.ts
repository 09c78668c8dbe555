/**
 * Components: the parts of a service whose status a page shows.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { Component, ComponentCreate, ComponentUpdate } from "./internal/schema/component.js"
import { PageQuery } from "./internal/schema/paging.js"

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
