/**
 * Organization users and their permissions (needs `organizationId`).
 */
import { Permissions, StatusPageConfig, Users } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const usersExample = Effect.gen(function* () {
  const pageId = yield* Effect.flatMap(StatusPageConfig.StatusPageConfig, StatusPageConfig.requirePageId)
  const user = yield* Users.create({ email: "oncall@example.com", first_name: "On", last_name: "Call" })
  yield* step(`added ${user.first_name} ${user.last_name} <${user.email}> to the organization`)
  const granted = yield* Permissions.replace(user.id, { pages: { [pageId]: { incident_manager: true } } })
  yield* step(
    `permissions: ${granted.data.pages.map((p) => `${p.page_id} (incident manager: ${p.incident_manager})`).join(", ")}`
  )
  yield* Users.delete(user.id)
  yield* step("removed the user again")
})
