/**
 * Page and incident subscribers, in one table. A row carries what the model does not show: its page, its incident
 * (incident subscribers) and its state. Email and SMS subscribers start `unconfirmed` unless created with
 * `skip_confirmation_notification`; webhook subscribers start `active`. Unsubscribing keeps the row, in state
 * `unsubscribed`, for `listUnsubscribed`; such a subscriber is otherwise gone (404). Lists and counts show `active`
 * subscribers unless asked for a `state`. Only failed webhook deliveries quarantine a subscriber, and the fake
 * delivers none: `quarantine` puts one there for tests.
 */

import type * as Subscribers from "@effect-statuspage/core/Subscribers"
import type {
  Subscriber,
  SubscriberCodes,
  SubscriberCountByState,
  SubscriberListQuery,
  SubscriberState,
  SubscriberType
} from "@effect-statuspage/core/Subscribers"
import * as Effect from "effect/Effect"
import { pageComponents } from "./components.js"
import { type FakeFailure, find, type GroupHandlers, unprocessable } from "./handler.js"
import type { Store } from "./store.js"

export interface SubscriberRow extends Subscriber {
  readonly page_id: string
  readonly incident_id: string | null
  readonly state: Exclude<SubscriberState, "all"> | "unsubscribed"
}

const subscribersTable = (store: Store) => store.table<SubscriberRow>("subscribers")

/** The subscribers of a page (`incidentId` null) or of one of its incidents, that have not unsubscribed. */
export const subscribersOf = (store: Store, pageId: string, incidentId: string | null) =>
  [...subscribersTable(store).values()].filter(
    (s) => s.page_id === pageId && s.incident_id === incidentId && s.state !== "unsubscribed"
  )

/** A subscriber of the page (or incident) that has not unsubscribed, or a 404. */
export const findSubscriber = (store: Store, pageId: string, incidentId: string | null, id: string | undefined) =>
  find(
    subscribersTable(store),
    id,
    "subscriber",
    (s) => s.page_id === pageId && s.incident_id === incidentId && s.state !== "unsubscribed"
  )

export const patchSubscriber = (store: Store, row: SubscriberRow, patch: Partial<SubscriberRow>): SubscriberRow => {
  const next = { ...row, ...patch }
  subscribersTable(store).set(row.id, next)
  return next
}

/** The contact that identifies a subscriber; also what sort field `primary` orders by. */
const contactOf = (s: Pick<Subscriber, "email" | "phone_number" | "endpoint">) =>
  s.endpoint ?? s.phone_number ?? s.email ?? ""

export interface NewSubscriber {
  readonly page_id: string
  readonly incident_id: string | null
  readonly email?: string
  readonly endpoint?: string
  readonly phone_number?: string
  readonly phone_country?: string
  readonly skip_confirmation_notification?: boolean
  readonly components: ReadonlyArray<string> | null
  readonly page_access_user_id?: string
}

/** Adds a subscriber; the same contact twice on one page (or incident) is a 422, as a taken email is. */
export const addSubscriber = (
  store: Store,
  fields: NewSubscriber,
  now: string
): Effect.Effect<SubscriberRow, FakeFailure> => {
  const mode = fields.endpoint !== undefined ? "webhook" : fields.phone_number !== undefined ? "sms" : "email"
  const contact = {
    email: fields.email ?? null,
    endpoint: fields.endpoint ?? null,
    phone_number: fields.phone_number ?? null
  }
  const taken = subscribersOf(store, fields.page_id, fields.incident_id).some(
    (s) => s.mode === mode && contactOf(s) === contactOf(contact)
  )
  if (taken)
    return Effect.fail(
      unprocessable(
        `${mode === "email" ? "Email" : mode === "sms" ? "Phone number" : "Endpoint"} has already been taken`
      )
    )
  const row: SubscriberRow = {
    id: store.newId(),
    page_id: fields.page_id,
    incident_id: fields.incident_id,
    state: mode === "webhook" || fields.skip_confirmation_notification === true ? "active" : "unconfirmed",
    mode,
    skip_confirmation_notification: fields.skip_confirmation_notification ?? false,
    ...contact,
    phone_country: fields.phone_country ?? null,
    display_phone_number: fields.phone_number ?? null,
    obfuscated_channel_name: null,
    workspace_name: null,
    quarantined_at: null,
    purge_at: null,
    components: fields.components,
    page_access_user_id: fields.page_access_user_id ?? null,
    created_at: now
  }
  subscribersTable(store).set(row.id, row)
  return Effect.succeed(row)
}

/** The component ids a subscriber follows: those given (each a component of the page), or every component. */
const followed = (store: Store, pageId: string, ids: ReadonlyArray<string> | undefined) => {
  const onPage = pageComponents(store, pageId)
    .filter((c) => !c.group)
    .map((c) => c.id)
  if (ids === undefined) return Effect.succeed(onPage)
  const stranger = ids.find((id) => !onPage.includes(id))
  return stranger === undefined
    ? Effect.succeed([...new Set(ids)])
    : Effect.fail(unprocessable(`Component ${stranger} is not a component of this page`))
}

/** `state` as lists and counts read it: `active` when absent, any when `all`. */
const inState = (state: SubscriberState | undefined) => (s: SubscriberRow) =>
  state === "all" || s.state === (state ?? "active")

const ofType = (type: SubscriberType | undefined) => (s: SubscriberRow) => type === undefined || s.mode === type

const sortKey = (field: NonNullable<SubscriberListQuery["sort_field"]>, q: string) => (s: SubscriberRow) => {
  switch (field) {
    case "created_at":
      return s.created_at
    case "quarantined_at":
      return s.quarantined_at ?? ""
    // contacts that start with the search text first
    case "relevance":
      return `${contactOf(s).toLowerCase().startsWith(q) ? 0 : 1}${contactOf(s).toLowerCase()}`
    case "primary":
      return contactOf(s).toLowerCase()
  }
}

/**
 * The page subscribers a bulk action names: the given codes, narrowed by `keep`, or all that `keep` accepts. A code
 * that is no live subscriber of the page makes the whole request a 422, and nothing changes.
 */
const named = (store: Store, pageId: string, codes: SubscriberCodes, keep: (s: SubscriberRow) => boolean) => {
  const live = subscribersOf(store, pageId, null)
  if (codes === "all") return Effect.succeed(live.filter(keep))
  const unknown = codes.filter((code) => !live.some((s) => s.id === code))
  return unknown.length > 0
    ? Effect.fail(unprocessable(`Subscribers could not be found: ${unknown.join(", ")}`))
    : Effect.succeed(live.filter((s) => codes.includes(s.id) && keep(s)))
}

/** Quarantines a live subscriber, as ten failed webhook deliveries would; purged 90 days later. */
export const quarantine = (store: Store, id: string, now: string): boolean => {
  const row = subscribersTable(store).get(id)
  if (row === undefined || row.state === "unsubscribed") return false
  const purge_at = new Date(Date.parse(now) + 90 * 86_400_000).toISOString()
  patchSubscriber(store, row, { state: "quarantined", quarantined_at: now, purge_at })
  return true
}

const TYPES = ["email", "sms", "webhook", "integration_partner", "slack"] as const

export const subscribers: GroupHandlers<typeof Subscribers> = {
  list: ({ store, params, input }) => {
    const q = input.q?.toLowerCase() ?? ""
    const key = sortKey(input.sort_field ?? "primary", q)
    const sign = input.sort_direction === "desc" ? -1 : 1
    const rows = subscribersOf(store, params.page_id!, null)
      .filter(inState(input.state))
      .filter(ofType(input.type))
      .filter((s) => contactOf(s).toLowerCase().includes(q))
    return Effect.succeed(rows.sort((a, b) => sign * key(a).localeCompare(key(b))))
  },

  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const { component_ids, page_access_user, ...contact } = input
      const components = yield* followed(store, params.page_id!, component_ids)
      return yield* addSubscriber(
        store,
        {
          ...contact,
          page_id: params.page_id!,
          incident_id: null,
          components,
          ...(page_access_user === undefined ? {} : { page_access_user_id: page_access_user })
        },
        now
      )
    }),

  get: ({ store, params }) => findSubscriber(store, params.page_id!, null, params.subscriber_id),

  update: ({ store, params, input }) =>
    Effect.gen(function* () {
      const row = yield* findSubscriber(store, params.page_id!, null, params.subscriber_id)
      return patchSubscriber(store, row, { components: yield* followed(store, params.page_id!, input.component_ids) })
    }),

  delete: ({ store, params }) =>
    Effect.map(findSubscriber(store, params.page_id!, null, params.subscriber_id), (row) =>
      patchSubscriber(store, row, { state: "unsubscribed" })
    ),

  resendConfirmation: ({ store, params }) =>
    Effect.asVoid(findSubscriber(store, params.page_id!, null, params.subscriber_id)),

  listUnsubscribed: ({ store, params }) =>
    Effect.succeed(
      [...subscribersTable(store).values()].filter(
        (s) => s.page_id === params.page_id && s.incident_id === null && s.state === "unsubscribed"
      )
    ),

  count: ({ store, params, input }) => {
    const rows = subscribersOf(store, params.page_id!, null).filter(inState(input.state)).filter(ofType(input.type))
    const count = (type: SubscriberType) => rows.filter((s) => s.mode === type).length
    return Effect.succeed({
      email: count("email"),
      sms: count("sms"),
      webhook: count("webhook"),
      integration_partner: count("integration_partner"),
      slack: count("slack")
    })
  },

  histogramByState: ({ store, params }) => {
    const rows = subscribersOf(store, params.page_id!, null)
    const byState = (type: SubscriberType): SubscriberCountByState => {
      const of = rows.filter((s) => s.mode === type)
      const count = (state: SubscriberRow["state"]) => of.filter((s) => s.state === state).length
      return {
        active: count("active"),
        unconfirmed: count("unconfirmed"),
        quarantined: count("quarantined"),
        total: of.length
      }
    }
    const [email, sms, webhook, integration_partner, slack] = TYPES.map(byState)
    return Effect.succeed({
      email: email!,
      sms: sms!,
      webhook: webhook!,
      integration_partner: integration_partner!,
      slack: slack!
    })
  },

  unsubscribe: ({ store, params, input }) =>
    Effect.gen(function* () {
      const rows = yield* named(
        store,
        params.page_id!,
        input.subscribers,
        (s) => inState(input.state)(s) && ofType(input.type)(s)
      )
      // the API's own limit: "all" works only while it means fewer than 100
      if (input.subscribers === "all" && rows.length >= 100) {
        return yield* unprocessable('"all" can unsubscribe fewer than 100 subscribers; send their codes instead')
      }
      for (const row of rows) patchSubscriber(store, row, { state: "unsubscribed" })
    }),

  reactivate: ({ store, params, input }) =>
    Effect.gen(function* () {
      const rows = yield* named(
        store,
        params.page_id!,
        input.subscribers,
        (s) => s.state === "quarantined" && ofType(input.type)(s)
      )
      for (const row of rows) patchSubscriber(store, row, { state: "active", quarantined_at: null, purge_at: null })
    }),

  // only unconfirmed subscribers get one; the fake sends nothing, but names the same codes a 422 would
  resendConfirmations: ({ store, params, input }) =>
    Effect.asVoid(named(store, params.page_id!, input.subscribers, (s) => s.state === "unconfirmed"))
}
