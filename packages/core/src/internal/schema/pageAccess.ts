/**
 * Page access users and groups (audience-specific pages) and the bare id-list bodies of their sub-collections.
 */
import * as Schema from "effect/Schema"
import { NonEmpty, optional, optionalNullable, Timestamp } from "./common.js"

const Ids = Schema.Array(Schema.String)

/** `page_access_group_ids` is typed `string` in the spec but is a list of group ids. */
export const PageAccessUser = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  email: optionalNullable(Schema.String),
  /** The IdP login id (typically `uid`). */
  external_login: optionalNullable(Schema.String),
  page_access_group_id: optionalNullable(Schema.String),
  page_access_group_ids: optionalNullable(Ids),
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "PageAccessUser" })
export type PageAccessUser = typeof PageAccessUser.Type

const pageAccessUserFields = {
  email: optional(NonEmpty),
  external_login: optional(NonEmpty),
  page_access_group_ids: optional(Ids)
}

export const PageAccessUserCreate = Schema.Struct({
  ...pageAccessUserFields,
  subscribe_to_components: optional(Schema.Boolean)
}).annotations({ identifier: "PageAccessUserCreate" })
export type PageAccessUserCreate = typeof PageAccessUserCreate.Type

/** The spec declares no body for PATCH/PUT; these are the fields its curl sample sends. */
export const PageAccessUserUpdate = Schema.Struct(pageAccessUserFields).annotations({
  identifier: "PageAccessUserUpdate"
})
export type PageAccessUserUpdate = typeof PageAccessUserUpdate.Type

/** The page-access query: `email` narrows the list to one address. */
export const PageAccessUserQuery = { email: optional(NonEmpty) }

export const PageAccessGroup = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  name: Schema.String,
  /** Associates the group with a group of the IdP. */
  external_identifier: optionalNullable(Schema.String),
  page_access_user_ids: optionalNullable(Ids),
  component_ids: optionalNullable(Ids),
  metric_ids: optionalNullable(Ids),
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "PageAccessGroup" })
export type PageAccessGroup = typeof PageAccessGroup.Type

const pageAccessGroupFields = {
  external_identifier: optional(Schema.String),
  component_ids: optional(Ids),
  metric_ids: optional(Ids),
  page_access_user_ids: optional(Ids)
}

/** The spec requires nothing; as for components, a create needs the name the group is shown by. */
export const PageAccessGroupCreate = Schema.Struct({ name: NonEmpty, ...pageAccessGroupFields }).annotations({
  identifier: "PageAccessGroupCreate"
})
export type PageAccessGroupCreate = typeof PageAccessGroupCreate.Type

export const PageAccessGroupUpdate = Schema.Struct({ name: optional(NonEmpty), ...pageAccessGroupFields }).annotations({
  identifier: "PageAccessGroupUpdate"
})
export type PageAccessGroupUpdate = typeof PageAccessGroupUpdate.Type

/**
 * A non-empty id list: an empty one never means "nothing" safely (on a DELETE the server may read it as absent,
 * which removes every component), so it is rejected before sending.
 */
const SomeIds = Schema.NonEmptyArray(NonEmpty)

/** The bare `{"component_ids": [...]}` body of the page-access component sub-collections. */
export const ComponentIds = Schema.Struct({ component_ids: SomeIds }).annotations({ identifier: "ComponentIds" })
export type ComponentIds = typeof ComponentIds.Type

/** The bare `{"metric_ids": [...]}` body of the page-access-user metric sub-collection. */
export const MetricIds = Schema.Struct({ metric_ids: SomeIds }).annotations({ identifier: "MetricIds" })
export type MetricIds = typeof MetricIds.Type
