/**
 * Watching two status pages through their public API while things happen on them: the fake Statuspage serves both
 * pages (in-process), a component flips, an incident opens on the other page and is resolved, and one merged stream of
 * change events prints what the watchers saw.
 *
 * The watchers poll every 30 seconds on a simulated clock (`TestClock`), so the example does not wait; against real
 * pages you would drop the `TestContext` and point `StatusPagePublic.make` at e.g. `https://www.githubstatus.com`.
 */
import { Components, Incidents, StatusPagePublic, StatusPageWatcher } from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as TestContext from "effect/TestContext"
import { step } from "./print.js"

const SHOP = "shoppage0001"
const INTERVAL = "30 seconds"

const describe = StatusPageWatcher.Event.$match({
  ComponentStatusChanged: ({ page, component, previous }) =>
    `${page.name}: ${component.name} ${previous} -> ${component.status}`,
  IncidentOpened: ({ page, incident }) => `${page.name}: incident opened: ${incident.name} (${incident.impact})`,
  IncidentUpdated: ({ page, incident }) => `${page.name}: incident updated: ${incident.name} is ${incident.status}`,
  IncidentResolved: ({ page, incident }) => `${page.name}: incident resolved: ${incident.name}`,
  MaintenanceStarted: ({ page, maintenance }) => `${page.name}: maintenance started: ${maintenance.name}`,
  MaintenanceEnded: ({ page, maintenance }) => `${page.name}: maintenance ended: ${maintenance.name}`,
  PollFailed: ({ baseUrl, error }) => `${baseUrl}: poll failed (${error._tag}); still watching`
})

export const watchExample = Effect.gen(function* () {
  yield* TestClock.setTime(Date.parse("2026-01-05T09:00:00Z"))
  const fake = yield* StatusPageTest.FakeStatusPage
  const api = yield* Components.create({ name: "API" })
  const checkout = yield* Components.create({ name: "Checkout" }, { pageId: SHOP })

  const pages = yield* Effect.forEach([fake.pageId, SHOP], (pageId) =>
    StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake, pageId) })
  )
  for (const page of pages) yield* step(`watching ${page.baseUrl} every ${INTERVAL}`)
  const watching = yield* Stream.mergeAll(
    pages.map((page) => StatusPageWatcher.watch(page, { interval: INTERVAL })),
    { concurrency: "unbounded" }
  ).pipe(
    Stream.take(5),
    Stream.runForEach((event) => step(`  seen: ${describe(event)}`)),
    Effect.fork
  )
  yield* TestClock.adjust(0) // the first polls: the baseline, nothing to report

  yield* step("the fake: API goes to partial_outage")
  yield* Components.update(api.id, { status: "partial_outage" })
  yield* TestClock.adjust(INTERVAL)

  yield* step("the fake: an incident opens on the shop page, Checkout in major_outage")
  const incident = yield* Incidents.create(
    { name: "Checkout errors", status: "investigating", components: { [checkout.id]: "major_outage" } },
    { pageId: SHOP }
  )
  yield* TestClock.adjust(INTERVAL)

  yield* step("the fake: the incident is resolved, Checkout operational again")
  yield* Incidents.update(
    incident.id,
    { status: "resolved", body: "Fixed.", components: { [checkout.id]: "operational" } },
    { pageId: SHOP }
  )
  yield* TestClock.adjust(INTERVAL)
  yield* Fiber.join(watching)
}).pipe(
  Effect.provide(Layer.merge(StatusPageTest.layer({ seed: "watch", morePageIds: [SHOP] }), TestContext.TestContext))
)
