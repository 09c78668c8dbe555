/**
 * Page access (audience-specific pages): a group that sees one component, a user in it, and the reversed verbs of
 * the sub-collections (POST replaces a set, PATCH adds to it).
 */
import { Components, PageAccessGroups, PageAccessUsers } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const pageAccessExample = Effect.gen(function* () {
  const billing = yield* Components.create({ name: "Billing" })
  const reports = yield* Components.create({ name: "Reports" })
  const finance = yield* PageAccessGroups.create({ name: "Finance", component_ids: [billing.id] })
  const user = yield* PageAccessUsers.create({ email: "cfo@example.com", page_access_group_ids: [finance.id] })
  yield* step(`group ${finance.name} sees ${billing.name}; ${user.email} is in it`)

  yield* PageAccessUsers.setComponents(user.id, { component_ids: [billing.id] })
  yield* PageAccessUsers.addComponents(user.id, { component_ids: [reports.id] })
  const visible = yield* PageAccessUsers.listComponents(user.id)
  yield* step(`${user.email} sees ${visible.map((c) => c.name).join(" and ")} (POST set one, PATCH added one)`)

  yield* PageAccessUsers.delete(user.id)
  yield* PageAccessGroups.delete(finance.id)
  yield* Components.delete(billing.id)
  yield* Components.delete(reports.id)
  yield* step("deleted the user, the group and both components")
})
