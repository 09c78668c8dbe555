/**
 * One suite of behaviour for the fake Statuspage, run against any way of reaching it (in-process, or over real
 * HTTP on loopback). Each test gets a fresh fake from `makeLayer`. Expected statuses and bodies are stated from the
 * API digest, not read back from our declarations.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import {
  Components,
  IncidentPostmortems,
  Incidents,
  IncidentTemplates,
  IncidentUpdates,
  Metrics,
  MetricsProviders,
  PageAccessGroups,
  PageAccessUsers,
  Permissions,
  StatusPageConfig,
  Subscribers,
  Users
} from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"

export type FakeLayer = Layer.Layer<
  StatusPageTest.FakeStatusPage | HttpClient.HttpClient | StatusPageConfig.StatusPageConfig,
  unknown
>

type Env = StatusPageTest.FakeStatusPage | HttpClient.HttpClient | StatusPageConfig.StatusPageConfig

const STATUSPAGE_ID = /^[a-z0-9]{12}$/
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** Sends a hand-written request to the fake (path below the API root), as another client would. */
export const raw = (
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  options: { body?: string; contentType?: string; key?: string | null } = {}
) =>
  Effect.gen(function* () {
    const config = yield* StatusPageConfig.StatusPageConfig
    const client = yield* HttpClient.HttpClient
    const key = options.key === undefined ? Redacted.value(config.apiKey) : options.key
    let request = HttpClientRequest.make(method)(
      config.baseUrl + path.replaceAll("{page_id}", Option.getOrThrow(config.pageId))
    )
    if (key !== null) request = HttpClientRequest.setHeader(request, "authorization", `OAuth ${key}`)
    if (options.body !== undefined) {
      request = HttpClientRequest.bodyText(request, options.body, options.contentType ?? "application/json")
    }
    const response = yield* client.execute(request)
    const text = yield* response.text
    return { status: response.status, headers: response.headers, json: text === "" ? undefined : JSON.parse(text) }
  })

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(effect) as Effect.Effect<any, A, R>

export const fakeSuite = (name: string, makeLayer: () => FakeLayer) => {
  const test = (title: string, body: () => Effect.Effect<unknown, unknown, Env>) =>
    it.effect(title, () => Effect.provide(body(), makeLayer()) as Effect.Effect<unknown, unknown, never>)

  describe(`fake Statuspage (${name})`, () => {
    describe("components", () => {
      test("create, get, update, list and delete round-trip with Statuspage-style ids and timestamps", () =>
        Effect.gen(function* () {
          const api = yield* Components.create({ name: "API", status: "major_outage", description: "public API" })
          const web = yield* Components.create({ name: "Web" })
          assert.match(api.id, STATUSPAGE_ID)
          assert.match(web.id, STATUSPAGE_ID)
          assert.notStrictEqual(api.id, web.id)
          assert.match(api.created_at, ISO)
          assert.strictEqual(api.updated_at, api.created_at)
          assert.strictEqual(api.page_id, (yield* StatusPageTest.FakeStatusPage).pageId)
          assert.deepStrictEqual([api.status, web.status], ["major_outage", "operational"])
          assert.deepStrictEqual([api.position, web.position], [1, 2])
          assert.strictEqual(web.description, null)
          assert.strictEqual(web.group_id, null)

          assert.deepStrictEqual(yield* Components.get(api.id), api)
          const updated = yield* Components.update(api.id, { status: "operational", name: "Public API" })
          assert.strictEqual(updated.status, "operational")
          assert.strictEqual(updated.name, "Public API")
          assert.strictEqual(updated.description, "public API")

          const listed = yield* Components.list()
          assert.deepStrictEqual(
            listed.map((c) => c.name),
            ["Public API", "Web"]
          )

          yield* Components.delete(web.id)
          const gone = yield* failure(Components.get(web.id))
          assert.strictEqual(gone._tag, "ResourceError")
          assert.strictEqual(gone.reason, "NotFound")
          assert.strictEqual(gone.httpStatus, 404)
          assert.deepStrictEqual(
            (yield* Components.list()).map((c) => c.id),
            [api.id]
          )
        }))

      test("pages with page and per_page, and serves at most 100 per page", () =>
        Effect.gen(function* () {
          for (let i = 1; i <= 105; i++) yield* Components.create({ name: `c${i}` })
          const third = yield* Components.list({ page: 3, per_page: 2 })
          assert.deepStrictEqual(
            third.map((c) => c.name),
            ["c5", "c6"]
          )
          assert.strictEqual((yield* Components.list({ page: 2, per_page: 100 })).length, 5)
          assert.strictEqual((yield* Components.list()).length, 100)
          const capped = yield* raw("GET", "/pages/{page_id}/components?per_page=500")
          assert.strictEqual(capped.status, 200)
          assert.strictEqual(capped.json.length, 100)
          assert.strictEqual((yield* Components.list({ page: 3, per_page: 100 })).length, 0)
        }))

      test("an unknown group id is a 422", () =>
        Effect.gen(function* () {
          const error = yield* failure(Components.create({ name: "API", group_id: "nosuchgroup1" }))
          assert.strictEqual(error._tag, "ResourceError")
          assert.strictEqual(error.reason, "Unprocessable")
          assert.strictEqual(error.httpStatus, 422)
        }))
    })

    describe("incidents", () => {
      test("an incident moves its components and appends an update on each status or body change", () =>
        Effect.gen(function* () {
          const api = yield* Components.create({ name: "API" })
          const db = yield* Components.create({ name: "Database" })
          const opened = yield* Incidents.create({
            name: "Elevated errors",
            body: "We are looking into it",
            components: { [api.id]: "major_outage", [db.id]: "major_outage" }
          })
          assert.match(opened.id, STATUSPAGE_ID)
          assert.strictEqual(opened.status, "investigating")
          assert.strictEqual(opened.impact, "critical")
          assert.deepStrictEqual(
            opened.components.map((c) => [c.id, c.status]),
            [
              [api.id, "major_outage"],
              [db.id, "major_outage"]
            ]
          )
          assert.strictEqual(opened.incident_updates.length, 1)
          assert.deepStrictEqual(
            opened.incident_updates[0]!.affected_components?.map((a) => [a.code, a.old_status, a.new_status]),
            [
              [api.id, "operational", "major_outage"],
              [db.id, "operational", "major_outage"]
            ]
          )
          assert.strictEqual((yield* Components.get(api.id)).status, "major_outage")

          yield* Incidents.update(opened.id, { status: "identified", body: "A bad deploy" })
          yield* Incidents.update(opened.id, { name: "Elevated API errors" })
          yield* Incidents.update(opened.id, { status: "monitoring", components: { [db.id]: "operational" } })
          const resolved = yield* Incidents.update(opened.id, {
            status: "resolved",
            body: "Fixed",
            components: { [api.id]: "operational" }
          })
          assert.deepStrictEqual(
            resolved.incident_updates.map((u) => u.status),
            ["resolved", "monitoring", "identified", "investigating"]
          )
          assert.strictEqual(resolved.name, "Elevated API errors")
          assert.isString(resolved.resolved_at)
          assert.isString(resolved.monitoring_at)
          assert.strictEqual((yield* Components.get(api.id)).status, "operational")
          assert.deepStrictEqual(yield* Incidents.listUnresolved(), [])

          const update = resolved.incident_updates[0]!
          const edited = yield* IncidentUpdates.update(opened.id, update.id, { body: "Fixed for good" })
          assert.strictEqual(edited.body, "Fixed for good")
          assert.strictEqual((yield* Incidents.get(opened.id)).incident_updates[0]!.body, "Fixed for good")
        }))

      test("scheduled maintenances: upcoming, then in progress, then completed", () =>
        Effect.gen(function* () {
          const db = yield* Components.create({ name: "Database" })
          const now = yield* Clock.currentTimeMillis
          const window = {
            scheduled_for: new Date(now + 3_600_000).toISOString(),
            scheduled_until: new Date(now + 7_200_000).toISOString()
          }
          const planned = yield* Incidents.createScheduled({
            name: "Database upgrade",
            ...window,
            component_ids: [db.id]
          })
          assert.strictEqual(planned.status, "scheduled")
          assert.strictEqual(planned.impact, "maintenance")
          assert.strictEqual(planned.scheduled_for, window.scheduled_for)
          const ids = (list: ReadonlyArray<{ readonly id: string }>) => list.map((i) => i.id)
          assert.deepStrictEqual(ids(yield* Incidents.listScheduled()), [planned.id])
          assert.deepStrictEqual(ids(yield* Incidents.listUpcoming()), [planned.id])
          assert.deepStrictEqual(yield* Incidents.listActiveMaintenance(), [])
          yield* Incidents.update(planned.id, { status: "in_progress", components: { [db.id]: "under_maintenance" } })
          assert.deepStrictEqual(ids(yield* Incidents.listActiveMaintenance()), [planned.id])
          assert.deepStrictEqual(yield* Incidents.listUpcoming(), [])
          assert.strictEqual((yield* Components.get(db.id)).status, "under_maintenance")
          const done = yield* Incidents.update(planned.id, {
            status: "completed",
            components: { [db.id]: "operational" }
          })
          assert.isString(done.resolved_at)
          assert.deepStrictEqual(yield* Incidents.listActiveMaintenance(), [])
          assert.deepStrictEqual(yield* Incidents.listUnresolved(), [])
        }))

      test("a component the page does not have is a 422; an unknown incident a 404", () =>
        Effect.gen(function* () {
          const error = yield* failure(Incidents.create({ name: "x", components: { nosuchthing1: "major_outage" } }))
          assert.strictEqual(error.reason, "Unprocessable")
          assert.strictEqual((yield* failure(Incidents.get("nosuchthing1"))).reason, "NotFound")
          assert.deepStrictEqual(yield* Incidents.list(), [])
        }))

      test("postmortems: draft, publish, revert, delete, mirrored on the incident", () =>
        Effect.gen(function* () {
          const incident = yield* Incidents.create({ name: "Outage", status: "resolved" })
          assert.strictEqual((yield* failure(IncidentPostmortems.get(incident.id))).reason, "NotFound")
          const draft = yield* IncidentPostmortems.saveDraft(incident.id, { body_draft: "What happened" })
          assert.strictEqual(draft.body_draft, "What happened")
          assert.strictEqual(draft.published_at, null)
          const published = yield* IncidentPostmortems.publish(incident.id, { notify_subscribers: true })
          assert.strictEqual(published.body, "What happened")
          assert.isString(published.published_at)
          const mirrored = yield* Incidents.get(incident.id)
          assert.strictEqual(mirrored.postmortem_body, "What happened")
          assert.strictEqual(mirrored.postmortem_published_at, published.published_at)
          assert.isTrue(mirrored.postmortem_notified_subscribers)
          assert.strictEqual((yield* IncidentPostmortems.revert(incident.id)).published_at, null)
          yield* IncidentPostmortems.delete(incident.id)
          assert.strictEqual((yield* failure(IncidentPostmortems.get(incident.id))).reason, "NotFound")
        }))

      test("lists: limit dialect for incidents, page dialect for the filtered lists, q searches", () =>
        Effect.gen(function* () {
          for (let i = 1; i <= 5; i++)
            yield* Incidents.create({ name: `incident ${i}`, body: i === 3 ? "disk full" : "" })
          const second = yield* Incidents.list({ limit: 2, page: 2 })
          // newest first
          assert.deepStrictEqual(
            second.map((i) => i.name),
            ["incident 3", "incident 2"]
          )
          assert.deepStrictEqual(
            (yield* Incidents.list({ q: "disk" })).map((i) => i.name),
            ["incident 3"]
          )
          assert.strictEqual((yield* Incidents.listUnresolved({ page: 2, per_page: 3 })).length, 2)
          const capped = yield* raw("GET", "/pages/{page_id}/incidents?limit=1000")
          assert.strictEqual(capped.status, 200)
          assert.strictEqual(capped.json.length, 5)
          const template = yield* IncidentTemplates.create({ name: "DB", title: "Database issues", body: "Looking" })
          assert.deepStrictEqual(
            (yield* IncidentTemplates.list()).map((t) => t.id),
            [template.id]
          )
        }))
    })

    describe("metrics", () => {
      test("points snap to 30-second slots, the last write in a slot wins, and backfill stops at 28 days", () =>
        Effect.gen(function* () {
          const provider = yield* MetricsProviders.create({ type: "Self" })
          const metric = yield* Metrics.create(provider.id, { name: "Latency" })
          assert.strictEqual(metric.most_recent_data_at, null)
          // the fake reads the same Clock as the test (TestClock, in both modes)
          yield* TestClock.setTime(Date.UTC(2024, 5, 7, 12, 0, 7))
          const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
          const t = now - (now % 30) - 600
          const stored = yield* Metrics.submitBulkData({
            [metric.id]: [
              { timestamp: t + 5, value: 1 },
              { timestamp: t + 29, value: 2 },
              { timestamp: t + 31, value: 3 }
            ]
          })
          assert.deepStrictEqual(stored[metric.id], [
            { timestamp: t, value: 1 },
            { timestamp: t, value: 2 },
            { timestamp: t + 30, value: 3 }
          ])
          const single = yield* Metrics.submitData(metric.id, { timestamp: t + 61, value: 4 })
          assert.deepStrictEqual(single.data, { timestamp: t + 60, value: 4 })
          assert.strictEqual(
            (yield* Metrics.get(metric.id)).most_recent_data_at,
            new Date((t + 60) * 1000).toISOString()
          )
          const old = yield* failure(Metrics.submitData(metric.id, { timestamp: t - 29 * 24 * 3600, value: 1 }))
          assert.strictEqual(old.reason, "Unprocessable")
          const unknown = yield* failure(Metrics.submitBulkData({ nosuchmetric: [{ timestamp: t, value: 1 }] }))
          assert.strictEqual(unknown.reason, "NotFound")
          assert.deepStrictEqual(
            (yield* Metrics.listForProvider(provider.id)).map((m) => m.id),
            [metric.id]
          )
          yield* MetricsProviders.delete(provider.id)
          assert.deepStrictEqual(yield* Metrics.list(), [])
        }))
    })

    describe("subscribers", () => {
      test("the offset dialect: page counts from 0 in steps of limit", () =>
        Effect.gen(function* () {
          for (let i = 1; i <= 5; i++) {
            yield* Subscribers.create({ email: `s${i}@example.com`, skip_confirmation_notification: true })
          }
          const emails = (list: ReadonlyArray<{ readonly email?: string | null }>) => list.map((s) => s.email)
          const first = emails(yield* Subscribers.list({ limit: 2, page: 0 }))
          const second = emails(yield* Subscribers.list({ limit: 2, page: 1 }))
          const third = emails(yield* Subscribers.list({ limit: 2, page: 2 }))
          assert.strictEqual(first.length, 2)
          assert.strictEqual(second.length, 2)
          assert.strictEqual(third.length, 1)
          assert.sameMembers(
            [...first, ...second, ...third],
            ["s1@example.com", "s2@example.com", "s3@example.com", "s4@example.com", "s5@example.com"]
          )
          assert.strictEqual((yield* Subscribers.list({ limit: 2, page: 3 })).length, 0)
          const capped = yield* raw("GET", "/pages/{page_id}/subscribers?limit=500&page=0")
          assert.strictEqual(capped.status, 200)
          assert.strictEqual(capped.json.length, 5)
        }))
    })

    describe("page access", () => {
      test("users and groups: membership on both sides; POST replaces a set, PATCH adds, DELETE removes", () =>
        Effect.gen(function* () {
          const api = yield* Components.create({ name: "API" })
          const web = yield* Components.create({ name: "Web" })
          const ops = yield* PageAccessGroups.create({ name: "Ops", component_ids: [api.id] })
          const ana = yield* PageAccessUsers.create({ email: "ana@example.com", page_access_group_ids: [ops.id] })
          assert.deepStrictEqual(ana.page_access_group_ids, [ops.id])
          assert.deepStrictEqual((yield* PageAccessGroups.get(ops.id)).page_access_user_ids, [ana.id])
          const taken = yield* failure(PageAccessUsers.create({ email: "ana@example.com" }))
          assert.strictEqual(taken.reason, "Conflict")
          assert.strictEqual(taken.httpStatus, 409)

          const names = (list: ReadonlyArray<{ readonly name: string }>) => list.map((c) => c.name)
          yield* PageAccessUsers.setComponents(ana.id, { component_ids: [api.id] })
          yield* PageAccessUsers.addComponents(ana.id, { component_ids: [web.id] })
          assert.deepStrictEqual(names(yield* PageAccessUsers.listComponents(ana.id)), ["API", "Web"])
          yield* PageAccessUsers.setComponents(ana.id, { component_ids: [web.id] })
          assert.deepStrictEqual(names(yield* PageAccessUsers.listComponents(ana.id)), ["Web"])
          // DELETE on the same path, with a body and without: the fake tells them apart as Statuspage does
          yield* PageAccessUsers.addComponents(ana.id, { component_ids: [api.id] })
          yield* PageAccessUsers.removeComponents(ana.id, { component_ids: [api.id] })
          assert.deepStrictEqual(names(yield* PageAccessUsers.listComponents(ana.id)), ["Web"])
          yield* PageAccessUsers.removeAllComponents(ana.id)
          assert.deepStrictEqual(yield* PageAccessUsers.listComponents(ana.id), [])
          const missing = yield* failure(PageAccessUsers.addComponents(ana.id, { component_ids: ["nosuchthing1"] }))
          assert.strictEqual(missing.reason, "NotFound")

          yield* Components.addPageAccessGroups(web.id, { page_access_group_ids: [ops.id] })
          assert.deepStrictEqual(names(yield* PageAccessGroups.listComponents(ops.id)), ["API", "Web"])
          // the one form-encoded body of the API
          yield* Components.addPageAccessUsers(api.id, { page_access_user_ids: [ana.id] })
          assert.deepStrictEqual(names(yield* PageAccessUsers.listComponents(ana.id)), ["API"])
          const log = yield* (yield* StatusPageTest.FakeStatusPage).requests
          assert.deepStrictEqual(log.at(-2)?.body, { "page_access_user_ids[]": ana.id })

          yield* PageAccessGroups.delete(ops.id)
          assert.deepStrictEqual((yield* PageAccessUsers.get(ana.id)).page_access_group_ids, [])
          yield* PageAccessUsers.delete(ana.id)
          assert.strictEqual((yield* failure(PageAccessUsers.get(ana.id))).reason, "NotFound")
        }))
    })

    describe("organization users and permissions", () => {
      test("a new user reaches every page; a PUT of permissions replaces the access", () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const bo = yield* Users.create({ email: "bo@example.com", first_name: "Bo" })
          assert.strictEqual(bo.organization_id, fake.organizationId)
          assert.strictEqual(bo.last_name, null)
          assert.strictEqual((yield* failure(Users.create({ email: "bo@example.com" }))).reason, "Unprocessable")
          assert.deepStrictEqual((yield* Permissions.get(bo.id)).data.pages, [{ page_id: fake.pageId }])
          const replaced = yield* Permissions.replace(bo.id, { pages: { [fake.pageId]: { incident_manager: true } } })
          assert.deepStrictEqual(replaced.data.pages, [{ page_id: fake.pageId, incident_manager: true }])
          assert.deepStrictEqual(
            (yield* Users.list()).map((u) => u.email),
            ["bo@example.com"]
          )
          yield* Users.delete(bo.id)
          assert.strictEqual((yield* failure(Permissions.get(bo.id))).reason, "NotFound")
        }))
    })

    describe("errors as Statuspage gives them", () => {
      test("a wrong or missing key is a 401 with an error body", () =>
        Effect.gen(function* () {
          const wrong = yield* raw("GET", "/pages/{page_id}/components", { key: "not-the-key" })
          assert.strictEqual(wrong.status, 401)
          assert.isString(wrong.json.error)
          const missing = yield* raw("GET", "/pages/{page_id}/components", { key: null })
          assert.strictEqual(missing.status, 401)
          const config = yield* StatusPageConfig.StatusPageConfig
          const error = yield* failure(
            Components.list().pipe(
              Effect.provideService(StatusPageConfig.StatusPageConfig, { ...config, apiKey: Redacted.make("wrong") })
            )
          )
          assert.strictEqual(error._tag, "RequestError")
          assert.strictEqual(error.reason, "Unauthorized")
        }))

      test("malformed JSON and a missing envelope are 400s; an invalid attribute is a 422 naming it", () =>
        Effect.gen(function* () {
          const malformed = yield* raw("POST", "/pages/{page_id}/components", { body: '{"component": {"name": ' })
          assert.strictEqual(malformed.status, 400)
          assert.isString(malformed.json.error)
          const noEnvelope = yield* raw("POST", "/pages/{page_id}/components", { body: '{"name": "API"}' })
          assert.strictEqual(noEnvelope.status, 400)
          assert.include(noEnvelope.json.error, "component")
          const invalid = yield* raw("POST", "/pages/{page_id}/components", {
            body: '{"component": {"name": "API", "status": "down"}}'
          })
          assert.strictEqual(invalid.status, 422)
          assert.include(JSON.stringify(invalid.json.error), "status")
          assert.deepStrictEqual(yield* Components.list(), [])
        }))

      test("unknown ids, pages and paths are 404s; a known path with another method is a 405", () =>
        Effect.gen(function* () {
          const missing = yield* failure(Components.update("abcdefghijkl", { name: "x" }))
          assert.strictEqual(missing.reason, "NotFound")
          const otherPage = yield* failure(Components.list({}, { pageId: "notmypage123" }))
          assert.strictEqual(otherPage.reason, "NotFound")
          assert.strictEqual((yield* raw("GET", "/pages/{page_id}/nothing-here")).status, 404)
          assert.strictEqual((yield* raw("PUT", "/pages/{page_id}/components")).status, 405)
        }))

      test("accepts the `.json` suffix and the api_key query parameter", () =>
        Effect.gen(function* () {
          yield* Components.create({ name: "API" })
          const suffixed = yield* raw("GET", "/pages/{page_id}/components.json")
          assert.strictEqual(suffixed.status, 200)
          assert.strictEqual(suffixed.json[0].name, "API")
          const fake = yield* StatusPageTest.FakeStatusPage
          const byQuery = yield* raw("GET", `/pages/{page_id}/components?api_key=${fake.apiKey}`, { key: null })
          assert.strictEqual(byQuery.status, 200)
          const log = yield* fake.requests
          assert.isFalse(JSON.stringify(log).includes(fake.apiKey))
        }))
    })

    describe("knobs", () => {
      test("the request log records method, URL, endpoint, body and status, never the key", () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const api = yield* Components.create({ name: "API" })
          yield* Effect.ignore(Components.get("nosuchthing1"))
          const log = yield* fake.requests
          assert.strictEqual(log.length, 2)
          assert.strictEqual(log[0]!.method, "POST")
          assert.strictEqual(log[0]!.url, `/v1/pages/${fake.pageId}/components`)
          assert.strictEqual(log[0]!.endpoint, "components.create")
          assert.deepStrictEqual(log[0]!.body, { component: { name: "API" } })
          assert.strictEqual(log[0]!.status, 201)
          assert.strictEqual(log[1]!.status, 404)
          assert.isFalse(JSON.stringify(log).includes(fake.apiKey))
          const state = yield* fake.state
          assert.deepStrictEqual(
            (state.components as ReadonlyArray<{ id: string }>).map((c) => c.id),
            [api.id]
          )
          yield* fake.clearRequests
          assert.strictEqual((yield* fake.requests).length, 0)
        }))

      test("a rate limit answers 420 (or 429) with Retry-After once the window is full", () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          yield* fake.setRateLimit({ limit: 3, window: "60 seconds" })
          for (let i = 0; i < 3; i++) yield* Components.list()
          const limited = yield* raw("GET", "/pages/{page_id}/components")
          assert.strictEqual(limited.status, 420)
          const retryAfter = Number(limited.headers["retry-after"])
          assert.isTrue(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`)
          const error = yield* failure(Components.list())
          assert.strictEqual(error._tag, "RateLimitError")
          assert.isTrue(error.retryAfterMillis > 0 && error.retryAfterMillis <= 60_000)
          yield* fake.setRateLimit({ limit: 1, window: "60 seconds", status: 429 })
          yield* Components.list()
          assert.strictEqual((yield* raw("GET", "/pages/{page_id}/components")).status, 429)
        }))

      test("injected answers replace the next N requests, then the fake answers normally", () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          yield* fake.failNext({ status: 503, body: { error: "maintenance" }, times: 2 })
          const first = yield* failure(Components.list())
          assert.strictEqual(first._tag, "ServerError")
          assert.strictEqual(first.httpStatus, 503)
          assert.strictEqual((yield* failure(Components.create({ name: "API" }))).httpStatus, 503)
          assert.deepStrictEqual(yield* Components.list(), [])
          yield* fake.failNext({ status: 429, headers: { "retry-after": "7" } })
          const limited = yield* failure(Components.list())
          assert.strictEqual(limited._tag, "RateLimitError")
          assert.strictEqual(limited.retryAfterMillis, 7000)
        }))

      test("a connection dropped before the handler changes nothing; after it, the change is made", () =>
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          yield* fake.dropNext({ when: "before" })
          const before = yield* failure(Components.create({ name: "Lost" }))
          assert.strictEqual(before._tag, "RequestError")
          assert.strictEqual(before.reason, "OutcomeUnknown")
          assert.deepStrictEqual(yield* Components.list(), [])

          yield* fake.dropNext({ when: "after" })
          const after = yield* failure(Components.create({ name: "Made" }))
          assert.strictEqual(after.reason, "OutcomeUnknown")
          assert.deepStrictEqual(
            (yield* Components.list()).map((c) => c.name),
            ["Made"]
          )

          yield* fake.dropNext({ when: "before" })
          const read = yield* failure(Components.list())
          assert.strictEqual(read.reason, "Transport")
          const log = yield* fake.requests
          assert.deepStrictEqual(
            log.map((entry) => entry.dropped),
            ["before", undefined, "after", undefined, "before"]
          )
        }))
    })
  })
}
