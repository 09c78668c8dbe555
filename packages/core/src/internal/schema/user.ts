import * as Schema from "effect/Schema"
import { NonEmpty, optional, Secret, Timestamp } from "./common.js"

/** A team member of an organization (not a page access user). */
export const User = Schema.Struct({
  id: Schema.String,
  organization_id: Schema.String,
  email: Schema.String,
  first_name: Schema.NullOr(Schema.String),
  last_name: Schema.NullOr(Schema.String),
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "User" })
export type User = typeof User.Type

/** A team member to add; `password` may be given as a `Redacted` value. */
export const UserCreate = Schema.Struct({
  email: NonEmpty,
  password: optional(Secret),
  first_name: optional(Schema.String),
  last_name: optional(Schema.String)
}).annotations({ identifier: "UserCreate" })
export type UserCreate = typeof UserCreate.Type
