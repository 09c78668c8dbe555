import { assert, describe, it } from "@effect/vitest"
import { StatusPagePublic, StatusPageWatcher } from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import {
  incidentUpdate,
  publicComponent,
  publicIncident,
  publicMaintenance,
  summary
} from "./support/publicFixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"

type Canned = RecordingHttpClient.CannedResponse

const decode = Schema.decodeUnknownSync(StatusPagePublic.Summary)

const ok = (body: unknown): Canned => ({ body })

/** Runs `take` events of the watch while the test clock advances one interval per poll after the first. */
const collect = <E>(
  stream: (client: StatusPagePublic.Client) => Stream.Stream<StatusPageWatcher.Event, E, any>,
  responses: ReadonlyArray<Canned>,
  take: number,
  step: Duration.DurationInput = "60 seconds"
) =>
  Effect.gen(function* () {
    const http = RecordingHttpClient.make(responses)
    const client = yield* StatusPagePublic.make({ baseUrl: "https://www.githubstatus.com" })
    const fiber = yield* stream(client).pipe(
      Stream.take(take),
      Stream.runCollect,
      Effect.provide(http.layer),
      Effect.either,
      Effect.fork
    )
    for (let i = 1; i < responses.length; i++) yield* TestClock.adjust(step)
    const result = yield* Fiber.join(fiber)
    return { result: Either.map(result, Chunk.toReadonlyArray), requests: http.requests }
  })

const degraded = summary({
  components: [
    publicComponent({ status: "major_outage" }),
    publicComponent({ id: "api0000001", name: "API Requests", position: 2 })
  ]
})

describe("StatusPageWatcher", () => {
  it.effect("the first poll is a silent baseline, then component changes are emitted every interval", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* collect(
        (c) => StatusPageWatcher.watch(c),
        [ok(summary()), ok(summary()), ok(degraded), ok(summary())],
        2
      )
      assert.isTrue(Either.isRight(result))
      const events = Either.getOrThrow(result)
      assert.deepStrictEqual(
        events.map((e) => e._tag),
        ["ComponentStatusChanged", "ComponentStatusChanged"]
      )
      const [down, up] = events as ReadonlyArray<any>
      assert.strictEqual(down.component.id, "8l4ygp009s5s")
      assert.strictEqual(down.previous, "operational")
      assert.strictEqual(down.component.status, "major_outage")
      assert.strictEqual(up.previous, "major_outage")
      assert.strictEqual(up.page.name, "GitHub")
      assert.strictEqual(requests.length, 4)
      assert.isTrue(requests.every((r) => r.target === "/api/v2/summary.json"))
    })
  )

  it.effect("a failed poll is a PollFailed event and the last known state survives it", () =>
    Effect.gen(function* () {
      const { result } = yield* collect(
        (c) => StatusPageWatcher.watch(c, { interval: "10 seconds" }),
        [ok(summary()), { status: 503, body: "unavailable" }, ok(degraded)],
        2,
        "10 seconds"
      )
      const events = Either.getOrThrow(result) as ReadonlyArray<any>
      assert.strictEqual(events[0]._tag, "PollFailed")
      assert.strictEqual(events[0].error._tag, "ServerError")
      assert.strictEqual(events[0].baseUrl, "https://www.githubstatus.com")
      // diffed against the snapshot from before the failure
      assert.strictEqual(events[1]._tag, "ComponentStatusChanged")
      assert.strictEqual(events[1].previous, "operational")
    })
  )

  it.effect("with a retry policy a failed poll is retried and no error event is emitted", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* collect(
        (c) => StatusPageWatcher.watch(c, { retry: Schedule.recurs(2) }),
        [ok(summary()), { status: 503 }, ok(degraded)],
        1
      )
      const events = Either.getOrThrow(result)
      assert.deepStrictEqual(
        events.map((e) => e._tag),
        ["ComponentStatusChanged"]
      )
      assert.strictEqual(requests.length, 3)
    })
  )

  it.effect("with a retry policy the stream fails with the typed error once the schedule gives up", () =>
    Effect.gen(function* () {
      const { result } = yield* collect(
        (c) => StatusPageWatcher.watch(c, { retry: Schedule.recurs(1) }),
        [ok(summary()), { status: 404 }],
        1
      )
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) assert.strictEqual(result.left._tag, "ResourceError")
    })
  )

  it.effect("intervals under 10 seconds are refused with a ConfigurationError before any request", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* collect(
        (c) => StatusPageWatcher.watch(c, { interval: "9 seconds" }),
        [ok(summary())],
        1
      )
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) assert.strictEqual(result.left._tag, "ConfigurationError")
      assert.strictEqual(requests.length, 0)
    })
  )

  it("diff: incidents opened, updated, resolved", () => {
    const opened = publicIncident()
    const before = summary({ incidents: [] })
    const withIncident = summary({ incidents: [opened] })
    const updated = publicIncident({
      status: "identified",
      updated_at: "2024-05-14T15:00:00.000-06:00",
      incident_updates: [incidentUpdate({ id: "upd2", status: "identified" }), incidentUpdate()]
    })
    const a = decode(before)
    const b = decode(withIncident)
    const c = decode(summary({ incidents: [updated] }))
    const d = decode(summary({ incidents: [] }))
    assert.deepStrictEqual(
      StatusPageWatcher.diff(a, b).map((e) => e._tag),
      ["IncidentOpened"]
    )
    const update = StatusPageWatcher.diff(b, c)
    assert.deepStrictEqual(
      update.map((e) => e._tag),
      ["IncidentUpdated"]
    )
    assert.strictEqual((update[0] as any).previous.status, "investigating")
    assert.strictEqual((update[0] as any).incident.status, "identified")
    // gone from the unresolved list: resolved, reported with the last known version
    const gone = StatusPageWatcher.diff(c, d)
    assert.deepStrictEqual(
      gone.map((e) => e._tag),
      ["IncidentResolved"]
    )
    assert.strictEqual((gone[0] as any).incident.id, opened.id)
    // still listed but now resolved
    const resolved = decode(summary({ incidents: [publicIncident({ status: "resolved" })] }))
    assert.deepStrictEqual(
      StatusPageWatcher.diff(c, resolved).map((e) => e._tag),
      ["IncidentResolved"]
    )
    assert.deepStrictEqual(StatusPageWatcher.diff(c, c), [])
  })

  it("diff: maintenances started and ended", () => {
    const scheduled = decode(summary({ scheduled_maintenances: [publicMaintenance()] }))
    const active = decode(summary({ scheduled_maintenances: [publicMaintenance({ status: "in_progress" })] }))
    const verifying = decode(summary({ scheduled_maintenances: [publicMaintenance({ status: "verifying" })] }))
    const completed = decode(summary({ scheduled_maintenances: [publicMaintenance({ status: "completed" })] }))
    const none = decode(summary())
    assert.deepStrictEqual(
      StatusPageWatcher.diff(scheduled, active).map((e) => e._tag),
      ["MaintenanceStarted"]
    )
    assert.deepStrictEqual(StatusPageWatcher.diff(active, verifying), [])
    assert.deepStrictEqual(
      StatusPageWatcher.diff(verifying, completed).map((e) => e._tag),
      ["MaintenanceEnded"]
    )
    assert.deepStrictEqual(
      StatusPageWatcher.diff(active, none).map((e) => e._tag),
      ["MaintenanceEnded"]
    )
    assert.deepStrictEqual(
      StatusPageWatcher.diff(none, active).map((e) => e._tag),
      ["MaintenanceStarted"]
    )
    assert.deepStrictEqual(StatusPageWatcher.diff(none, scheduled), [])
  })
})
