/**
 * Incident by key: what an alert bridge or a failed CI deploy does. `ensure` opens one incident per key, updates
 * only what changed, and writes nothing when called again with the same state; `resolve` closes it.
 */
import { Components, Incidents } from "@effect-statuspage/core"
import { IncidentByKey, JobSummary } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const incidentByKeyExample = Effect.gen(function* () {
  const checkout = yield* Components.create({ name: "Checkout (workflow example)" })
  const key = `example:checkout-errors:${checkout.id}`
  const firing = {
    key,
    name: "Checkout errors",
    impact: "major",
    body: "Checkout fails for some customers; we are investigating.",
    components: { "Checkout (workflow example)": "partial_outage" },
    deliverNotifications: false
  } as const

  const opened = yield* IncidentByKey.ensure(firing)
  yield* step(`${opened.outcome}: ${JobSummary.format(opened).split("\n").slice(1).join(" ").trim()}`)
  const again = yield* IncidentByKey.ensure(firing)
  yield* step(`the same alert again: ${again.outcome}, ${again.writes.length} writes`)
  const worse = yield* IncidentByKey.ensure({
    ...firing,
    status: "identified",
    components: { [checkout.id]: "major_outage" }
  })
  yield* step(`escalated: ${worse.writes.map((w) => w.detail).join("")}`)

  const resolved = yield* IncidentByKey.resolve({ key, body: "Fixed.", deliverNotifications: false })
  yield* step(`${resolved.outcome}: ${resolved.writes.map((w) => w.detail).join("")}`)
  const twice = yield* IncidentByKey.resolve({ key })
  yield* step(`resolve again: ${twice.outcome}, ${twice.writes.length} writes`)

  if (resolved.incident !== undefined) yield* Incidents.delete(resolved.incident.id)
  yield* Components.delete(checkout.id)
  yield* step("deleted the incident and the component again")
})
