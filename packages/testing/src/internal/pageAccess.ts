/**
 * Page access users and groups (audience-specific pages) and the components and metrics each may see. The
 * sub-collections follow the spec's reversed verbs: POST replaces the set, PATCH and PUT add to it, DELETE removes
 * (with a body: those ids; without: all). Group membership is kept on both sides.
 */

import type * as Components from "@effect-statuspage/core/Components"
import type { Component } from "@effect-statuspage/core/Components"
import type * as PageAccessGroups from "@effect-statuspage/core/PageAccessGroups"
import type { PageAccessGroup } from "@effect-statuspage/core/PageAccessGroups"
import type * as PageAccessUsers from "@effect-statuspage/core/PageAccessUsers"
import type { PageAccessUser } from "@effect-statuspage/core/PageAccessUsers"
import * as Effect from "effect/Effect"
import { componentsTable, findComponent, pageComponents } from "./components.js"
import { FakeFailure, find, type GroupHandlers, type Handler, unprocessable } from "./handler.js"
import { findMetric, metricsTable } from "./metrics.js"
import type { Store } from "./store.js"

type Params = Readonly<Record<string, string | undefined>>
type UserRow = PageAccessUser & {
  readonly component_ids: ReadonlyArray<string>
  readonly metric_ids: ReadonlyArray<string>
}

const usersTable = (store: Store) => store.table<UserRow>("pageAccessUsers")
const groupsTable = (store: Store) => store.table<PageAccessGroup>("pageAccessGroups")

const findUser = (store: Store, params: Params) =>
  find(usersTable(store), params.page_access_user_id, "page access user", (u) => u.page_id === params.page_id)
const findGroup = (store: Store, params: Params) =>
  find(groupsTable(store), params.page_access_group_id, "page access group", (g) => g.page_id === params.page_id)

/** Every id must name a component (or metric) of the page: a 404 names the first that does not. */
const checkComponents = (store: Store, pageId: string, ids: ReadonlyArray<string>) =>
  Effect.forEach(ids, (id) => findComponent(store, pageId, id), { discard: true })
const checkMetrics = (store: Store, pageId: string, ids: ReadonlyArray<string>) =>
  Effect.forEach(ids, (id) => findMetric(store, { page_id: pageId, metric_id: id }), { discard: true })
const checkGroups = (store: Store, pageId: string, ids: ReadonlyArray<string>) =>
  Effect.forEach(
    ids,
    (id) =>
      Effect.mapError(findGroup(store, { page_id: pageId, page_access_group_id: id }), () =>
        unprocessable(`Page access group ${id} could not be found`)
      ),
    { discard: true }
  )

const union = (a: ReadonlyArray<string> | null | undefined, b: ReadonlyArray<string>) => [
  ...new Set([...(a ?? []), ...b])
]
const without = (a: ReadonlyArray<string> | null | undefined, b: ReadonlyArray<string>) =>
  (a ?? []).filter((id) => !b.includes(id))

/** How a sub-collection request changes a set of ids. */
type SetChange = "set" | "add" | "remove" | "clear"
const changeSet = (current: ReadonlyArray<string> | null | undefined, change: SetChange, ids: ReadonlyArray<string>) =>
  change === "set"
    ? [...new Set(ids)]
    : change === "add"
      ? union(current, ids)
      : change === "remove"
        ? without(current, ids)
        : []

/** Puts the user in exactly `groupIds`, keeping each group's member list in step. */
const setMembership = (store: Store, user: UserRow, groupIds: ReadonlyArray<string>, now: string) => {
  for (const group of groupsTable(store).values()) {
    if (group.page_id !== user.page_id) continue
    const member = group.page_access_user_ids?.includes(user.id) ?? false
    const wanted = groupIds.includes(group.id)
    if (member !== wanted) {
      groupsTable(store).set(group.id, {
        ...group,
        page_access_user_ids: wanted
          ? union(group.page_access_user_ids, [user.id])
          : without(group.page_access_user_ids, [user.id]),
        updated_at: now
      })
    }
  }
}

const saveUser = (store: Store, user: UserRow, now: string): UserRow => {
  const next = { ...user, page_access_group_id: user.page_access_group_ids?.[0] ?? null, updated_at: now }
  usersTable(store).set(user.id, next)
  return next
}

const pageUsers = (store: Store, pageId: string) => [...usersTable(store).values()].filter((u) => u.page_id === pageId)

const changeUser: Handler<
  { readonly email?: string; readonly external_login?: string; readonly page_access_group_ids?: ReadonlyArray<string> },
  PageAccessUser
> = ({ store, params, input, now }) =>
  Effect.gen(function* () {
    const user = yield* findUser(store, params)
    if (input.page_access_group_ids !== undefined) {
      yield* checkGroups(store, user.page_id, input.page_access_group_ids)
      setMembership(store, user, input.page_access_group_ids, now)
    }
    return saveUser(store, { ...user, ...input }, now)
  })

/** A handler for one of a user's sub-collections. */
const userSet =
  (field: "component_ids" | "metric_ids", change: SetChange) =>
  ({ store, params, input, now }: { store: Store; params: Params; input: unknown; now: string }) =>
    Effect.gen(function* () {
      const user = yield* findUser(store, params)
      const single = field === "component_ids" ? params.component_id : params.metric_id
      const ids =
        single !== undefined ? [single] : ((input as Record<string, ReadonlyArray<string>> | undefined)?.[field] ?? [])
      if (change !== "remove" && change !== "clear") {
        yield* field === "component_ids"
          ? checkComponents(store, user.page_id, ids)
          : checkMetrics(store, user.page_id, ids)
      }
      return saveUser(store, { ...user, [field]: changeSet(user[field], change, ids) }, now)
    })

const byIds = <Row>(table: Map<string, Row>, ids: ReadonlyArray<string> | null | undefined): Array<Row> =>
  (ids ?? []).flatMap((id) => table.get(id) ?? [])

export const pageAccessUsers: GroupHandlers<typeof PageAccessUsers> = {
  list: ({ store, params, input }) =>
    Effect.succeed(
      pageUsers(store, params.page_id!).filter((u) => input.email === undefined || u.email === input.email)
    ),
  get: ({ store, params }) => findUser(store, params),
  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const pageId = params.page_id!
      if (input.email === undefined && input.external_login === undefined) {
        return yield* unprocessable("Email or external login must be given")
      }
      if (input.email !== undefined && pageUsers(store, pageId).some((u) => u.email === input.email)) {
        return yield* new FakeFailure({ status: 409, error: "Email has already been taken" })
      }
      const groupIds = input.page_access_group_ids ?? []
      yield* checkGroups(store, pageId, groupIds)
      const user: UserRow = {
        id: store.newId(),
        page_id: pageId,
        email: input.email ?? null,
        external_login: input.external_login ?? null,
        page_access_group_id: null,
        page_access_group_ids: [...groupIds],
        created_at: now,
        updated_at: now,
        // subscribing to components makes every component visible to the user
        component_ids: input.subscribe_to_components === true ? pageComponents(store, pageId).map((c) => c.id) : [],
        metric_ids: []
      }
      setMembership(store, user, groupIds, now)
      return saveUser(store, user, now)
    }),
  update: changeUser,
  replace: changeUser,
  delete: ({ store, params, now }) =>
    Effect.map(findUser(store, params), (user) => {
      setMembership(store, user, [], now)
      usersTable(store).delete(user.id)
    }),
  listComponents: ({ store, params }) =>
    Effect.map(findUser(store, params), (user) => byIds(componentsTable(store), user.component_ids)),
  setComponents: userSet("component_ids", "set"),
  addComponents: userSet("component_ids", "add"),
  addComponentsViaPut: userSet("component_ids", "add"),
  removeComponents: userSet("component_ids", "remove"),
  removeAllComponents: userSet("component_ids", "clear"),
  removeComponent: userSet("component_ids", "remove"),
  listMetrics: ({ store, params }) =>
    Effect.map(findUser(store, params), (user) => byIds(metricsTable(store), user.metric_ids)),
  setMetrics: userSet("metric_ids", "set"),
  addMetrics: userSet("metric_ids", "add"),
  addMetricsViaPut: userSet("metric_ids", "add"),
  removeMetrics: userSet("metric_ids", "remove"),
  removeMetric: userSet("metric_ids", "remove")
}

const saveGroup = (store: Store, group: PageAccessGroup, now: string): PageAccessGroup => {
  const next = { ...group, updated_at: now }
  groupsTable(store).set(group.id, next)
  return next
}

/** Checks the ids a group create or change names, and moves the named users into the group. */
const applyGroupFields = (
  store: Store,
  group: PageAccessGroup,
  input: {
    readonly component_ids?: ReadonlyArray<string>
    readonly metric_ids?: ReadonlyArray<string>
    readonly page_access_user_ids?: ReadonlyArray<string>
  },
  now: string
) =>
  Effect.gen(function* () {
    yield* checkComponents(store, group.page_id, input.component_ids ?? [])
    yield* checkMetrics(store, group.page_id, input.metric_ids ?? [])
    const users = input.page_access_user_ids
    if (users !== undefined) {
      for (const id of users) yield* findUser(store, { page_id: group.page_id, page_access_user_id: id })
      for (const user of pageUsers(store, group.page_id)) {
        const groupIds = users.includes(user.id)
          ? union(user.page_access_group_ids, [group.id])
          : without(user.page_access_group_ids, [group.id])
        saveUser(store, { ...user, page_access_group_ids: groupIds }, now)
      }
    }
  })

const changeGroup: Handler<
  {
    readonly name?: string
    readonly external_identifier?: string
    readonly component_ids?: ReadonlyArray<string>
    readonly metric_ids?: ReadonlyArray<string>
    readonly page_access_user_ids?: ReadonlyArray<string>
  },
  PageAccessGroup
> = ({ store, params, input, now }) =>
  Effect.gen(function* () {
    const group = yield* findGroup(store, params)
    yield* applyGroupFields(store, group, input, now)
    return saveGroup(store, { ...group, ...input }, now)
  })

const groupComponents =
  (change: SetChange) =>
  ({ store, params, input, now }: { store: Store; params: Params; input: unknown; now: string }) =>
    Effect.gen(function* () {
      const group = yield* findGroup(store, params)
      const ids =
        params.component_id !== undefined
          ? [params.component_id]
          : ((input as { component_ids?: ReadonlyArray<string> } | undefined)?.component_ids ?? [])
      if (change === "set" || change === "add") yield* checkComponents(store, group.page_id, ids)
      return saveGroup(store, { ...group, component_ids: changeSet(group.component_ids, change, ids) }, now)
    })

export const pageAccessGroups: GroupHandlers<typeof PageAccessGroups> = {
  list: ({ store, params }) =>
    Effect.succeed([...groupsTable(store).values()].filter((g) => g.page_id === params.page_id)),
  get: ({ store, params }) => findGroup(store, params),
  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const group: PageAccessGroup = {
        id: store.newId(),
        page_id: params.page_id!,
        name: input.name,
        external_identifier: input.external_identifier ?? null,
        page_access_user_ids: [...(input.page_access_user_ids ?? [])],
        component_ids: [...(input.component_ids ?? [])],
        metric_ids: [...(input.metric_ids ?? [])],
        created_at: now,
        updated_at: now
      }
      yield* applyGroupFields(store, group, input, now)
      return saveGroup(store, group, now)
    }),
  update: changeGroup,
  replace: changeGroup,
  delete: ({ store, params, now }) =>
    Effect.map(findGroup(store, params), (group) => {
      for (const user of pageUsers(store, group.page_id)) {
        if (user.page_access_group_ids?.includes(group.id)) {
          saveUser(store, { ...user, page_access_group_ids: without(user.page_access_group_ids, [group.id]) }, now)
        }
      }
      groupsTable(store).delete(group.id)
      return group
    }),
  listComponents: ({ store, params }) =>
    Effect.map(findGroup(store, params), (group) => byIds(componentsTable(store), group.component_ids)),
  setComponents: groupComponents("set"),
  addComponents: groupComponents("add"),
  addComponentsViaPut: groupComponents("add"),
  removeComponents: groupComponents("remove"),
  removeComponent: groupComponents("remove")
}

/** A component's own page-access endpoints: they change the sets of the named users or groups. */
const componentAccess =
  (who: "users" | "groups", change: "add" | "remove"): Handler<any, Component> =>
  ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const component = yield* findComponent(store, params.page_id!, params.component_id)
      if (who === "users") {
        const ids: ReadonlyArray<string> =
          change === "add" ? input.page_access_user_ids : pageUsers(store, component.page_id).map((u) => u.id)
        for (const id of ids) {
          const user = yield* Effect.mapError(
            findUser(store, { page_id: component.page_id, page_access_user_id: id }),
            () => unprocessable(`Page access user ${id} could not be found`)
          )
          saveUser(store, { ...user, component_ids: changeSet(user.component_ids, change, [component.id]) }, now)
        }
      } else {
        const ids: ReadonlyArray<string> =
          change === "add"
            ? input.page_access_group_ids
            : [...groupsTable(store).values()].filter((g) => g.page_id === component.page_id).map((g) => g.id)
        for (const id of ids) {
          const group = yield* Effect.mapError(
            findGroup(store, { page_id: component.page_id, page_access_group_id: id }),
            () => unprocessable(`Page access group ${id} could not be found`)
          )
          saveGroup(store, { ...group, component_ids: changeSet(group.component_ids, change, [component.id]) }, now)
        }
      }
      return component
    })

/** The page-access endpoints of the components group, registered with the other components handlers. */
export const componentPageAccess: Pick<
  GroupHandlers<typeof Components>,
  "addPageAccessUsers" | "removePageAccessUsers" | "addPageAccessGroups" | "removePageAccessGroups"
> = {
  addPageAccessUsers: componentAccess("users", "add"),
  removePageAccessUsers: componentAccess("users", "remove"),
  addPageAccessGroups: componentAccess("groups", "add"),
  removePageAccessGroups: componentAccess("groups", "remove")
}
