/**
 * Pages. The account's pages exist from the start (`Store.pageIds`); each gets its row, with Statuspage's default
 * theme, the first time it is read or written.
 */

import type * as Pages from "@effect-statuspage/core/Pages"
import type { Page } from "@effect-statuspage/core/Pages"
import * as Effect from "effect/Effect"
import { type GroupHandlers, unprocessable } from "./handler.js"
import type { Store } from "./store.js"

const pagesTable = (store: Store) => store.table<Page>("pages")

const blankLogo = { updated_at: null, size: null, url: "" }
const blankImage = { updated_at: null, original_url: "", size: null, normal_url: "", retina_url: "" }

/** The row of `pageId` (one of the account's pages, which the router has checked), made on first use. */
const pageRow = (store: Store, pageId: string, now: string): Page => {
  const table = pagesTable(store)
  const existing = table.get(pageId)
  if (existing !== undefined) return existing
  const n = store.pageIds.indexOf(pageId) + 1
  const row: Page = {
    id: pageId,
    created_at: now,
    updated_at: now,
    name: `Fake page ${n}`,
    page_description: null,
    headline: null,
    branding: "basic",
    subdomain: `fake-${pageId}`,
    domain: null,
    url: null,
    support_url: null,
    hidden_from_search: false,
    allow_page_subscribers: true,
    allow_incident_subscribers: true,
    allow_email_subscribers: true,
    allow_sms_subscribers: true,
    allow_rss_atom_feeds: true,
    allow_webhook_subscribers: true,
    notifications_from_email: null,
    notifications_email_footer: null,
    activity_score: 0,
    twitter_username: null,
    viewers_must_be_team_members: false,
    ip_restrictions: null,
    city: null,
    state: null,
    country: null,
    time_zone: "UTC",
    css_body_background_color: "ffffff",
    css_font_color: "333333",
    css_light_font_color: "757575",
    css_greens: "1e8542",
    css_yellows: "f1c40f",
    css_oranges: "b35e14",
    css_blues: "207ab6",
    css_reds: "de2f1b",
    css_border_color: "E0E0E0",
    css_graph_color: "3498db",
    css_link_color: "207ab6",
    css_no_data: "b3bac5",
    favicon_logo: blankLogo,
    transactional_logo: blankImage,
    hero_cover: blankImage,
    email_logo: blankImage,
    twitter_logo: blankLogo
  }
  table.set(pageId, row)
  return row
}

/** PATCH and PUT are the same partial write. A subdomain is unique (here: among the account's pages). */
const write: GroupHandlers<typeof Pages>["update"] = ({ store, params, input, now }) => {
  const pageId = params.page_id!
  const taken =
    input.subdomain !== undefined &&
    store.pageIds.some((id) => id !== pageId && pageRow(store, id, now).subdomain === input.subdomain)
  if (taken) return Effect.fail(unprocessable("Subdomain has already been taken"))
  const row = { ...pageRow(store, pageId, now), ...input, updated_at: now }
  pagesTable(store).set(pageId, row)
  return Effect.succeed(row)
}

export const pages: GroupHandlers<typeof Pages> = {
  list: ({ store, now }) => Effect.sync(() => store.pageIds.map((id) => pageRow(store, id, now))),
  get: ({ store, params, now }) => Effect.sync(() => pageRow(store, params.page_id!, now)),
  update: write,
  replace: write
}
