/**
 * The public client, the watcher and the webhook handler end to end against the fake Statuspage: its public API is
 * derived from the state the Manage API changes, and it delivers webhooks for those changes.
 */
import { createServer } from "node:http"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { assert, describe, it } from "@effect/vitest"
import { Components, Incidents, StatusPagePublic, StatusPageWatcher, StatusPageWebhook } from "@effect-statuspage/core"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"

const OTHER_PAGE = "otherpage001"

describe("the fake's public API (in-process)", () => {
  it.effect("serves each page's summary, derived from its state, with no key", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const api = yield* Components.create({ name: "API", status: "partial_outage" })
      yield* Components.create({ name: "Web" })
      yield* Components.create({ name: "Elsewhere" }, { pageId: OTHER_PAGE })
      const mine = yield* StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake) })
      const other = yield* StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake, OTHER_PAGE) })
      const summary = yield* mine.summary()
      assert.strictEqual(summary.page.id, fake.pageId)
      assert.deepStrictEqual(
        summary.components.map((c) => [c.name, c.status]),
        [
          ["API", "partial_outage"],
          ["Web", "operational"]
        ]
      )
      assert.strictEqual(summary.status.indicator, "major")
      assert.deepStrictEqual(
        (yield* other.components()).components.map((c) => c.name),
        ["Elsewhere"]
      )
      const incident = yield* Incidents.create({
        name: "API errors",
        status: "investigating",
        body: "Looking into it",
        components: { [api.id]: "major_outage" }
      })
      const unresolved = yield* mine.unresolvedIncidents()
      assert.deepStrictEqual(
        unresolved.incidents.map((i) => [i.id, i.status]),
        [[incident.id, "investigating"]]
      )
      assert.strictEqual(unresolved.incidents[0]!.incident_updates[0]!.body, "Looking into it")
      assert.strictEqual((yield* mine.status()).status.indicator, "critical")
      // the public API was reached without the key: the fake logged those requests, none with a 401
      const publicRequests = (yield* fake.requests).filter((r) => r.url.includes("/api/v2/"))
      assert.strictEqual(publicRequests.length, 4)
      assert.isTrue(publicRequests.every((r) => r.status === 200))
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 3, morePageIds: [OTHER_PAGE] })))
  )

  it.effect("the watcher sees a component flip and an incident open, polling every 10 s on the test clock", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const api = yield* Components.create({ name: "API" })
      const page = yield* StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake) })
      const fiber = yield* StatusPageWatcher.watch(page, { interval: "10 seconds" }).pipe(
        Stream.take(3),
        Stream.runCollect,
        Effect.fork
      )
      yield* TestClock.adjust(0) // the baseline poll
      yield* Components.update(api.id, { status: "degraded_performance" })
      yield* TestClock.adjust("10 seconds")
      const incident = yield* Incidents.create({
        name: "API down",
        status: "identified",
        components: { [api.id]: "major_outage" }
      })
      yield* TestClock.adjust("10 seconds")
      const events = Chunk.toReadonlyArray(yield* Fiber.join(fiber)) as ReadonlyArray<any>
      assert.deepStrictEqual(
        events.map((e) => e._tag),
        ["ComponentStatusChanged", "ComponentStatusChanged", "IncidentOpened"]
      )
      assert.strictEqual(events[0].previous, "operational")
      assert.strictEqual(events[0].component.status, "degraded_performance")
      assert.strictEqual(events[1].previous, "degraded_performance")
      assert.strictEqual(events[1].component.status, "major_outage")
      assert.strictEqual(events[2].incident.id, incident.id)
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 4 })))
  )

  it.effect("a failed public poll is a PollFailed event, and the watch goes on", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const api = yield* Components.create({ name: "API" })
      const page = yield* StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake) })
      const fiber = yield* StatusPageWatcher.watch(page, { interval: "10 seconds" }).pipe(
        Stream.take(2),
        Stream.runCollect,
        Effect.fork
      )
      yield* TestClock.adjust(0)
      yield* fake.failNext({ status: 502, body: "<html>Bad gateway</html>" })
      yield* TestClock.adjust("10 seconds")
      yield* Components.update(api.id, { status: "major_outage" })
      yield* TestClock.adjust("10 seconds")
      const events = Chunk.toReadonlyArray(yield* Fiber.join(fiber)) as ReadonlyArray<any>
      assert.deepStrictEqual(
        events.map((e) => e._tag),
        ["PollFailed", "ComponentStatusChanged"]
      )
      assert.strictEqual(events[0].error._tag, "ServerError")
      assert.strictEqual(events[0].error.httpStatus, 502)
    }).pipe(Effect.provide(StatusPageTest.layer({ seed: 5 })))
  )
})

describe("the fake over loopback: public API and webhooks end to end", () => {
  /** The webhook handler served on 127.0.0.1 (a free port); the events it hands over go to `received`. */
  const webhookReceiver = Effect.gen(function* () {
    const received = yield* Queue.unbounded<StatusPageWebhook.WebhookEvent>()
    const app = yield* StatusPageWebhook.makeHandler((event) => Queue.offer(received, event))
    const context = yield* Layer.build(
      HttpServer.serve(HttpRouter.empty.pipe(HttpRouter.post("/hooks/s3cret", app))).pipe(
        Layer.provideMerge(NodeHttpServer.layer(() => createServer(), { port: 0, host: "127.0.0.1" }))
      )
    )
    const address = Context.get(context, HttpServer.HttpServer).address
    if (address._tag !== "TcpAddress") return yield* Effect.die("expected a TCP address")
    return { received, url: `http://127.0.0.1:${address.port}/hooks/s3cret` }
  })

  it.scopedLive("component and incident webhooks reach the handler; the public API answers over HTTP", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const { received, url } = yield* webhookReceiver
      yield* fake.subscribeWebhooks(url)
      const api = yield* Components.create({ name: "API" })
      yield* Components.update(api.id, { status: "partial_outage" })
      const component = yield* Queue.take(received)
      assert.strictEqual(component._tag, "ComponentUpdate")
      if (component._tag === "ComponentUpdate") {
        assert.strictEqual(component.component_update.component_id, api.id)
        assert.strictEqual(component.component_update.old_status, "operational")
        assert.strictEqual(component.component_update.new_status, "partial_outage")
        assert.strictEqual(component.page.id, fake.pageId)
        assert.strictEqual(component.page.status_indicator, "major")
      }
      const incident = yield* Incidents.create({ name: "Slow API", status: "investigating", body: "Checking" })
      const opened = yield* Queue.take(received)
      assert.strictEqual(opened._tag, "IncidentUpdate")
      if (opened._tag === "IncidentUpdate") {
        assert.strictEqual(opened.incident.id, incident.id)
        assert.strictEqual(opened.incident.incident_updates[0]!.body, "Checking")
      }
      yield* Incidents.update(incident.id, { status: "resolved", body: "Fixed" })
      const resolved = yield* Queue.take(received)
      if (resolved._tag !== "IncidentUpdate") return assert.fail("expected an incident webhook")
      assert.strictEqual(resolved.incident.status, "resolved")
      assert.strictEqual(resolved.incident.incident_updates[0]!.body, "Fixed")
      // a name change is no status change: no webhook, as on Statuspage
      yield* Components.update(api.id, { name: "Public API" })
      // the fake logs a delivery once the receiver's answer is back, which may trail the handler's event
      const deliveries = yield* Effect.zipLeft(fake.webhookDeliveries, Effect.sleep("10 millis")).pipe(
        Effect.repeat({ until: (log) => log.length >= 3 }),
        Effect.timeout("5 seconds")
      )
      assert.deepStrictEqual(
        deliveries.map((d) => [d.kind, d.outcome]),
        [
          ["ComponentUpdate", 204],
          ["IncidentUpdate", 204],
          ["IncidentUpdate", 204]
        ]
      )
      // the public API of the same fake, over HTTP
      const base = yield* StatusPageFakeServer.baseUrl
      const page = yield* StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake, fake.pageId, base) })
      const summary = yield* page.summary()
      assert.deepStrictEqual(
        summary.components.map((c) => [c.name, c.status]),
        [["Public API", "partial_outage"]]
      )
      assert.deepStrictEqual(summary.incidents, [])
      const all = yield* page.incidents()
      assert.deepStrictEqual(
        all.incidents.map((i) => [i.id, i.status]),
        [[incident.id, "resolved"]]
      )
      const missing = yield* Effect.either(
        StatusPagePublic.make({ baseUrl: StatusPageTest.publicBaseUrl(fake, "nosuchpage00", base) }).pipe(
          Effect.flatMap((p) => p.status())
        )
      )
      assert.isTrue(Either.isLeft(missing) && missing.left._tag === "ResourceError")
    }).pipe(Effect.provide(Layer.merge(StatusPageFakeServer.layerTest({ seed: 6 }), NodeHttpClient.layerUndici)))
  )
})
