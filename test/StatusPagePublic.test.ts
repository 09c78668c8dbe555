import { assert, describe, it } from "@effect/vitest"
import { Policies, StatusPagePublic } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import {
  groupRow,
  incidentUpdate,
  publicComponent,
  publicIncident,
  publicMaintenance,
  publicPage,
  summary
} from "./support/publicFixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"

const KEY = "pk-private-51c0ffee"

const run = <A, E>(
  call: (client: StatusPagePublic.Client) => Effect.Effect<A, E, any>,
  answer: Parameters<typeof RecordingHttpClient.make>[0],
  options: Partial<StatusPagePublic.Options> = {}
) =>
  Effect.gen(function* () {
    const http = RecordingHttpClient.make(answer)
    const client = yield* StatusPagePublic.make({ baseUrl: "https://www.githubstatus.com", ...options })
    const result = yield* Effect.either(Effect.provide(call(client), http.layer))
    return { result, requests: http.requests }
  })

describe("StatusPagePublic", () => {
  it.effect("each endpoint GETs its documented /api/v2 URL without a key", () =>
    Effect.gen(function* () {
      const cases: Array<[(c: StatusPagePublic.Client) => Effect.Effect<unknown, unknown, any>, string, unknown]> = [
        [(c) => c.summary(), "/api/v2/summary.json", summary()],
        [(c) => c.status(), "/api/v2/status.json", { page: publicPage(), status: summary().status }],
        [(c) => c.components(), "/api/v2/components.json", { page: publicPage(), components: [] }],
        [(c) => c.incidents(), "/api/v2/incidents.json", { page: publicPage(), incidents: [] }],
        [(c) => c.unresolvedIncidents(), "/api/v2/incidents/unresolved.json", { page: publicPage(), incidents: [] }],
        [
          (c) => c.scheduledMaintenances(),
          "/api/v2/scheduled-maintenances.json",
          { page: publicPage(), scheduled_maintenances: [] }
        ],
        [
          (c) => c.upcomingMaintenances(),
          "/api/v2/scheduled-maintenances/upcoming.json",
          { page: publicPage(), scheduled_maintenances: [] }
        ],
        [
          (c) => c.activeMaintenances(),
          "/api/v2/scheduled-maintenances/active.json",
          { page: publicPage(), scheduled_maintenances: [] }
        ]
      ]
      for (const [call, target, body] of cases) {
        const { result, requests } = yield* run(call, [{ body }])
        assert.isTrue(Either.isRight(result), target)
        assert.strictEqual(requests.length, 1)
        assert.strictEqual(requests[0]!.method, "GET")
        assert.strictEqual(requests[0]!.url.origin, "https://www.githubstatus.com")
        assert.strictEqual(requests[0]!.target, target)
        assert.strictEqual(requests[0]!.headers.accept, "application/json")
        assert.isUndefined(requests[0]!.headers.authorization)
      }
    })
  )

  it.effect("accepts a base URL given with /api/v2 and a trailing slash", () =>
    Effect.gen(function* () {
      const { requests } = yield* run((c) => c.status(), [{ body: { page: publicPage(), status: summary().status } }], {
        baseUrl: "https://status.example.com/api/v2/"
      })
      assert.strictEqual(requests[0]!.url.href, "https://status.example.com/api/v2/status.json")
    })
  )

  it.effect("a private page's key is sent as the Authorization header and scrubbed from errors", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        (c) => c.summary(),
        [{ status: 500, body: { error: `bad key ${KEY}` } }],
        { apiKey: KEY }
      )
      assert.strictEqual(requests[0]!.headers.authorization, `OAuth ${KEY}`)
      assert.isFalse(requests[0]!.url.href.includes(KEY))
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        assert.strictEqual(result.left._tag, "ServerError")
        assert.isFalse(JSON.stringify(result.left).includes(KEY))
        assert.isFalse(String(result.left).includes(KEY))
      }
    })
  )

  it.effect("the client object does not show the key when printed", () =>
    Effect.gen(function* () {
      const client = yield* StatusPagePublic.make({ baseUrl: "https://status.example.com", apiKey: KEY })
      assert.isFalse(JSON.stringify(client).includes(KEY))
      assert.isFalse(String(Object.values(client)).includes(KEY))
    })
  )

  it.effect("decodes a summary with local offsets, nulls, group rows, an incident and a maintenance", () =>
    Effect.gen(function* () {
      const body = summary({
        status: { indicator: "maintenance", description: "Service Under Maintenance" },
        components: [
          publicComponent({ group_id: "grp0000001", status: "under_maintenance" }),
          groupRow(["8l4ygp009s5s"], { status: "under_maintenance" })
        ],
        incidents: [publicIncident({ incident_updates: [incidentUpdate({ affected_components: null })] })],
        scheduled_maintenances: [publicMaintenance({ status: "in_progress" })]
      })
      const { result } = yield* run((c) => c.summary(), [{ body }])
      assert.isTrue(Either.isRight(result))
      if (Either.isRight(result)) {
        const s = result.right
        assert.strictEqual(s.status.indicator, "maintenance")
        assert.strictEqual(s.page.updated_at, "2024-05-14T14:22:39.441-06:00")
        assert.deepStrictEqual(s.components[1]!.components, ["8l4ygp009s5s"])
        assert.isTrue(s.components[1]!.group)
        assert.strictEqual(s.components[0]!.group_id, "grp0000001")
        assert.isNull(s.components[0]!.start_date)
        assert.isNull(s.incidents[0]!.incident_updates[0]!.affected_components)
        assert.isNull(s.incidents[0]!.resolved_at)
        assert.strictEqual(s.scheduled_maintenances[0]!.status, "in_progress")
        assert.strictEqual(s.scheduled_maintenances[0]!.scheduled_for, "2024-05-20T02:00:00.000+02:00")
      }
    })
  )

  it.effect("decodes incidents in postmortem and older payloads lacking newer fields", () =>
    Effect.gen(function* () {
      const { time_zone: _tz, ...oldPage } = publicPage()
      const { showcase: _s, only_show_if_degraded: _o, start_date: _d, ...oldComponent } = publicComponent()
      const {
        started_at: _st,
        components: _c,
        ...oldIncident
      } = publicIncident({
        status: "postmortem",
        resolved_at: "2024-05-14T16:00:00-06:00",
        incident_updates: [incidentUpdate({ status: "postmortem", affected_components: null })],
        unknown_new_field: { anything: 1 }
      })
      const { result } = yield* run(
        (c) => c.incidents(),
        [{ body: { page: oldPage, incidents: [{ ...oldIncident, components: [oldComponent] }] } }]
      )
      assert.isTrue(Either.isRight(result))
      if (Either.isRight(result)) {
        const incident = result.right.incidents[0]!
        assert.strictEqual(incident.status, "postmortem")
        assert.isUndefined(incident.started_at)
        assert.isFalse("unknown_new_field" in incident)
        assert.isUndefined(result.right.page.time_zone)
        assert.isUndefined(incident.components![0]!.showcase)
      }
    })
  )

  it.effect("a drifted body is a ServerError naming the field", () =>
    Effect.gen(function* () {
      const body = summary({ status: { indicator: "purple", description: "?" } })
      const { result } = yield* run((c) => c.summary(), [{ body }])
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        const error = result.left
        assert.strictEqual(error._tag, "ServerError")
        if (error._tag === "ServerError") {
          assert.strictEqual(error.reason, "Decode")
          assert.strictEqual(error.path, "status.indicator")
          assert.strictEqual(error.urlTemplate, "/api/v2/summary.json")
        }
      }
    })
  )

  it.effect("statuses map to the same tagged errors as the Manage API", () =>
    Effect.gen(function* () {
      const notFound = yield* run((c) => c.status(), [{ status: 404, body: "<html><title>Not found</title></html>" }])
      assert.isTrue(Either.isLeft(notFound.result))
      if (Either.isLeft(notFound.result)) {
        assert.strictEqual(notFound.result.left._tag, "ResourceError")
        assert.strictEqual(notFound.result.left.reason, "NotFound")
        assert.strictEqual(notFound.result.left.httpStatus, 404)
        assert.strictEqual(notFound.result.left.method, "GET")
      }
      const limited = yield* run((c) => c.status(), [{ status: 429, headers: { "retry-after": "7" } }])
      assert.isTrue(Either.isLeft(limited.result))
      if (Either.isLeft(limited.result) && limited.result.left._tag === "RateLimitError") {
        assert.strictEqual(limited.result.left.retryAfterMillis, 7000)
      } else {
        assert.fail("expected a RateLimitError")
      }
    })
  )

  it.effect("base URLs are validated like StatusPageConfig's", () =>
    Effect.gen(function* () {
      const plain = yield* Effect.either(StatusPagePublic.make({ baseUrl: "http://www.githubstatus.com" }))
      assert.isTrue(Either.isLeft(plain))
      if (Either.isLeft(plain)) {
        assert.strictEqual(plain.left._tag, "ConfigurationError")
        assert.strictEqual(plain.left.reason, "Invalid")
      }
      const notUrl = yield* Effect.either(StatusPagePublic.make({ baseUrl: "githubstatus" }))
      assert.isTrue(Either.isLeft(notUrl))
      const loopback = yield* StatusPagePublic.make({ baseUrl: "http://127.0.0.1:8080/" })
      assert.strictEqual(loopback.baseUrl, "http://127.0.0.1:8080")
    })
  )

  it.effect("the policy layers wrap its HttpClient like the Manage API's: a 503 is retried", () =>
    Effect.gen(function* () {
      const http = RecordingHttpClient.make([
        { status: 503 },
        { body: { page: publicPage(), status: summary().status } }
      ])
      const client = yield* StatusPagePublic.make({ baseUrl: "https://www.githubstatus.com" })
      const policies = Policies.layer({ rateLimit: false }).pipe(Layer.provide(http.layer))
      const fiber = yield* Effect.fork(Effect.provide(client.status(), policies))
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.status.indicator, "none")
      assert.strictEqual(http.requests.length, 2)
    })
  )
})
