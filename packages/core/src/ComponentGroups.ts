/**
 * Component groups: named sets of components shown together. A group cannot be empty.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { ComponentGroupBody, GroupComponent } from "./internal/schema/componentGroup.js"
import { PageQuery } from "./internal/schema/paging.js"
import { ComponentGroupUptime } from "./internal/schema/uptime.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentGroupInput,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  GroupComponent
} from "./internal/schema/componentGroup.js"
export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentGroupUptime
} from "./internal/schema/uptime.js"

/**
 * `GET /pages/{page_id}/component-groups`: one page of the page's component groups.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "componentGroups.list",
  method: "GET",
  path: "/pages/{page_id}/component-groups",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(GroupComponent),
  paging: "page"
})

/**
 * `GET /pages/{page_id}/component-groups/{id}`: one component group.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "componentGroups.get",
  method: "GET",
  path: "/pages/{page_id}/component-groups/{id}",
  success: GroupComponent
})

/**
 * `POST /pages/{page_id}/component-groups`: creates a group of existing components.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "componentGroups.create",
  method: "POST",
  path: "/pages/{page_id}/component-groups",
  body: ComponentGroupBody,
  success: GroupComponent
})

/**
 * `PATCH /pages/{page_id}/component-groups/{id}`: changes a group; `name` and `components` are always required.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "componentGroups.update",
  method: "PATCH",
  path: "/pages/{page_id}/component-groups/{id}",
  body: ComponentGroupBody,
  success: GroupComponent
})

/**
 * `PUT /pages/{page_id}/component-groups/{id}`: changes a group, like `update`.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "componentGroups.replace",
  method: "PUT",
  path: "/pages/{page_id}/component-groups/{id}",
  body: ComponentGroupBody,
  success: GroupComponent
})

/**
 * `DELETE /pages/{page_id}/component-groups/{id}`: deletes a group and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "componentGroups.delete",
  method: "DELETE",
  path: "/pages/{page_id}/component-groups/{id}",
  success: GroupComponent
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}

/**
 * `GET /pages/{page_id}/component-groups/{id}/uptime`: uptime of a group with showcase on for some member.
 *
 * @since 0.1.0
 * @category Actions
 */
export const uptime = Endpoint.make({
  name: "componentGroups.uptime",
  method: "GET",
  path: "/pages/{page_id}/component-groups/{id}/uptime",
  success: ComponentGroupUptime
})
