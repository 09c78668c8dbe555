import { createServer } from "node:http"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { assert, describe, it } from "@effect/vitest"
import { StatusPageWebhook } from "@effect-statuspage/core"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Queue from "effect/Queue"
import { componentWebhook, incidentWebhook } from "./support/publicFixtures.js"

describe("StatusPageWebhook.decode", () => {
  it("tells a component event by component_update + component", () => {
    const event = Either.getOrThrow(StatusPageWebhook.decode(componentWebhook()))
    assert.strictEqual(event._tag, "ComponentUpdate")
    if (event._tag === "ComponentUpdate") {
      assert.strictEqual(event.component_update.old_status, "operational")
      assert.strictEqual(event.component_update.new_status, "major_outage")
      assert.strictEqual(event.component.name, "Git Operations")
      assert.isNull(event.component.description)
      assert.strictEqual(event.page.status_indicator, "major")
    }
  })

  it("keeps an old update's placeholder affected component, which has a name only", () => {
    const body = incidentWebhook()
    const placeholder = { name: "No components were affected by this update." }
    const update = { ...(body.incident as any).incident_updates[0], affected_components: [placeholder] }
    const event = Either.getOrThrow(
      StatusPageWebhook.decode({ ...body, incident: { ...body.incident, incident_updates: [update] } })
    )
    assert.strictEqual(event._tag, "IncidentUpdate")
    if (event._tag === "IncidentUpdate") {
      assert.deepStrictEqual(event.incident.incident_updates[0]!.affected_components, [placeholder])
    }
  })

  it("tells an incident event by incident, and accepts a 2017 payload lacking newer fields", () => {
    const event = Either.getOrThrow(StatusPageWebhook.decode(incidentWebhook()))
    assert.strictEqual(event._tag, "IncidentUpdate")
    if (event._tag === "IncidentUpdate") {
      assert.strictEqual(event.incident.status, "investigating")
      assert.isNull(event.incident.impact_override)
      assert.isUndefined(event.incident.started_at)
      assert.isUndefined(event.incident.auto_transition_to_operational_state)
      assert.strictEqual(
        event.incident.incident_updates[0]!.affected_components![0]!.new_status,
        "degraded_performance"
      )
      assert.strictEqual(event.incident.components![0]!.status, "degraded_performance")
    }
  })

  it("ignores unknown fields and reads newer ones, maintenances included", () => {
    const body = incidentWebhook()
    const newer = {
      ...body,
      page: { ...body.page, status_indicator: "maintenance", status_description: "Service Under Maintenance" },
      brand_new_top_level: true,
      incident: {
        ...body.incident,
        status: "in_progress",
        impact: "maintenance",
        scheduled_for: "2024-05-20T02:00:00.000+02:00",
        scheduled_until: "2024-05-20T04:00:00.000+02:00",
        started_at: "2024-05-20T02:00:00.000+02:00",
        auto_transition_to_operational_state: true,
        reminder_intervals: "[3, 6, 12, 24]",
        incident_updates: []
      }
    }
    const event = Either.getOrThrow(StatusPageWebhook.decode(newer))
    assert.isFalse("brand_new_top_level" in event)
    if (event._tag !== "IncidentUpdate") return assert.fail("expected an incident event")
    assert.strictEqual(event.page.status_indicator, "maintenance")
    assert.strictEqual(event.incident.status, "in_progress")
    assert.strictEqual(event.incident.started_at, "2024-05-20T02:00:00.000+02:00")
    assert.isTrue(event.incident.auto_transition_to_operational_state)
    assert.isFalse("reminder_intervals" in event.incident)
  })

  it("names what is wrong with a malformed body", () => {
    const unknown = StatusPageWebhook.decode({ page: { id: "p" } })
    assert.isTrue(Either.isLeft(unknown))
    if (Either.isLeft(unknown)) assert.strictEqual(unknown.left.reason, "UnknownKind")
    const body = componentWebhook()
    const bad = StatusPageWebhook.decode({
      ...body,
      component_update: { ...body.component_update, new_status: "down" }
    })
    assert.isTrue(Either.isLeft(bad))
    if (Either.isLeft(bad)) {
      assert.strictEqual(bad.left.reason, "Decode")
      assert.strictEqual(bad.left.path, "component_update.new_status")
    }
    const text = StatusPageWebhook.decodeJson("{not json")
    assert.isTrue(Either.isLeft(text))
    if (Either.isLeft(text)) assert.strictEqual(text.left.reason, "NotJson")
  })
})

describe("StatusPageWebhook.makeHandler over a loopback server", () => {
  /** Serves `/hooks/secret` on 127.0.0.1 (a free port) for the test's scope and returns the hook's URL. */
  const serve = <E, R>(app: HttpApp.Default<E, R>) =>
    Effect.gen(function* () {
      const router = HttpRouter.empty.pipe(HttpRouter.all("/hooks/secret", app))
      const context = yield* Layer.build(
        HttpServer.serve(router).pipe(
          Layer.provideMerge(NodeHttpServer.layer(() => createServer(), { port: 0, host: "127.0.0.1" }))
        )
      )
      const address = Context.get(context, HttpServer.HttpServer).address
      if (address._tag !== "TcpAddress") return yield* Effect.die("expected a TCP address")
      return `http://127.0.0.1:${address.port}/hooks/secret`
    })

  const post = (url: string, body: string) =>
    Effect.flatMap(HttpClient.HttpClient, (client) =>
      client.execute(HttpClientRequest.post(url).pipe(HttpClientRequest.bodyText(body, "application/json")))
    ).pipe(Effect.provide(FetchHttpClient.layer))

  it.scopedLive("answers 204 before the user's effect finishes, then hands it the typed event", () =>
    Effect.gen(function* () {
      const release = yield* Deferred.make<void>()
      const received = yield* Queue.unbounded<StatusPageWebhook.WebhookEvent>()
      const app = yield* StatusPageWebhook.makeHandler((event) =>
        Effect.zipRight(Deferred.await(release), Queue.offer(received, event))
      )
      const url = yield* serve(app)
      const response = yield* post(url, JSON.stringify(componentWebhook()))
      // the handler is still blocked on `release`, yet the delivery is acknowledged
      assert.strictEqual(response.status, 204)
      assert.strictEqual(yield* Queue.size(received), 0)
      yield* Deferred.succeed(release, undefined)
      const event = yield* Queue.take(received)
      assert.strictEqual(event._tag, "ComponentUpdate")
      const second = yield* post(url, JSON.stringify(incidentWebhook()))
      assert.strictEqual(second.status, 204)
      assert.strictEqual((yield* Queue.take(received))._tag, "IncidentUpdate")
    })
  )

  it.scopedLive("a malformed body gets 400 and a WebhookError in the logs; the user's effect never runs", () =>
    Effect.gen(function* () {
      const logged: Array<unknown> = []
      const logger = Logger.make(({ logLevel, message }) => {
        logged.push({ level: logLevel.label, message })
      })
      const calls: Array<unknown> = []
      const app = yield* StatusPageWebhook.makeHandler((event) => Effect.sync(() => calls.push(event)))
      const url = yield* serve(Effect.provide(app, Logger.replace(Logger.defaultLogger, logger)))
      const notJson = yield* post(url, "{oops")
      assert.strictEqual(notJson.status, 400)
      const unknownKind = yield* post(url, JSON.stringify({ page: { id: "p" } }))
      assert.strictEqual(unknownKind.status, 400)
      assert.deepStrictEqual(yield* unknownKind.json, {
        error: "webhook body has neither `incident` nor `component_update` with `component`"
      })
      const errors = logged.flatMap((entry: any) =>
        (Array.isArray(entry.message) ? entry.message : [entry.message]).filter(
          (m: unknown) => m instanceof StatusPageWebhook.WebhookError
        )
      )
      assert.deepStrictEqual(
        errors.map((e: any) => e.reason),
        ["NotJson", "UnknownKind"]
      )
      assert.isTrue(logged.every((entry: any) => entry.level === "ERROR"))
      assert.strictEqual(calls.length, 0)
    })
  )

  it.scopedLive("a failure of the user's effect is logged with the event kind, after the 204", () =>
    Effect.gen(function* () {
      const logged = yield* Queue.unbounded<{ level: string; message: unknown; cause: string }>()
      const logger = Logger.make(({ logLevel, message, cause }) => {
        Queue.unsafeOffer(logged, { level: logLevel.label, message, cause: Cause.pretty(cause) })
      })
      const app = yield* StatusPageWebhook.makeHandler(() => Effect.fail("downstream is down")).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      const url = yield* serve(app)
      const response = yield* post(url, JSON.stringify(incidentWebhook()))
      assert.strictEqual(response.status, 204)
      const entry = yield* Queue.take(logged)
      assert.strictEqual(entry.level, "ERROR")
      assert.include(JSON.stringify(entry.message), "the webhook handler failed (IncidentUpdate event)")
      assert.include(entry.cause, "downstream is down")
    })
  )

  it.scopedLive("refuses other methods with 405 and oversized bodies with 413", () =>
    Effect.gen(function* () {
      const app = yield* StatusPageWebhook.makeHandler(() => Effect.void, { maxBodyBytes: 1024 })
      const url = yield* serve(app)
      const get = yield* Effect.flatMap(HttpClient.HttpClient, (client) => client.get(url)).pipe(
        Effect.provide(FetchHttpClient.layer)
      )
      assert.strictEqual(get.status, 405)
      assert.strictEqual(get.headers.allow, "POST")
      const big = yield* post(url, JSON.stringify({ ...componentWebhook(), padding: "x".repeat(4096) }))
      assert.strictEqual(big.status, 413)
    })
  )

  it.scopedLive(
    "a burst of 2,000 deliveries: at most `concurrency` handlers at once, the backlog bounded, the rest 503",
    () =>
      Effect.gen(function* () {
        const release = yield* Deferred.make<void>()
        let running = 0
        let most = 0
        let handled = 0
        const app = yield* StatusPageWebhook.makeHandler(
          () =>
            Effect.acquireUseRelease(
              Effect.sync(() => {
                running++
                most = Math.max(most, running)
              }),
              () => Deferred.await(release),
              () =>
                Effect.sync(() => {
                  running--
                  handled++
                })
            ),
          { concurrency: 4, maxBacklog: 100 }
        )
        const handler = HttpApp.toWebHandler(app)
        yield* Effect.sleep("20 millis") // the handlers are up
        const body = JSON.stringify(componentWebhook())
        const statuses = yield* Effect.forEach(
          Array.from({ length: 2_000 }),
          () =>
            Effect.promise(() =>
              handler(
                new Request("http://127.0.0.1/hooks/secret", {
                  method: "POST",
                  body,
                  headers: { "content-type": "application/json" }
                })
              )
            ).pipe(Effect.map((response) => response.status)),
          { concurrency: 50 }
        )
        const count = (status: number) => statuses.filter((s) => s === status).length
        // 4 taken by the handlers, 100 waiting: everything else is refused for Statuspage to deliver again.
        assert.strictEqual(count(204), 104)
        assert.strictEqual(count(503), 1_896)
        assert.strictEqual(most, 4)
        yield* Deferred.succeed(release, undefined)
        while (handled < 104) yield* Effect.sleep("10 millis")
        assert.strictEqual(most, 4)
        assert.strictEqual(handled, 104)
      })
  )
})
