/**
 * Users: the team members of an organization. Organization actions: they need `organizationId` in the config. These
 * endpoints do not work for organizations on Atlassian accounts.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { PageQuery } from "./internal/schema/paging.js"
import { User, UserCreate } from "./internal/schema/user.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  User,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  UserCreate
} from "./internal/schema/user.js"

/**
 * `GET /organizations/{organization_id}/users`: one page of the organization's users.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "users.list",
  method: "GET",
  path: "/organizations/{organization_id}/users",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(User),
  paging: "page"
})

/**
 * `POST /organizations/{organization_id}/users`: adds a user. The password never appears in an error.
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "users.create",
  method: "POST",
  path: "/organizations/{organization_id}/users",
  body: enveloped("user", UserCreate),
  success: User,
  secrets: ["password"]
})

/**
 * `DELETE /organizations/{organization_id}/users/{user_id}`: removes a user and returns them.
 *
 * @since 0.1.0
 * @category Actions
 */
const del = Endpoint.make({
  name: "users.delete",
  method: "DELETE",
  path: "/organizations/{organization_id}/users/{user_id}",
  success: User
})

export {
  /**
   * @since 0.1.0
   * @category Actions
   */
  del as delete
}
