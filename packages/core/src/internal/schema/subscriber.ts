import * as Schema from "effect/Schema"
import { optional, optionalNullable, Timestamp } from "./common.js"

/** Subscriber kinds, as the list filters and bulk actions name them. */
export const SubscriberType = Schema.Literal("email", "sms", "webhook", "slack", "integration_partner")
export type SubscriberType = typeof SubscriberType.Type

/** Subscriber states a filter can ask for (`all` included). */
export const SubscriberState = Schema.Literal("active", "unconfirmed", "quarantined", "all")
export type SubscriberState = typeof SubscriberState.Type

/**
 * A page or incident subscriber. Which contact fields are set depends on `mode`; `components` is a list of
 * component ids (the spec types it as a string).
 */
export const Subscriber = Schema.Struct({
  id: Schema.String,
  mode: Schema.String,
  skip_confirmation_notification: optional(Schema.Boolean),
  email: optionalNullable(Schema.String),
  endpoint: optionalNullable(Schema.String),
  phone_number: optionalNullable(Schema.String),
  phone_country: optionalNullable(Schema.String),
  display_phone_number: optionalNullable(Schema.String),
  obfuscated_channel_name: optionalNullable(Schema.String),
  workspace_name: optionalNullable(Schema.String),
  quarantined_at: optionalNullable(Timestamp),
  purge_at: optionalNullable(Timestamp),
  components: optionalNullable(Schema.Array(Schema.String)),
  page_access_user_id: optionalNullable(Schema.String),
  created_at: Timestamp
}).annotations({ identifier: "Subscriber" })
export type Subscriber = typeof Subscriber.Type
