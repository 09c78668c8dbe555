/**
 * Components: create, change status, read uptime, list every one (paged), delete.
 */
import { Components, Pagination } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const componentsExample = Effect.gen(function* () {
  const cdn = yield* Components.create({ name: "CDN", description: "Static assets", status: "operational" })
  const search = yield* Components.create({ name: "Search" })
  yield* step(`created ${cdn.name} (${cdn.id}) and ${search.name} (${search.id})`)

  const degraded = yield* Components.update(search.id, { status: "degraded_performance" })
  yield* step(`${degraded.name} is now ${degraded.status}`)

  const uptime = yield* Components.uptime(cdn.id)
  yield* step(`${uptime.name} uptime since ${uptime.range_start}: ${uptime.uptime_percentage}%`)

  const all = yield* Pagination.collect(Components.list, { max: 1000 })
  yield* step(`the page has ${all.length} components: ${all.map((c) => `${c.name} (${c.status})`).join(", ")}`)

  yield* Components.delete(cdn.id)
  yield* Components.delete(search.id)
  yield* step("deleted both again")
})
