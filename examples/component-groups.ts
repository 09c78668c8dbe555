/**
 * Component groups: two components shown together under one heading, the group's uptime, then tidied up.
 */
import { ComponentGroups, Components } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const componentGroupsExample = Effect.gen(function* () {
  const eu = yield* Components.create({ name: "EU region" })
  const us = yield* Components.create({ name: "US region" })
  const group = yield* ComponentGroups.create({
    name: "Regions",
    components: [eu.id, us.id],
    description: "Where we run"
  })
  yield* step(`group ${group.name} (${group.id}) holds ${group.components.length} components`)
  const uptime = yield* ComponentGroups.uptime(group.id)
  yield* step(`${uptime.name} uptime: ${uptime.uptime_percentage}%`)
  yield* ComponentGroups.delete(group.id)
  yield* Components.delete(eu.id)
  yield* Components.delete(us.id)
  yield* step("deleted the group and its components")
})
