import * as Schema from "effect/Schema"
import { NonEmpty, optional, optionalNullable, Secret, Timestamp } from "./common.js"

/** Statuspage's own type is an integer, although every other `page_id` is a string: a string here. */
export const MetricsProvider = Schema.Struct({
  id: Schema.String,
  type: Schema.String,
  disabled: Schema.Boolean,
  metric_base_uri: optionalNullable(Schema.String),
  last_revalidated_at: optionalNullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
  page_id: Schema.String
}).annotations({ identifier: "MetricsProvider" })
export type MetricsProvider = typeof MetricsProvider.Type

/**
 * A metrics provider to link. `type` is one of `Pingdom`, `NewRelic`, `Librato`, `Datadog`, `Self`; which credentials
 * are needed depends on it. Credentials may be given as `Redacted` values.
 */
export const MetricsProviderCreate = Schema.Struct({
  type: NonEmpty,
  email: optional(Schema.String),
  password: optional(Secret),
  api_key: optional(Secret),
  api_token: optional(Secret),
  application_key: optional(Secret),
  metric_base_uri: optional(Schema.String)
}).annotations({ identifier: "MetricsProviderCreate" })
export type MetricsProviderCreate = typeof MetricsProviderCreate.Type

/** What `PATCH` and `PUT` on a metrics provider accept. */
export const MetricsProviderUpdate = Schema.Struct({
  type: optional(NonEmpty),
  metric_base_uri: optional(Schema.String)
}).annotations({ identifier: "MetricsProviderUpdate" })
export type MetricsProviderUpdate = typeof MetricsProviderUpdate.Type
