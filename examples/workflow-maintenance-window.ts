/**
 * A maintenance window by name, as a deploy pipeline runs it: schedule (rerunnable), start, extend, complete.
 * Each step finds the window by its name, so a retried CI step writes nothing twice.
 */
import { Components } from "@effect-statuspage/core"
import { MaintenanceWindow } from "@effect-statuspage/workflows"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const maintenanceWindowExample = Effect.gen(function* () {
  const db = yield* Components.create({ name: "Database (workflow example)" })
  const now = yield* Clock.currentTimeMillis
  const name = `Database upgrade (workflow example ${db.id})`
  const window = {
    name,
    start: new Date(now + 3600_000),
    end: new Date(now + 2 * 3600_000),
    body: "We upgrade the database; expect short interruptions.",
    components: [db.id],
    remindPrior: true,
    autoTransitionToMaintenanceState: true,
    autoTransitionToOperationalState: true,
    deliverNotifications: false
  }
  const scheduled = yield* MaintenanceWindow.schedule(window)
  yield* step(`schedule: ${scheduled.outcome} ${scheduled.maintenance?.id}`)
  const again = yield* MaintenanceWindow.schedule(window)
  yield* step(`schedule again: ${again.outcome}, ${again.writes.length} writes`)
  const started = yield* MaintenanceWindow.start({ name, deliverNotifications: false })
  yield* step(`start: ${started.writes.map((w) => w.detail).join("")}`)
  const extended = yield* MaintenanceWindow.extend({ name, end: new Date(now + 3 * 3600_000) })
  yield* step(`extend: ${extended.writes.map((w) => w.detail).join("")}`)
  const completed = yield* MaintenanceWindow.complete({ name, deliverNotifications: false })
  yield* step(`complete: ${completed.writes.map((w) => w.detail).join("")}`)
  const twice = yield* MaintenanceWindow.complete({ name })
  yield* step(`complete again: ${twice.outcome}, ${twice.writes.length} writes`)
  yield* Components.delete(db.id)
  yield* step("deleted the component again (the completed window stays in the page's history)")
})
