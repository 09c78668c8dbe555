/**
 * `pnpm demo`: runs every example. Without `STATUSPAGE_API_KEY` it starts the fake Statuspage on a free loopback
 * port and talks to it over HTTP; with it, it uses the real API (`STATUSPAGE_PAGE_ID` and the other settings from
 * the environment) through the production layer: pacing to the real rate limit, safe retries, timeouts.
 */
import { pathToFileURL } from "node:url"
import type * as HttpClient from "@effect/platform/HttpClient"
import { Policies, StatusPageConfig } from "@effect-statuspage/core"
import { StatusPageNode } from "@effect-statuspage/platform-node"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { componentGroupsExample } from "./component-groups.js"
import { componentsExample } from "./components.js"
import { incidentLifecycle } from "./incident-lifecycle.js"
import { metricsExample } from "./metrics.js"
import { pageAccessExample } from "./page-access.js"
import { pagesExample } from "./pages.js"
import { heading } from "./print.js"
import { subscribersExample } from "./subscribers.js"
import { usersExample } from "./users.js"
import { watchExample } from "./watch.js"
import { componentStatusExample } from "./workflow-component-status.js"
import { incidentByKeyExample } from "./workflow-incident-by-key.js"
import { maintenanceWindowExample } from "./workflow-maintenance-window.js"
import { metricBackfillExample } from "./workflow-metric-backfill.js"

/**
 * Every example, in order. Those marked `fakeOnly` are skipped against the real API: page access needs an
 * audience-specific page, adding organization users sends real invitations, and a real subscriber gets emails.
 */
export const examples: ReadonlyArray<{
  readonly title: string
  readonly run: Effect.Effect<void, unknown, StatusPageConfig.StatusPageConfig | HttpClient.HttpClient>
  readonly fakeOnly?: boolean
}> = [
  { title: "Pages", run: pagesExample },
  { title: "Components", run: componentsExample },
  { title: "An incident, from outage to postmortem", run: incidentLifecycle },
  { title: "Metrics", run: metricsExample },
  { title: "Component groups", run: componentGroupsExample },
  { title: "Workflow: incident by key", run: incidentByKeyExample },
  { title: "Workflow: component status from a health source", run: componentStatusExample },
  { title: "Workflow: a maintenance window by name", run: maintenanceWindowExample },
  { title: "Workflow: metric backfill from CSV", run: metricBackfillExample },
  { title: "Subscribers", run: subscribersExample, fakeOnly: true },
  { title: "Page access", run: pageAccessExample, fakeOnly: true },
  { title: "Organization users and permissions", run: usersExample, fakeOnly: true },
  { title: "Watching two status pages through their public API", run: watchExample, fakeOnly: true }
]

const runAll = (fake: boolean) =>
  Effect.forEach(
    examples.filter((example) => fake || example.fakeOnly !== true),
    (example) => Effect.zipRight(heading(example.title), example.run),
    { discard: true }
  )

/** The fake on a free loopback port; no pacing needed, as it enforces no limit unless asked. */
const againstFake = Effect.gen(function* () {
  const fake = yield* StatusPageTest.FakeStatusPage
  const config = yield* StatusPageConfig.StatusPageConfig
  yield* Console.log(`STATUSPAGE_API_KEY is unset: using a fake Statuspage at ${config.baseUrl} (page ${fake.pageId})`)
  yield* runAll(true)
}).pipe(
  Effect.provide(
    Policies.layer({ rateLimit: false }).pipe(Layer.provideMerge(StatusPageFakeServer.layerTest({ seed: "demo" })))
  )
)

const againstRealApi = Effect.gen(function* () {
  const config = yield* StatusPageConfig.StatusPageConfig
  yield* Console.log(
    `using the real API at ${config.baseUrl}, page ${Option.getOrElse(config.pageId, () => "(none: set STATUSPAGE_PAGE_ID)")}: the examples create and delete resources`
  )
  yield* runAll(false)
}).pipe(Effect.provide(StatusPageNode.layer()))

/** Every example against the fake, or against the real API when an API key is given. */
export const demo = (apiKey: string | undefined) => {
  const run: Effect.Effect<void, unknown> = apiKey === undefined || apiKey.trim() === "" ? againstFake : againstRealApi
  return Effect.zipRight(run, Console.log("\ndone"))
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  Effect.runPromise(demo(process.env.STATUSPAGE_API_KEY)).catch((error: Error) => {
    console.error(`the demo failed: ${error.message}`)
    process.exitCode = 1
  })
}
