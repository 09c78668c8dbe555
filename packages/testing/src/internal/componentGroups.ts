/**
 * Component groups: the group rows of the components table (`group: true`, members in `components`), shown through
 * the `GroupComponent` model. A group cannot be empty; its members are components of the page, not groups, and a
 * component belongs to one group at most: moving it out of a group it was the last member of deletes that group.
 */

import type * as ComponentGroups from "@effect-statuspage/core/ComponentGroups"
import type { ComponentGroupInput, GroupComponent } from "@effect-statuspage/core/ComponentGroups"
import type { Component } from "@effect-statuspage/core/Components"
import * as Effect from "effect/Effect"
import {
  componentsTable,
  dissolveGroup,
  insertRow,
  leaveGroup,
  pageComponents,
  patchComponent,
  uptimeReport
} from "./components.js"
import { type FakeRequest, find, type GroupHandlers, unprocessable } from "./handler.js"
import { relatedIncidents } from "./incidentsTable.js"
import type { Store } from "./store.js"

const asGroup = (row: Component): GroupComponent => ({
  id: row.id,
  page_id: row.page_id,
  name: row.name,
  description: row.description,
  components: row.components ?? [],
  position: row.position,
  created_at: row.created_at,
  updated_at: row.updated_at
})

const findGroup = (store: Store, pageId: string, id: string | undefined) =>
  find(componentsTable(store), id, "component group", (row) => row.group && row.page_id === pageId)

/** Every member must be a component of the page and not a group; the first that is not makes a 422. */
const checkMembers = (store: Store, pageId: string, ids: ReadonlyArray<string>) => {
  const table = componentsTable(store)
  const stranger = ids.find((id) => {
    const row = table.get(id)
    return row === undefined || row.page_id !== pageId || row.group
  })
  return stranger === undefined
    ? Effect.void
    : Effect.fail(unprocessable(`Component ${stranger} is not a component of this page`))
}

/** Makes `groupId` hold exactly `members`: newcomers leave their old group, those left out leave this one. */
const setMembers = (store: Store, groupId: string, members: ReadonlyArray<string>, now: string): Component => {
  const table = componentsTable(store)
  const wanted = [...new Set(members)]
  for (const id of table.get(groupId)!.components ?? []) {
    if (!wanted.includes(id)) patchComponent(store, id, { group_id: null }, now)
  }
  for (const id of wanted) {
    const member = table.get(id)!
    if (member.group_id === groupId) continue
    leaveGroup(store, member, now)
    patchComponent(store, id, { group_id: groupId }, now)
  }
  return patchComponent(store, groupId, { components: wanted }, now)
}

/** PATCH and PUT alike: `name` and `components` are always given, `description` when it changes. */
const change = ({ store, params, input, now }: FakeRequest<ComponentGroupInput>) =>
  Effect.gen(function* () {
    const pageId = params.page_id!
    const group = yield* findGroup(store, pageId, params.id)
    yield* checkMembers(store, pageId, input.components)
    const { components, ...fields } = input
    patchComponent(store, group.id, fields, now)
    return asGroup(setMembers(store, group.id, components, now))
  })

export const componentGroups: GroupHandlers<typeof ComponentGroups> = {
  list: ({ store, params }) =>
    Effect.succeed(
      pageComponents(store, params.page_id!)
        .filter((row) => row.group)
        .map(asGroup)
    ),

  get: ({ store, params }) => Effect.map(findGroup(store, params.page_id!, params.id), asGroup),

  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const pageId = params.page_id!
      yield* checkMembers(store, pageId, input.components)
      const group = insertRow(store, pageId, now, () => ({
        group_id: null,
        group: true,
        name: input.name,
        description: input.description ?? null,
        status: "",
        showcase: false,
        components: []
      }))
      return asGroup(setMembers(store, group.id, input.components, now))
    }),

  update: change,
  replace: change,

  delete: ({ store, params, now }) =>
    Effect.map(findGroup(store, params.page_id!, params.id), (group) => {
      dissolveGroup(store, group, now)
      return asGroup(group)
    }),

  uptime: ({ store, params, now }) =>
    Effect.gen(function* () {
      const group = yield* findGroup(store, params.page_id!, params.id)
      const members = (group.components ?? []).flatMap((id) => componentsTable(store).get(id) ?? [])
      const report = yield* uptimeReport(store, group, members, now)
      const related_events = members.map((m) => ({
        component_id: m.id,
        incidents: relatedIncidents(store, m.id).map((id) => ({ id }))
      }))
      return { ...report, related_events }
    })
}
