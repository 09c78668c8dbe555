/**
 * Pages: the status pages of the account, and the settings of each.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { Page, PageUpdate } from "./internal/schema/page.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Page,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageBranding,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageLogo,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageUpdate
} from "./internal/schema/page.js"

/**
 * `GET /pages`: every page the API key can see (not paged).
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "pages.list",
  method: "GET",
  path: "/pages",
  success: Schema.Array(Page)
})

/**
 * `GET /pages/{page_id}`: the configured page (or `options.pageId`).
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "pages.get",
  method: "GET",
  path: "/pages/{page_id}",
  success: Page
})

/**
 * `PATCH /pages/{page_id}`: changes the given settings of the page.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "pages.update",
  method: "PATCH",
  path: "/pages/{page_id}",
  body: enveloped("page", PageUpdate),
  success: Page
})

/**
 * `PUT /pages/{page_id}`: the same partial write as `update`, sent as PUT.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "pages.replace",
  method: "PUT",
  path: "/pages/{page_id}",
  body: enveloped("page", PageUpdate),
  success: Page
})
