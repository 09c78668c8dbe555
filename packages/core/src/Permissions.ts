/**
 * Permissions: which pages a user of the organization can reach, and with which roles. Organization actions: they
 * need `organizationId` in the config.
 *
 * @since 0.1.0
 */
import * as Endpoint from "./Endpoint.js"
import { Permissions, PermissionsReplace } from "./internal/schema/permissions.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PagePermission,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageRoles,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Permissions,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PermissionsReplace
} from "./internal/schema/permissions.js"

/**
 * `GET /organizations/{organization_id}/permissions/{user_id}`: a user's pages and roles.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "permissions.get",
  method: "GET",
  path: "/organizations/{organization_id}/permissions/{user_id}",
  success: Permissions
})

/**
 * `PUT /organizations/{organization_id}/permissions/{user_id}`: sets a user's access to exactly `pages` (page id to
 * roles, `{}` without role-based access control); pages left out are revoked.
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "permissions.replace",
  method: "PUT",
  path: "/organizations/{organization_id}/permissions/{user_id}",
  body: PermissionsReplace,
  success: Permissions
})
