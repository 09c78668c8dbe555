/**
 * Components. Group rows (`group: true`, listing their members in `components`) live in the same table, as they
 * do in Statuspage, so the component-groups handlers share it.
 */

import type * as Components from "@effect-statuspage/core/Components"
import type { Component, ComponentUpdate } from "@effect-statuspage/core/Components"
import * as Effect from "effect/Effect"
import { find, type GroupHandlers, type Handler, unprocessable } from "./handler.js"
import { relatedIncidents } from "./incidentsTable.js"
import type { Store } from "./store.js"

/** The components table, group rows included. */
export const componentsTable = (store: Store) => store.table<Component>("components")

/** The components of a page (group rows included), by position. */
export const pageComponents = (store: Store, pageId: string): Array<Component> =>
  [...componentsTable(store).values()].filter((c) => c.page_id === pageId).sort((a, b) => a.position - b.position)

/** A component of `pageId`, or a 404. */
export const findComponent = (store: Store, pageId: string, id: string | undefined) =>
  find(componentsTable(store), id, "component", (c) => c.page_id === pageId)

/** Each component's status changes, oldest first, for uptime. */
interface StatusChange {
  readonly status: Component["status"]
  readonly at: string
}
const statusHistory = (store: Store) => store.table<Array<StatusChange>>("componentStatusHistory")

/** Changes a row of the components table, stamping `updated_at` and recording a status change. */
export const patchComponent = (store: Store, id: string, patch: Partial<Component>, now: string): Component => {
  const table = componentsTable(store)
  const current = table.get(id)!
  const next = { ...current, ...patch, updated_at: now }
  table.set(id, next)
  if (next.status !== current.status) statusHistory(store).get(id)?.push({ status: next.status, at: now })
  return next
}

/** Partial outages weigh 30% of a major outage in Statuspage's uptime figure. */
const PARTIAL_WEIGHT = 0.3

/** Seconds spent in major and partial outage between the component's creation and `now`. */
const outageSeconds = (store: Store, component: Component, now: string) => {
  const changes = statusHistory(store).get(component.id) ?? []
  const end = Date.parse(now)
  let major = 0
  let partial = 0
  changes.forEach((change, i) => {
    const until = i + 1 < changes.length ? Date.parse(changes[i + 1]!.at) : end
    const seconds = Math.max(0, (until - Date.parse(change.at)) / 1000)
    if (change.status === "major_outage") major += seconds
    if (change.status === "partial_outage") partial += seconds
  })
  return { major, partial, total: Math.max(0, (end - Date.parse(component.created_at)) / 1000) }
}

/**
 * The uptime figures of `subject` (a component, or a group row) over `members` (itself, for a component): a group
 * counts the outages of its worst member. Only components with showcase on have uptime; without one it is a 422.
 */
export const uptimeReport = (store: Store, subject: Component, members: ReadonlyArray<Component>, now: string) => {
  const shown = members.filter((m) => m.showcase)
  if (shown.length === 0) return Effect.fail(unprocessable("Uptime showcase is not enabled for this component"))
  const outages = shown.map((m) => outageSeconds(store, m, now))
  const major = Math.max(...outages.map((o) => o.major))
  const partial = Math.max(...outages.map((o) => o.partial))
  const total = Math.max(0, (Date.parse(now) - Date.parse(subject.created_at)) / 1000)
  const down = Math.min(total, major + PARTIAL_WEIGHT * partial)
  return Effect.succeed({
    id: subject.id,
    name: subject.name,
    range_start: subject.created_at,
    range_end: now,
    uptime_percentage: total === 0 ? 100 : Math.round((1 - down / total) * 10000) / 100,
    major_outage: Math.round(major),
    partial_outage: Math.round(partial),
    warnings: null
  })
}

/** Takes `id` out of its group; a group left empty is deleted, as Statuspage does. */
export const leaveGroup = (store: Store, member: Component, now: string) => {
  if (member.group_id === null) return
  const table = componentsTable(store)
  const group = table.get(member.group_id)
  if (group === undefined) return
  const members = (group.components ?? []).filter((m) => m !== member.id)
  if (members.length === 0) table.delete(group.id)
  else patchComponent(store, group.id, { components: members }, now)
}

/** Deletes a group row; its members stay, in no group. */
export const dissolveGroup = (store: Store, group: Component, now: string) => {
  for (const id of group.components ?? []) patchComponent(store, id, { group_id: null }, now)
  componentsTable(store).delete(group.id)
}

/** What a new row's creator gives: every field but those `insertRow` sets (id, page, timestamps, position). */
type RowFields = Omit<Component, "id" | "page_id" | "created_at" | "updated_at" | "position">

/** Adds a row (a component or a group) last on its page, stamped `now`. */
export const insertRow = (store: Store, pageId: string, now: string, fields: (id: string) => RowFields): Component => {
  const id = store.newId()
  const row: Component = {
    id,
    page_id: pageId,
    created_at: now,
    updated_at: now,
    position: pageComponents(store, pageId).length + 1,
    ...fields(id)
  }
  componentsTable(store).set(id, row)
  return row
}

const joinGroup = (store: Store, memberId: string, groupId: string, now: string) => {
  const group = componentsTable(store).get(groupId)!
  patchComponent(store, groupId, { components: [...(group.components ?? []), memberId] }, now)
}

/** A `group_id` must name a group row of the same page. */
const checkGroup = (store: Store, pageId: string, groupId: string | null | undefined) => {
  if (groupId === undefined || groupId === null) return Effect.void
  const group = componentsTable(store).get(groupId)
  return group?.group && group.page_id === pageId ? Effect.void : Effect.fail(unprocessable("Group could not be found"))
}

const update: Handler<ComponentUpdate, Component> = ({ store, params, input, now }) =>
  Effect.gen(function* () {
    const pageId = params.page_id!
    const current = yield* findComponent(store, pageId, params.component_id)
    yield* checkGroup(store, pageId, input.group_id)
    if (input.group_id !== undefined && input.group_id !== current.group_id) {
      leaveGroup(store, current, now)
      if (input.group_id !== null) joinGroup(store, current.id, input.group_id, now)
    }
    return patchComponent(store, current.id, input, now)
  })

export const components: GroupHandlers<typeof Components> = {
  list: ({ store, params }) => Effect.succeed(pageComponents(store, params.page_id!)),

  get: ({ store, params }) => findComponent(store, params.page_id!, params.component_id),

  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const pageId = params.page_id!
      yield* checkGroup(store, pageId, input.group_id)
      const row = insertRow(store, pageId, now, (id) => ({
        group_id: input.group_id ?? null,
        group: false,
        name: input.name,
        description: input.description ?? null,
        status: input.status ?? "operational",
        showcase: input.showcase ?? true,
        only_show_if_degraded: input.only_show_if_degraded ?? false,
        automation_email: `component+${id}@notifications.statuspage.io`,
        start_date: input.start_date ?? null
      }))
      statusHistory(store).set(row.id, [{ status: row.status, at: now }])
      if (row.group_id !== null) joinGroup(store, row.id, row.group_id, now)
      return row
    }),

  update,
  // Statuspage's PUT is as partial as its PATCH
  replace: update,

  uptime: ({ store, params, now }) =>
    Effect.gen(function* () {
      const component = yield* findComponent(store, params.page_id!, params.component_id)
      const report = yield* uptimeReport(store, component, [component], now)
      return { ...report, related_events: relatedIncidents(store, component.id).map((id) => ({ id })) }
    }),

  delete: ({ store, params, now }) =>
    Effect.gen(function* () {
      const current = yield* findComponent(store, params.page_id!, params.component_id)
      leaveGroup(store, current, now)
      if (current.group) dissolveGroup(store, current, now)
      componentsTable(store).delete(current.id)
      statusHistory(store).delete(current.id)
    })
}
