/**
 * Components. Group rows (`group: true`, listing their members in `components`) live in the same table, as they
 * do in Statuspage, so the component-groups handlers share it.
 */
import * as Effect from "effect/Effect"
import type * as Components from "../../Components.js"
import type { Component } from "../schema/component.js"
import { find, type GroupHandlers, unprocessable } from "./handler.js"
import type { Store } from "./store.js"

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The components table, group rows included. */
export const componentsTable = (store: Store) => store.table<Component>("components")

/** The components of a page (group rows included), by position. */
export const pageComponents = (store: Store, pageId: string): Array<Component> =>
  [...componentsTable(store).values()].filter((c) => c.page_id === pageId).sort((a, b) => a.position - b.position)

/** A component of `pageId`, or a 404. */
export const findComponent = (store: Store, pageId: string, id: string | undefined) =>
  find(componentsTable(store), id, "component", (c) => c.page_id === pageId)

/** Changes rows of the components table, stamping `updated_at`. */
export const patchComponent = (store: Store, id: string, patch: Partial<Component>, now: string): Component => {
  const table = componentsTable(store)
  const next = { ...table.get(id)!, ...patch, updated_at: now }
  table.set(id, next)
  return next
}

/** Takes `id` out of its group; a group left empty is deleted, as Statuspage does. */
const leaveGroup = (store: Store, member: Component, now: string) => {
  if (member.group_id === null) return
  const table = componentsTable(store)
  const group = table.get(member.group_id)
  if (group === undefined) return
  const members = (group.components ?? []).filter((m) => m !== member.id)
  if (members.length === 0) table.delete(group.id)
  else patchComponent(store, group.id, { components: members }, now)
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

export const components: GroupHandlers<typeof Components> = {
  list: ({ store, params }) => Effect.succeed(pageComponents(store, params.page_id!)),

  get: ({ store, params }) => findComponent(store, params.page_id!, params.component_id),

  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const pageId = params.page_id!
      yield* checkGroup(store, pageId, input.group_id)
      const id = store.newId()
      const row: Mutable<Component> = {
        id,
        page_id: pageId,
        group_id: input.group_id ?? null,
        created_at: now,
        updated_at: now,
        group: false,
        name: input.name,
        description: input.description ?? null,
        position: pageComponents(store, pageId).length + 1,
        status: input.status ?? "operational",
        showcase: input.showcase ?? true,
        only_show_if_degraded: input.only_show_if_degraded ?? false,
        automation_email: `component+${id}@notifications.statuspage.io`,
        start_date: input.start_date ?? null
      }
      componentsTable(store).set(id, row)
      if (row.group_id !== null) joinGroup(store, id, row.group_id, now)
      return row
    }),

  update: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const pageId = params.page_id!
      const current = yield* findComponent(store, pageId, params.component_id)
      yield* checkGroup(store, pageId, input.group_id)
      if (input.group_id !== undefined && input.group_id !== current.group_id) {
        leaveGroup(store, current, now)
        if (input.group_id !== null) joinGroup(store, current.id, input.group_id, now)
      }
      return patchComponent(store, current.id, input, now)
    }),

  delete: ({ store, params, now }) =>
    Effect.gen(function* () {
      const current = yield* findComponent(store, params.page_id!, params.component_id)
      leaveGroup(store, current, now)
      componentsTable(store).delete(current.id)
    })
}
