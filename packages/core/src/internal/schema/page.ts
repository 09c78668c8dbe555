import * as Schema from "effect/Schema"
import { NonEmpty, optional, optionalNullable, Timestamp } from "./common.js"

/**
 * An uploaded image. The spec types the logo fields as strings, but real payloads send an object (`url` on the small
 * ones, `original_url`/`normal_url`/`retina_url` on the large ones); both are accepted.
 */
export const PageLogo = Schema.Union(
  Schema.Struct({
    updated_at: Schema.NullOr(Timestamp),
    size: Schema.NullOr(Schema.Number),
    url: optional(Schema.String),
    original_url: optional(Schema.String),
    normal_url: optional(Schema.String),
    retina_url: optional(Schema.String)
  }),
  Schema.String
).annotations({ identifier: "PageLogo" })
export type PageLogo = typeof PageLogo.Type

/** The page's template; the only request-side enum of a page. */
export const PageBranding = Schema.Literal("basic", "premium")
export type PageBranding = typeof PageBranding.Type

/** The twelve colours of the page's theme, hex without `#` (e.g. `1e8542`). */
const cssKeys = [
  "css_body_background_color",
  "css_font_color",
  "css_light_font_color",
  "css_greens",
  "css_yellows",
  "css_oranges",
  "css_blues",
  "css_reds",
  "css_border_color",
  "css_graph_color",
  "css_link_color",
  "css_no_data"
] as const

const allowKeys = [
  "allow_page_subscribers",
  "allow_incident_subscribers",
  "allow_email_subscribers",
  "allow_sms_subscribers",
  "allow_rss_atom_feeds",
  "allow_webhook_subscribers"
] as const

/** The same field under each of `keys`. */
const sameField = <const K extends string, F>(keys: ReadonlyArray<K>, field: F) =>
  Object.fromEntries(keys.map((key) => [key, field])) as { readonly [P in K]: F }

/** A status page, as `GET /pages` and `GET /pages/{page_id}` return it. */
export const Page = Schema.Struct({
  id: Schema.String,
  created_at: Timestamp,
  updated_at: Timestamp,
  name: Schema.String,
  page_description: Schema.NullOr(Schema.String),
  headline: Schema.NullOr(Schema.String),
  branding: Schema.String,
  subdomain: Schema.String,
  domain: Schema.NullOr(Schema.String),
  url: Schema.NullOr(Schema.String),
  support_url: Schema.NullOr(Schema.String),
  hidden_from_search: Schema.Boolean,
  ...sameField(allowKeys, Schema.Boolean),
  notifications_from_email: Schema.NullOr(Schema.String),
  notifications_email_footer: Schema.NullOr(Schema.String),
  activity_score: Schema.Number,
  twitter_username: Schema.NullOr(Schema.String),
  viewers_must_be_team_members: Schema.Boolean,
  ip_restrictions: Schema.NullOr(Schema.String),
  city: Schema.NullOr(Schema.String),
  state: Schema.NullOr(Schema.String),
  country: Schema.NullOr(Schema.String),
  time_zone: Schema.String,
  ...sameField(cssKeys, Schema.String),
  favicon_logo: optionalNullable(PageLogo),
  transactional_logo: optionalNullable(PageLogo),
  hero_cover: optionalNullable(PageLogo),
  email_logo: optionalNullable(PageLogo),
  twitter_logo: optionalNullable(PageLogo)
}).annotations({ identifier: "Page" })
export type Page = typeof Page.Type

/** The writable fields of a page (`PATCH`/`PUT /pages/{page_id}`, envelope `page`); all optional. */
export const PageUpdate = Schema.Struct({
  name: optional(NonEmpty),
  domain: optional(Schema.String),
  subdomain: optional(Schema.String),
  url: optional(Schema.String),
  branding: optional(PageBranding),
  ...sameField(cssKeys, optional(Schema.String)),
  hidden_from_search: optional(Schema.Boolean),
  viewers_must_be_team_members: optional(Schema.Boolean),
  ...sameField(allowKeys, optional(Schema.Boolean)),
  notifications_from_email: optional(Schema.String),
  notifications_email_footer: optional(Schema.String),
  time_zone: optional(Schema.String)
}).annotations({ identifier: "PageUpdate" })
export type PageUpdate = typeof PageUpdate.Type
