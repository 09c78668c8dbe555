/**
 * Organization users and their page permissions. A new user can reach every page of the account; a PUT of
 * permissions replaces that access (pages left out are revoked).
 */

import type * as Permissions from "@effect-statuspage/core/Permissions"
import type { PagePermission } from "@effect-statuspage/core/Permissions"
import type * as Users from "@effect-statuspage/core/Users"
import type { User } from "@effect-statuspage/core/Users"
import * as Effect from "effect/Effect"
import { FakeFailure, find, type GroupHandlers, unprocessable } from "./handler.js"
import type { Store } from "./store.js"

const usersTable = (store: Store) => store.table<User>("users")
const permissionsTable = (store: Store) => store.table<ReadonlyArray<PagePermission>>("permissions")

const findUser = (store: Store, params: Readonly<Record<string, string | undefined>>) =>
  find(usersTable(store), params.user_id, "user", (u) => u.organization_id === params.organization_id)

export const users: GroupHandlers<typeof Users> = {
  list: ({ store, params }) =>
    Effect.succeed([...usersTable(store).values()].filter((u) => u.organization_id === params.organization_id)),
  create: ({ store, params, input, now }) =>
    Effect.gen(function* () {
      const taken = [...usersTable(store).values()].some(
        (u) => u.organization_id === params.organization_id && u.email === input.email
      )
      if (taken) return yield* unprocessable("Email has already been taken")
      // the password is accepted and never kept
      const user: User = {
        id: store.newId(),
        organization_id: params.organization_id!,
        email: input.email,
        first_name: input.first_name ?? null,
        last_name: input.last_name ?? null,
        created_at: now,
        updated_at: now
      }
      usersTable(store).set(user.id, user)
      permissionsTable(store).set(
        user.id,
        store.pageIds.map((page_id) => ({ page_id }))
      )
      return user
    }),
  delete: ({ store, params }) =>
    Effect.map(findUser(store, params), (user) => {
      usersTable(store).delete(user.id)
      permissionsTable(store).delete(user.id)
      return user
    })
}

export const permissions: GroupHandlers<typeof Permissions> = {
  get: ({ store, params }) =>
    Effect.map(findUser(store, params), (user) => ({
      data: { user_id: user.id, pages: permissionsTable(store).get(user.id) ?? [] }
    })),
  replace: ({ store, params, input }) =>
    Effect.gen(function* () {
      const user = yield* findUser(store, params)
      const unknown = Object.keys(input.pages).find((pageId) => !store.pageIds.includes(pageId))
      if (unknown !== undefined) {
        return yield* new FakeFailure({ status: 404, error: `The requested page ${unknown} could not be found.` })
      }
      const pages = Object.entries(input.pages).map(([page_id, roles]) => ({ page_id, ...roles }))
      permissionsTable(store).set(user.id, pages)
      return { data: { user_id: user.id, pages } }
    })
}
