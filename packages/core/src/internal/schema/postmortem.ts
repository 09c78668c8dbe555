import * as Schema from "effect/Schema"
import { optional, Timestamp } from "./common.js"

/** An incident's postmortem: a draft, and once published, its body. Unset parts are `null`. */
export const Postmortem = Schema.Struct({
  preview_key: Schema.NullOr(Schema.String),
  body: Schema.NullOr(Schema.String),
  body_updated_at: Schema.NullOr(Timestamp),
  body_draft: Schema.NullOr(Schema.String),
  body_draft_updated_at: Schema.NullOr(Timestamp),
  published_at: Schema.NullOr(Timestamp),
  notify_subscribers: Schema.NullOr(Schema.Boolean),
  notify_twitter: Schema.NullOr(Schema.Boolean),
  custom_tweet: Schema.NullOr(Schema.String),
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "Postmortem" })
export type Postmortem = typeof Postmortem.Type

/** Creates or replaces the draft (envelope `postmortem`). */
export const PostmortemDraft = Schema.Struct({
  body_draft: Schema.String
}).annotations({ identifier: "PostmortemDraft" })
export type PostmortemDraft = typeof PostmortemDraft.Type

/** How to announce the published postmortem (envelope `postmortem`). */
export const PostmortemPublish = Schema.Struct({
  notify_subscribers: optional(Schema.Boolean),
  notify_twitter: optional(Schema.Boolean),
  custom_tweet: optional(Schema.String)
}).annotations({ identifier: "PostmortemPublish" })
export type PostmortemPublish = typeof PostmortemPublish.Type
