/**
 * Incidents and scheduled maintenances, their updates, postmortems and templates. A create, or a change of status
 * or body, appends an update (newest first) that records the components it moved; component statuses change in the
 * components table, so the components group sees them. Realtime and maintenance statuses do not mix.
 */

import type { Component, ComponentStatus } from "@effect-statuspage/core/Components"
import type * as IncidentPostmortems from "@effect-statuspage/core/IncidentPostmortems"
import type { Postmortem } from "@effect-statuspage/core/IncidentPostmortems"
import type * as Incidents from "@effect-statuspage/core/Incidents"
import type {
  AffectedComponent,
  Impact,
  Incident,
  IncidentChanges,
  IncidentStatus,
  IncidentUpdate
} from "@effect-statuspage/core/Incidents"
import type * as IncidentTemplates from "@effect-statuspage/core/IncidentTemplates"
import type { IncidentTemplate } from "@effect-statuspage/core/IncidentTemplates"
import type * as IncidentUpdates from "@effect-statuspage/core/IncidentUpdates"
import * as Effect from "effect/Effect"
import { componentsTable, findComponent, patchComponent } from "./components.js"
import { FakeFailure, find, type GroupHandlers, type Handler, notFound, unprocessable } from "./handler.js"
import { incidentsTable } from "./incidentsTable.js"
import type { Store } from "./store.js"

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const postmortemsTable = (store: Store) => store.table<Postmortem>("postmortems")
const templatesTable = (store: Store) => store.table<IncidentTemplate & { page_id: string }>("incidentTemplates")

const REALTIME_OPEN: ReadonlyArray<IncidentStatus> = ["investigating", "identified", "monitoring"]
const MAINTENANCE_ACTIVE: ReadonlyArray<IncidentStatus> = ["in_progress", "verifying"]
const MAINTENANCE: ReadonlyArray<IncidentStatus> = ["scheduled", "in_progress", "verifying", "completed"]

/**
 * The rules a write must keep, given what the incident is after it (`scheduled_for` set makes it a maintenance):
 * realtime statuses for realtime incidents, maintenance statuses for maintenances, and a window that ends after it
 * starts. Each is a 422.
 */
const checkWrite = (
  input: IncidentChanges,
  window: { readonly scheduled_for: string | null; readonly scheduled_until: string | null }
): Effect.Effect<void, FakeFailure> => {
  const maintenance = window.scheduled_for !== null
  if (input.status !== undefined && MAINTENANCE.includes(input.status) !== maintenance) {
    return Effect.fail(
      unprocessable(
        maintenance
          ? "Status must be scheduled, in_progress, verifying or completed for a scheduled maintenance"
          : "Status must be investigating, identified, monitoring or resolved for an incident"
      )
    )
  }
  if (
    window.scheduled_for !== null &&
    window.scheduled_until !== null &&
    !(Date.parse(window.scheduled_until) > Date.parse(window.scheduled_for))
  ) {
    return Effect.fail(unprocessable("Scheduled until must be after scheduled for"))
  }
  return Effect.void
}

/** The incident with its components as they are now (a deleted component drops out). */
const view = (store: Store, incident: Incident): Incident => {
  const table = componentsTable(store)
  return { ...incident, components: incident.components.flatMap((c) => table.get(c.id) ?? []) }
}

/** The page's incidents, newest first. */
const pageIncidents = (store: Store, pageId: string): Array<Incident> =>
  [...incidentsTable(store).values()]
    .filter((i) => i.page_id === pageId)
    .reverse()
    .map((i) => view(store, i))

export const findIncident = (store: Store, params: Readonly<Record<string, string>>) =>
  find(incidentsTable(store), params.incident_id, "incident", (i) => i.page_id === params.page_id)

/** Statuspage derives an incident's impact from the worst status among its components. */
const impactOf = (statuses: ReadonlyArray<ComponentStatus>): Impact =>
  statuses.includes("major_outage")
    ? "critical"
    : statuses.includes("partial_outage")
      ? "major"
      : statuses.includes("degraded_performance")
        ? "minor"
        : "none"

/**
 * Applies `components` (id to status) and `component_ids` of a create or change: every id must be a component of
 * the page; statuses change in the components table. Returns the incident's components and what moved.
 */
const applyComponents = (
  store: Store,
  pageId: string,
  current: ReadonlyArray<Component>,
  input: Pick<IncidentChanges, "components" | "component_ids">,
  now: string
) =>
  Effect.gen(function* () {
    const statuses = input.components ?? {}
    const ids = [...new Set([...current.map((c) => c.id), ...(input.component_ids ?? []), ...Object.keys(statuses)])]
    const affected: Array<AffectedComponent> = []
    for (const id of ids) {
      const component = yield* Effect.mapError(findComponent(store, pageId, id), () =>
        unprocessable(`Component ${id} could not be found`)
      )
      const status = statuses[id]
      if (status !== undefined && status !== component.status) {
        patchComponent(store, id, { status }, now)
        affected.push({ code: id, name: component.name, old_status: component.status, new_status: status })
      }
    }
    const table = componentsTable(store)
    return { components: ids.map((id) => table.get(id)!), affected }
  })

const newUpdate = (
  store: Store,
  incidentId: string,
  fields: { status: IncidentStatus; body: string; affected: ReadonlyArray<AffectedComponent>; notify: boolean },
  now: string
): IncidentUpdate => ({
  id: store.newId(),
  incident_id: incidentId,
  affected_components: fields.affected.length === 0 ? null : fields.affected,
  body: fields.body,
  created_at: now,
  custom_tweet: null,
  deliver_notifications: fields.notify,
  display_at: now,
  status: fields.status,
  tweet_id: null,
  twitter_updated_at: null,
  updated_at: now,
  wants_twitter_update: false
})

/** The timestamps a status implies. */
const statusTimes = (
  incident: Pick<Incident, "monitoring_at" | "resolved_at">,
  status: IncidentStatus,
  now: string
) => ({
  monitoring_at: status === "monitoring" ? (incident.monitoring_at ?? now) : incident.monitoring_at,
  resolved_at: status === "resolved" || status === "completed" ? (incident.resolved_at ?? now) : incident.resolved_at
})

/** The writable flags copied as they are from a create or change. */
const flagKeys = [
  "scheduled_remind_prior",
  "scheduled_auto_in_progress",
  "scheduled_auto_completed",
  "auto_transition_to_maintenance_state",
  "auto_transition_to_operational_state",
  "auto_transition_deliver_notifications_at_start",
  "auto_transition_deliver_notifications_at_end",
  "metadata",
  "backfilled",
  "scheduled_for",
  "scheduled_until",
  "impact_override",
  "name"
] as const

const flagsOf = (input: IncidentChanges): Partial<Mutable<Incident>> => {
  const out: Record<string, unknown> = {}
  for (const key of flagKeys) if (input[key] !== undefined) out[key] = input[key]
  return out as Partial<Mutable<Incident>>
}

const create: Handler<IncidentChanges & { readonly name: string }, Incident> = ({ store, params, input, now }) =>
  Effect.gen(function* () {
    const pageId = params.page_id!
    if (input.backfilled === true && (input.components !== undefined || input.component_ids !== undefined)) {
      return yield* unprocessable("Components cannot be set on a backfilled incident")
    }
    yield* checkWrite(input, {
      scheduled_for: input.scheduled_for ?? null,
      scheduled_until: input.scheduled_until ?? null
    })
    const { components, affected } = yield* applyComponents(store, pageId, [], input, now)
    const scheduled = input.scheduled_for !== undefined
    const status: IncidentStatus =
      input.status ?? (scheduled ? "scheduled" : input.backfilled ? "resolved" : "investigating")
    const id = store.newId()
    const incident: Incident = {
      id,
      page_id: pageId,
      name: input.name,
      status,
      impact: scheduled ? "maintenance" : impactOf(components.map((c) => c.status)),
      impact_override: null,
      created_at: now,
      updated_at: now,
      started_at: now,
      ...statusTimes({ monitoring_at: null, resolved_at: null }, status, now),
      shortlink: `https://stspg.io/${id.slice(0, 7)}`,
      components,
      incident_updates: [
        newUpdate(
          store,
          id,
          { status, body: input.body ?? "", affected, notify: input.deliver_notifications ?? true },
          now
        )
      ],
      postmortem_body: null,
      postmortem_body_last_updated_at: null,
      postmortem_ignored: false,
      postmortem_notified_subscribers: false,
      postmortem_notified_twitter: false,
      postmortem_published_at: null,
      scheduled_for: null,
      scheduled_until: null,
      scheduled_remind_prior: false,
      scheduled_reminded_at: null,
      scheduled_auto_in_progress: false,
      scheduled_auto_completed: false,
      ...flagsOf(input)
    }
    incidentsTable(store).set(id, incident)
    return incident
  })

const change: Handler<IncidentChanges, Incident> = ({ store, params, input, now }) =>
  Effect.gen(function* () {
    const current = yield* findIncident(store, params)
    yield* checkWrite(input, {
      scheduled_for: input.scheduled_for ?? current.scheduled_for,
      scheduled_until: input.scheduled_until ?? current.scheduled_until
    })
    const { components, affected } = yield* applyComponents(store, current.page_id, current.components, input, now)
    const status = input.status ?? current.status
    const appends = status !== current.status || input.body !== undefined
    const next: Incident = {
      ...current,
      ...flagsOf(input),
      status,
      ...statusTimes(current, status, now),
      impact: current.impact === "maintenance" ? "maintenance" : impactOf(components.map((c) => c.status)),
      components,
      incident_updates: appends
        ? [
            newUpdate(
              store,
              current.id,
              { status, body: input.body ?? "", affected, notify: input.deliver_notifications ?? true },
              now
            ),
            ...current.incident_updates
          ]
        : current.incident_updates,
      updated_at: now
    }
    incidentsTable(store).set(current.id, next)
    return view(store, next)
  })

const listWhere =
  (keep: (incident: Incident, now: string) => boolean): Handler<unknown, ReadonlyArray<Incident>> =>
  ({ store, params, now }) =>
    Effect.succeed(pageIncidents(store, params.page_id!).filter((i) => keep(i, now)))

/** `q` searches names, statuses, postmortem bodies and update bodies, as Statuspage's does. */
const matches = (incident: Incident, q: string) => {
  const needle = q.toLowerCase()
  return [
    incident.name,
    incident.status,
    incident.postmortem_body ?? "",
    ...incident.incident_updates.map((u) => u.body)
  ].some((text) => text.toLowerCase().includes(needle))
}

export const incidents: GroupHandlers<typeof Incidents> = {
  list: ({ store, params, input }) =>
    Effect.succeed(pageIncidents(store, params.page_id!).filter((i) => input.q === undefined || matches(i, input.q))),
  listUnresolved: listWhere((i) => REALTIME_OPEN.includes(i.status)),
  listScheduled: listWhere((i) => i.status === "scheduled"),
  listActiveMaintenance: listWhere((i) => MAINTENANCE_ACTIVE.includes(i.status)),
  listUpcoming: listWhere((i, now) => i.status === "scheduled" && i.scheduled_for !== null && i.scheduled_for > now),
  get: ({ store, params }) => Effect.map(findIncident(store, params), (i) => view(store, i)),
  create,
  // shares its method and path with `create`, whose handler answers both
  createScheduled: create,
  update: change,
  replace: change,
  delete: ({ store, params }) =>
    Effect.map(findIncident(store, params), (incident) => {
      incidentsTable(store).delete(incident.id)
      postmortemsTable(store).delete(incident.id)
      return view(store, incident)
    })
}

const changeUpdate: Handler<
  Partial<Pick<IncidentUpdate, "body" | "display_at" | "deliver_notifications" | "wants_twitter_update">>,
  IncidentUpdate
> = ({ store, params, input, now }) =>
  Effect.gen(function* () {
    const incident = yield* findIncident(store, params)
    const update = incident.incident_updates.find((u) => u.id === params.incident_update_id)
    if (update === undefined) return yield* notFound("incident update")
    const next: IncidentUpdate = { ...update, ...input, updated_at: now }
    incidentsTable(store).set(incident.id, {
      ...incident,
      incident_updates: incident.incident_updates.map((u) => (u.id === update.id ? next : u)),
      updated_at: now
    })
    return next
  })

export const incidentUpdates: GroupHandlers<typeof IncidentUpdates> = {
  update: changeUpdate,
  replace: changeUpdate
}

const findPostmortem = (store: Store, params: Readonly<Record<string, string>>) =>
  Effect.flatMap(findIncident(store, params), (incident) =>
    Effect.map(find(postmortemsTable(store), incident.id, "postmortem"), (postmortem) => ({ incident, postmortem }))
  )

/** Saves the postmortem and mirrors it on its incident. */
const savePostmortem = (store: Store, incident: Incident, postmortem: Postmortem, now: string): Postmortem => {
  postmortemsTable(store).set(incident.id, postmortem)
  incidentsTable(store).set(incident.id, {
    ...incident,
    postmortem_body: postmortem.body,
    postmortem_body_last_updated_at: postmortem.body_updated_at ?? postmortem.body_draft_updated_at,
    postmortem_published_at: postmortem.published_at,
    postmortem_notified_subscribers: postmortem.notify_subscribers ?? false,
    postmortem_notified_twitter: postmortem.notify_twitter ?? false,
    updated_at: now
  })
  return postmortem
}

export const incidentPostmortems: GroupHandlers<typeof IncidentPostmortems> = {
  get: ({ store, params }) => Effect.map(findPostmortem(store, params), ({ postmortem }) => postmortem),

  saveDraft: ({ store, params, input, now }) =>
    Effect.map(findIncident(store, params), (incident) => {
      const current = postmortemsTable(store).get(incident.id)
      return savePostmortem(
        store,
        incident,
        {
          preview_key: current?.preview_key ?? store.newId(),
          body: current?.body ?? null,
          body_updated_at: current?.body_updated_at ?? null,
          published_at: current?.published_at ?? null,
          notify_subscribers: current?.notify_subscribers ?? null,
          notify_twitter: current?.notify_twitter ?? null,
          custom_tweet: current?.custom_tweet ?? null,
          created_at: current?.created_at ?? now,
          body_draft: input.body_draft,
          body_draft_updated_at: now,
          updated_at: now
        },
        now
      )
    }),

  publish: ({ store, params, input, now }) =>
    Effect.flatMap(findPostmortem(store, params), ({ incident, postmortem }) =>
      postmortem.body_draft === null || postmortem.body_draft === ""
        ? Effect.fail(new FakeFailure({ status: 400, error: "There is no postmortem draft to publish" }))
        : Effect.succeed(
            savePostmortem(
              store,
              incident,
              {
                ...postmortem,
                body: postmortem.body_draft,
                body_updated_at: now,
                published_at: now,
                notify_subscribers: input.notify_subscribers ?? false,
                notify_twitter: input.notify_twitter ?? false,
                custom_tweet: input.custom_tweet ?? null,
                updated_at: now
              },
              now
            )
          )
    ),

  revert: ({ store, params, now }) =>
    Effect.flatMap(findPostmortem(store, params), ({ incident, postmortem }) =>
      postmortem.published_at === null
        ? Effect.fail(new FakeFailure({ status: 400, error: "The postmortem is not published" }))
        : Effect.succeed(savePostmortem(store, incident, { ...postmortem, published_at: null, updated_at: now }, now))
    ),

  delete: ({ store, params, now }) =>
    Effect.map(findPostmortem(store, params), ({ incident }) => {
      postmortemsTable(store).delete(incident.id)
      incidentsTable(store).set(incident.id, {
        ...incident,
        postmortem_body: null,
        postmortem_body_last_updated_at: null,
        postmortem_published_at: null,
        updated_at: now
      })
    })
}

export const incidentTemplates: GroupHandlers<typeof IncidentTemplates> = {
  list: ({ store, params }) =>
    Effect.succeed([...templatesTable(store).values()].filter((t) => t.page_id === params.page_id)),

  create: ({ store, params, input }) =>
    Effect.gen(function* () {
      const pageId = params.page_id!
      const components: Array<Component> = []
      for (const id of input.component_ids ?? []) {
        components.push(
          yield* Effect.mapError(findComponent(store, pageId, id), () =>
            unprocessable(`Component ${id} could not be found`)
          )
        )
      }
      const template = {
        id: store.newId(),
        page_id: pageId,
        name: input.name,
        title: input.title,
        body: input.body,
        group_id: input.group_id ?? null,
        update_status: input.update_status ?? null,
        should_tweet: input.should_tweet ?? false,
        should_send_notifications: input.should_send_notifications ?? true,
        components
      }
      templatesTable(store).set(template.id, template)
      return template
    })
}
