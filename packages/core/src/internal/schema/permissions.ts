import * as Schema from "effect/Schema"
import { optional } from "./common.js"

/** The roles on one page; present only when the organization uses role-based access control. */
export const PageRoles = Schema.Struct({
  page_configuration: optional(Schema.Boolean),
  incident_manager: optional(Schema.Boolean),
  maintenance_manager: optional(Schema.Boolean)
}).annotations({ identifier: "PageRoles" })
export type PageRoles = typeof PageRoles.Type

/** One page the user can access, with its roles. */
export const PagePermission = Schema.Struct({ page_id: Schema.String, ...PageRoles.fields }).annotations({
  identifier: "PagePermission"
})
export type PagePermission = typeof PagePermission.Type

/** The spec shows `pages` as one object although it names several pages: both forms decode to a list. */
const Pages = Schema.Union(
  Schema.Array(PagePermission),
  Schema.transform(PagePermission, Schema.Array(Schema.typeSchema(PagePermission)), {
    strict: true,
    decode: (one) => [one],
    encode: (list) => list[0]!
  })
)

/** A user's access: the pages they can reach and their roles there. */
export const Permissions = Schema.Struct({
  data: Schema.Struct({ user_id: Schema.String, pages: Pages })
}).annotations({ identifier: "Permissions" })
export type Permissions = typeof Permissions.Type

/** The access to grant, by page id (`{}` for a page without role-based access control). */
export const PermissionsReplace = Schema.Struct({
  pages: Schema.Record({ key: Schema.String, value: PageRoles })
}).annotations({ identifier: "PermissionsReplace" })
export type PermissionsReplace = typeof PermissionsReplace.Type
