/**
 * Page access groups: named sets of page access users sharing the components and metrics they may see on an
 * audience-specific page. These endpoints do nothing unless the page is audience-specific.
 *
 * The component sub-collection reverses the usual REST habits: POST replaces the whole set, PATCH and PUT add to it,
 * DELETE with a body removes from it. The action names say which (`setComponents`, `addComponents`, `remove…`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { Component } from "./internal/schema/component.js"
import {
  ComponentIds,
  PageAccessGroup,
  PageAccessGroupCreate,
  PageAccessGroupUpdate
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
  PageAccessGroup,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageAccessGroupCreate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageAccessGroupUpdate
} from "./internal/schema/pageAccess.js"

const group = "/pages/{page_id}/page_access_groups/{page_access_group_id}" as const

/**
 * `GET /pages/{page_id}/page_access_groups`: one page of the page's access groups.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "pageAccessGroups.list",
  method: "GET",
  path: "/pages/{page_id}/page_access_groups",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(PageAccessGroup),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/page_access_groups`: creates a page access group.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "pageAccessGroups.create",
  method: "POST",
  path: "/pages/{page_id}/page_access_groups",
  body: enveloped("page_access_group", PageAccessGroupCreate),
  success: PageAccessGroup
})

/**
 * `GET /pages/{page_id}/page_access_groups/{page_access_group_id}`: one page access group.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "pageAccessGroups.get",
  method: "GET",
  path: group,
  success: PageAccessGroup
})

/**
 * `PATCH /pages/{page_id}/page_access_groups/{page_access_group_id}`: changes the given fields of a page access group.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "pageAccessGroups.update",
  method: "PATCH",
  path: group,
  body: enveloped("page_access_group", PageAccessGroupUpdate),
  success: PageAccessGroup
})

/**
 * `PUT /pages/{page_id}/page_access_groups/{page_access_group_id}`: the same partial update as `update`, sent as PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "pageAccessGroups.replace",
  method: "PUT",
  path: group,
  body: enveloped("page_access_group", PageAccessGroupUpdate),
  success: PageAccessGroup
})

/**
 * `DELETE /pages/{page_id}/page_access_groups/{page_access_group_id}`: deletes a page access group and returns it.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "pageAccessGroups.delete",
  method: "DELETE",
  path: group,
  success: PageAccessGroup
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}

/**
 * `GET /pages/{page_id}/page_access_groups/{page_access_group_id}/components`: one page of the group's components.
 *
 * @since 0.1.0
 * @category Actions
 */
export const listComponents = Endpoint.make({
  name: "pageAccessGroups.listComponents",
  method: "GET",
  path: `${group}/components`,
  query: Schema.Struct(PageQuery),
  success: Schema.Array(Component),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/page_access_groups/{page_access_group_id}/components`: **replaces** the group's whole set
 * of components with `component_ids`; components left out are no longer visible to its users.
 *
 * @since 0.1.0
 * @category Actions
 */
export const setComponents = Endpoint.make({
  name: "pageAccessGroups.setComponents",
  method: "POST",
  path: `${group}/components`,
  body: ComponentIds,
  success: PageAccessGroup
})

/**
 * `PATCH /pages/{page_id}/page_access_groups/{page_access_group_id}/components`: adds `component_ids` to the group's
 * components, keeping the others.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addComponents = Endpoint.make({
  name: "pageAccessGroups.addComponents",
  method: "PATCH",
  path: `${group}/components`,
  body: ComponentIds,
  success: PageAccessGroup
})

/**
 * `PUT /pages/{page_id}/page_access_groups/{page_access_group_id}/components`: adds, like `addComponents` (this PUT
 * does not replace); as a PUT it counts as safe to retry, which the PATCH does not.
 *
 * @since 0.1.0
 * @category Actions
 */
export const addComponentsViaPut = Endpoint.make({
  name: "pageAccessGroups.addComponentsViaPut",
  method: "PUT",
  path: `${group}/components`,
  body: ComponentIds,
  success: PageAccessGroup
})

/**
 * `DELETE /pages/{page_id}/page_access_groups/{page_access_group_id}/components` with `component_ids`: removes those
 * components from the group's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeComponents = Endpoint.make({
  name: "pageAccessGroups.removeComponents",
  method: "DELETE",
  path: `${group}/components`,
  body: ComponentIds,
  success: PageAccessGroup
})

/**
 * `DELETE /pages/{page_id}/page_access_groups/{page_access_group_id}/components/{component_id}`: removes one
 * component from the group's set.
 *
 * @since 0.1.0
 * @category Actions
 */
export const removeComponent = Endpoint.make({
  name: "pageAccessGroups.removeComponent",
  method: "DELETE",
  path: `${group}/components/{component_id}`,
  success: PageAccessGroup
})
