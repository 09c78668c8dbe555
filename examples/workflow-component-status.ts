/**
 * Component status from a health source: one list of the components, then one write per component whose status
 * differs; a second run writes nothing. An `under_maintenance` override carries its end time.
 */
import { Components } from "@effect-statuspage/core"
import { ComponentStatus, JobSummary } from "@effect-statuspage/workflows"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const componentStatusExample = Effect.gen(function* () {
  const search = yield* Components.create({ name: "Search (workflow example)" })
  const mail = yield* Components.create({ name: "Mail (workflow example)" })
  const health = {
    "Search (workflow example)": "degraded_performance",
    "Mail (workflow example)": "operational"
  } as const

  const first = yield* ComponentStatus.set(health)
  yield* step(JobSummary.format(first).replaceAll("\n", "\n  "))
  const second = yield* ComponentStatus.set(health)
  yield* step(`the same health again: ${second.writes.length} writes, ${second.unchanged.length} unchanged`)

  const until = new Date((yield* Clock.currentTimeMillis) + 30 * 60_000)
  const maintenance = yield* ComponentStatus.set([
    { component: mail.id, status: "under_maintenance", until, after: "operational" }
  ])
  yield* step(
    `mail under maintenance until ${until.toISOString()}: ${maintenance.changes.map((c) => `${c.from} -> ${c.to}`).join("")}`
  )

  yield* Components.delete(search.id)
  yield* Components.delete(mail.id)
  yield* step("deleted both components again")
})
