import * as Schema from "effect/Schema"
import { IdList, NonEmpty, optional, optionalNullable, Timestamp } from "./common.js"
import { OffsetQuery } from "./paging.js"

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

/** The contact fields both subscriber creates take. */
const contactFields = {
  email: optional(NonEmpty),
  phone_country: optional(NonEmpty),
  phone_number: optional(NonEmpty),
  skip_confirmation_notification: optional(Schema.Boolean)
}

/** A subscriber needs a way to be reached; webhook subscribers give an `endpoint` and an `email`. */
const reachable = (subscriber: {
  readonly email?: string
  readonly phone_number?: string
  readonly endpoint?: string
}): Schema.FilterOutput => {
  if (subscriber.endpoint !== undefined && subscriber.email === undefined) {
    return { path: ["email"], message: "a webhook subscriber also needs an email" }
  }
  if (subscriber.email === undefined && subscriber.phone_number === undefined) {
    return { path: ["email"], message: "give an email, a phone_number or an endpoint" }
  }
  return true
}

/** Creates a page subscriber (Slack subscribers cannot be created through the API). */
export const SubscriberCreate = Schema.Struct({
  ...contactFields,
  endpoint: optional(NonEmpty),
  page_access_user: optional(NonEmpty),
  component_ids: optional(IdList)
})
  .pipe(Schema.filter(reachable))
  .annotations({ identifier: "SubscriberCreate" })
export type SubscriberCreate = typeof SubscriberCreate.Type

/** Creates an incident subscriber: email or SMS only. */
export const IncidentSubscriberCreate = Schema.Struct(contactFields)
  .pipe(Schema.filter(reachable))
  .annotations({ identifier: "IncidentSubscriberCreate" })
export type IncidentSubscriberCreate = typeof IncidentSubscriberCreate.Type

/** The bare PATCH body: `component_ids` left out subscribes to every component; an empty list is refused. */
export const SubscriberUpdate = Schema.Struct({ component_ids: optional(IdList) }).annotations({
  identifier: "SubscriberUpdate"
})
export type SubscriberUpdate = typeof SubscriberUpdate.Type

/** Fields the list orders by; `relevance` needs `q`. */
export const SubscriberSortField = Schema.Literal("primary", "created_at", "quarantined_at", "relevance")
export type SubscriberSortField = typeof SubscriberSortField.Type

/** The page subscribers list's filters, order and 0-based paging. */
export const SubscriberListQuery = Schema.Struct({
  q: optional(Schema.String),
  type: optional(SubscriberType),
  state: optional(SubscriberState),
  ...OffsetQuery,
  sort_field: optional(SubscriberSortField),
  sort_direction: optional(Schema.Literal("asc", "desc"))
})
  .pipe(
    Schema.filter((query) =>
      query.sort_field === "relevance" && query.q === undefined
        ? { path: ["sort_field"], message: "relevance needs q" }
        : true
    )
  )
  .annotations({ identifier: "SubscriberListQuery" })
export type SubscriberListQuery = typeof SubscriberListQuery.Type

/** The codes a bulk action applies to, or `"all"`. The spec types this as a string; it is a list. */
export const SubscriberCodes = Schema.Union(Schema.Literal("all"), IdList)
export type SubscriberCodes = typeof SubscriberCodes.Type

export const SubscriberUnsubscribe = Schema.Struct({
  /** At most 100 codes at a time. */
  subscribers: Schema.Union(Schema.Literal("all"), IdList.pipe(Schema.maxItems(100))),
  type: optional(SubscriberType),
  state: optional(SubscriberState),
  skip_unsubscription_notification: optional(Schema.Boolean)
}).annotations({ identifier: "SubscriberUnsubscribe" })
export type SubscriberUnsubscribe = typeof SubscriberUnsubscribe.Type

/** Reactivates quarantined subscribers. */
export const SubscriberReactivate = Schema.Struct({
  subscribers: SubscriberCodes,
  type: optional(SubscriberType)
}).annotations({ identifier: "SubscriberReactivate" })
export type SubscriberReactivate = typeof SubscriberReactivate.Type

/** Resends confirmations (only unconfirmed email subscribers get one). */
export const SubscriberResendConfirmations = Schema.Struct({ subscribers: SubscriberCodes }).annotations({
  identifier: "SubscriberResendConfirmations"
})
export type SubscriberResendConfirmations = typeof SubscriberResendConfirmations.Type

/** Subscribers per type. */
export const SubscriberCountByType = Schema.Struct({
  email: Schema.Int,
  sms: Schema.Int,
  webhook: Schema.Int,
  integration_partner: Schema.Int,
  slack: Schema.Int
}).annotations({ identifier: "SubscriberCountByType" })
export type SubscriberCountByType = typeof SubscriberCountByType.Type

export const SubscriberCountByState = Schema.Struct({
  active: Schema.Int,
  unconfirmed: Schema.Int,
  quarantined: Schema.Int,
  total: Schema.Int
}).annotations({ identifier: "SubscriberCountByState" })
export type SubscriberCountByState = typeof SubscriberCountByState.Type

/** Subscribers per type, then per state. */
export const SubscriberCountByTypeAndState = Schema.Struct({
  email: SubscriberCountByState,
  sms: SubscriberCountByState,
  webhook: SubscriberCountByState,
  integration_partner: SubscriberCountByState,
  slack: SubscriberCountByState
}).annotations({ identifier: "SubscriberCountByTypeAndState" })
export type SubscriberCountByTypeAndState = typeof SubscriberCountByTypeAndState.Type
