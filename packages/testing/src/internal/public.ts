/**
 * The fake's public side, derived from its state: the Status API v2 of each page (no key; `/api/v2/*.json` for the
 * default page and `/status/<page_id>/api/v2/*.json` for any page) and webhook deliveries to subscribed URLs when a
 * Manage API call changed a component's status or created or updated an incident, as Statuspage sends them.
 *
 * The rollup indicator is an approximation of Statuspage's: the worst of the unresolved incidents' impact and the
 * components' statuses, `maintenance` while a maintenance is active and nothing is worse.
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type { Component, ComponentStatus } from "@effect-statuspage/core/Components"
import type { Incident, IncidentStatus } from "@effect-statuspage/core/Incidents"
import type { StatusIndicator } from "@effect-statuspage/core/StatusPagePublic"
import * as Effect from "effect/Effect"
import { componentsTable, pageComponents } from "./components.js"
import type { Ring, WebhookDelivery, WebhookTarget } from "./control.js"
import { incidentsTable } from "./incidentsTable.js"
import type { Answer } from "./router.js"
import type { Store } from "./store.js"
import { badEncoding, decodeSegment } from "./wire.js"

const MAINTENANCE: ReadonlyArray<IncidentStatus> = ["scheduled", "in_progress", "verifying", "completed"]
const UNRESOLVED: ReadonlyArray<IncidentStatus> = ["investigating", "identified", "monitoring"]
const ACTIVE: ReadonlyArray<IncidentStatus> = ["in_progress", "verifying"]
/** The public lists of all incidents and all maintenances stop at the 50 most recent. */
const RECENT = 50

const isMaintenance = (incident: Incident) => MAINTENANCE.includes(incident.status)

const descriptions: Record<StatusIndicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance"
}

const severity: ReadonlyArray<StatusIndicator> = ["none", "maintenance", "minor", "major", "critical"]

const fromComponent: Partial<Record<ComponentStatus, StatusIndicator>> = {
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
  under_maintenance: "maintenance"
}

/** The page's incidents and maintenances as they are now, newest first. */
const pageIncidents = (store: Store, pageId: string): Array<Incident> => {
  const components = componentsTable(store)
  return [...incidentsTable(store).values()]
    .filter((i) => i.page_id === pageId)
    .reverse()
    .map((i) => ({ ...i, components: i.components.flatMap((c) => components.get(c.id) ?? []) }))
}

const rollup = (components: ReadonlyArray<Component>, incidents: ReadonlyArray<Incident>) => {
  let worst: StatusIndicator = "none"
  const raise = (indicator: StatusIndicator | undefined) => {
    if (indicator !== undefined && severity.indexOf(indicator) > severity.indexOf(worst)) worst = indicator
  }
  for (const component of components) raise(fromComponent[component.status])
  for (const incident of incidents) {
    if (UNRESOLVED.includes(incident.status)) raise(incident.impact === "none" ? "minor" : incident.impact)
    if (ACTIVE.includes(incident.status)) raise("maintenance")
  }
  return { indicator: worst, description: descriptions[worst] }
}

const publicComponent = (c: Component) => ({
  id: c.id,
  name: c.name,
  status: c.status,
  created_at: c.created_at,
  updated_at: c.updated_at,
  position: c.position,
  description: c.description,
  showcase: c.showcase,
  start_date: c.start_date ?? null,
  group_id: c.group_id,
  page_id: c.page_id,
  group: c.group,
  only_show_if_degraded: c.only_show_if_degraded ?? false,
  ...(c.components === undefined ? {} : { components: c.components })
})

const publicIncident = (i: Incident) => ({
  id: i.id,
  name: i.name,
  status: i.status,
  created_at: i.created_at,
  updated_at: i.updated_at,
  monitoring_at: i.monitoring_at,
  resolved_at: i.resolved_at,
  impact: i.impact,
  shortlink: i.shortlink ?? `https://stspg.io/${i.id}`,
  started_at: i.started_at ?? i.created_at,
  page_id: i.page_id,
  incident_updates: i.incident_updates.map((u) => ({
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: u.incident_id,
    created_at: u.created_at,
    updated_at: u.updated_at,
    display_at: u.display_at,
    affected_components: u.affected_components,
    deliver_notifications: u.deliver_notifications,
    custom_tweet: u.custom_tweet,
    tweet_id: u.tweet_id
  })),
  components: i.components.map(publicComponent),
  ...(isMaintenance(i) ? { scheduled_for: i.scheduled_for, scheduled_until: i.scheduled_until } : {})
})

/** The page block: the fake keeps no page record, so its name and URL are made up from the id. */
const pageBlock = (pageId: string, components: ReadonlyArray<Component>, incidents: ReadonlyArray<Incident>) => {
  const times = [...components, ...incidents].map((row) => row.updated_at).sort()
  return {
    id: pageId,
    name: `Fake page ${pageId}`,
    url: `https://${pageId}.statuspage.fake`,
    time_zone: "Etc/UTC",
    updated_at: times[times.length - 1] ?? "2024-01-01T00:00:00.000Z"
  }
}

const resources: Record<
  string,
  (components: ReadonlyArray<Component>, incidents: ReadonlyArray<Incident>) => Record<string, unknown>
> = {
  summary: (components, incidents) => ({
    status: rollup(components, incidents),
    components: components.map(publicComponent),
    incidents: incidents.filter((i) => UNRESOLVED.includes(i.status)).map(publicIncident),
    scheduled_maintenances: incidents
      .filter((i) => i.status === "scheduled" || ACTIVE.includes(i.status))
      .map(publicIncident)
  }),
  status: (components, incidents) => ({ status: rollup(components, incidents) }),
  components: (components) => ({ components: components.map(publicComponent) }),
  incidents: (_, incidents) => ({
    incidents: incidents
      .filter((i) => !isMaintenance(i))
      .slice(0, RECENT)
      .map(publicIncident)
  }),
  "incidents/unresolved": (_, incidents) => ({
    incidents: incidents.filter((i) => UNRESOLVED.includes(i.status)).map(publicIncident)
  }),
  "scheduled-maintenances": (_, incidents) => ({
    scheduled_maintenances: incidents.filter(isMaintenance).slice(0, RECENT).map(publicIncident)
  }),
  "scheduled-maintenances/upcoming": (_, incidents) => ({
    scheduled_maintenances: incidents.filter((i) => i.status === "scheduled").map(publicIncident)
  }),
  "scheduled-maintenances/active": (_, incidents) => ({
    scheduled_maintenances: incidents.filter((i) => ACTIVE.includes(i.status)).map(publicIncident)
  })
}

const PUBLIC_PATH = /^(?:\/status\/([^/]+))?\/api\/v2\/(.+)\.json$/

/**
 * The answer to a public API request, or `undefined` when `pathname` is not one (the Manage API then handles it).
 * Needs no key, as the real public API does not.
 */
export const publicAnswer = (store: Store, method: string, pathname: string): Answer | undefined => {
  const match = PUBLIC_PATH.exec(pathname)
  if (match === null) return undefined
  const pageId = match[1] === undefined ? store.pageIds[0]! : decodeSegment(match[1])
  if (pageId === undefined) return badEncoding
  const resource = resources[match[2]!]
  if (method !== "GET") return { status: 405, body: { error: "Method not allowed" } }
  if (resource === undefined || !store.pageIds.includes(pageId)) {
    return { status: 404, body: { error: "The requested resource could not be found." } }
  }
  const components = pageComponents(store, pageId)
  const incidents = pageIncidents(store, pageId)
  return { status: 200, body: { page: pageBlock(pageId, components, incidents), ...resource(components, incidents) } }
}

/** What webhooks are computed from: each component's status and each incident's `updated_at`, before a change. */
export interface Before {
  readonly statuses: ReadonlyMap<string, ComponentStatus>
  readonly incidents: ReadonlyMap<string, string>
}

export const before = (store: Store): Before => ({
  statuses: new Map([...componentsTable(store).values()].map((c) => [c.id, c.status])),
  incidents: new Map([...incidentsTable(store).values()].map((i) => [i.id, i.updated_at]))
})

/** The webhook bodies for what changed on `pageId` since `then`: component updates first, then incidents. */
const bodiesFor = (store: Store, pageId: string, then: Before, now: string) => {
  const components = pageComponents(store, pageId)
  const incidents = pageIncidents(store, pageId)
  const { indicator, description } = rollup(components, incidents)
  const base = {
    meta: {
      unsubscribe: `https://${pageId}.statuspage.fake/?unsubscribe=fake`,
      documentation: "https://doers.statuspage.io/customer-notifications/webhooks/",
      generated_at: now
    },
    page: { id: pageId, status_indicator: indicator, status_description: description }
  }
  const out: Array<{ readonly kind: WebhookDelivery["kind"]; readonly body: unknown }> = []
  for (const c of components) {
    const old = then.statuses.get(c.id)
    if (old === undefined || old === c.status || c.group) continue
    out.push({
      kind: "ComponentUpdate",
      body: {
        ...base,
        component_update: {
          id: store.newId(),
          component_id: c.id,
          component_type: "Component",
          old_status: old,
          new_status: c.status,
          created_at: now
        },
        component: {
          id: c.id,
          page_id: c.page_id,
          group_id: c.group_id,
          name: c.name,
          description: c.description,
          status: c.status,
          position: c.position,
          showcase: c.showcase,
          created_at: c.created_at,
          updated_at: c.updated_at
        }
      }
    })
  }
  for (const i of [...incidents].reverse()) {
    if (then.incidents.get(i.id) === i.updated_at) continue
    out.push({ kind: "IncidentUpdate", body: { ...base, incident: i } })
  }
  return out
}

/**
 * Delivers the webhooks for what changed since `then` to every target of its page, in the background (Statuspage
 * delivers after it answered the API call), recording each delivery.
 */
export const deliver = (
  store: Store,
  targets: ReadonlyArray<WebhookTarget>,
  log: Ring<WebhookDelivery>,
  then: Before,
  now: string
): Effect.Effect<void> =>
  Effect.forEach(
    targets,
    (target) =>
      Effect.forEach(bodiesFor(store, target.pageId, then, now), ({ kind, body }) =>
        target.client.execute(HttpClientRequest.post(target.url).pipe(HttpClientRequest.bodyUnsafeJson(body))).pipe(
          Effect.flatMap((response) => Effect.as(Effect.ignore(response.text), response.status)),
          Effect.orElseSucceed(() => "failed" as const),
          Effect.flatMap((outcome) => Effect.sync(() => log.push({ url: target.url, kind, body, outcome })))
        )
      ),
    { discard: true }
  ).pipe(Effect.forkDaemon, Effect.asVoid)
