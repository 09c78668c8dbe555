/**
 * Component groups, subscribers, incident subscribers and the status embed config end to end against the
 * in-process fake Statuspage. What each test expects (a group cannot be empty, subscriber states, bulk actions, 404
 * and 422 where the real API gives them) is stated from the API digest.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import {
  ComponentGroups,
  Components,
  IncidentSubscribers,
  Incidents,
  StatusEmbedConfig,
  type StatusPageConfig,
  Subscribers
} from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { raw } from "./support/fakeSuite.js"

type Env = StatusPageTest.FakeStatusPage | HttpClient.HttpClient | StatusPageConfig.StatusPageConfig

/** Runs `body` against a fresh in-process fake. */
const test = (title: string, body: () => Effect.Effect<unknown, unknown, Env>) =>
  it.effect(title, () => Effect.provide(body(), StatusPageTest.layer({ seed: "subscribers" })))

/** The error an effect fails with (the test fails if it succeeds). */
const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.flip(effect) as Effect.Effect<any, A, R>

const componentIds = (...names: Array<string>) =>
  Effect.forEach(names, (name) => Effect.map(Components.create({ name }), (c) => c.id))

const expectStatus = (error: any, tag: string, reason: string, httpStatus: number) => {
  assert.strictEqual(error._tag, tag)
  assert.strictEqual(error.reason, reason)
  assert.strictEqual(error.httpStatus, httpStatus)
}

describe("fake Statuspage: component groups", () => {
  test("a group gathers existing components, which point back at it", () =>
    Effect.gen(function* () {
      const [api, web, db] = yield* componentIds("API", "Web", "DB")
      const group = yield* ComponentGroups.create({ name: "Front", components: [api!, web!], description: "edge" })
      assert.deepStrictEqual(group.components, [api, web])
      assert.strictEqual(group.description, "edge")
      assert.strictEqual(group.name, "Front")
      assert.deepStrictEqual(yield* ComponentGroups.get(group.id), group)
      assert.deepStrictEqual(
        (yield* ComponentGroups.list()).map((g) => g.id),
        [group.id]
      )
      const rows = yield* Components.list()
      assert.deepStrictEqual(
        rows.map((c) => [c.name, c.group, c.group_id]),
        [
          ["API", false, group.id],
          ["Web", false, group.id],
          ["DB", false, null],
          ["Front", true, null]
        ]
      )
      assert.strictEqual((yield* Components.get(db!)).group_id, null)
    }))

  test("an empty group, an unknown member or a group as member is refused", () =>
    Effect.gen(function* () {
      const [api] = yield* componentIds("API")
      const empty = yield* raw("POST", "/pages/{page_id}/component-groups", {
        body: JSON.stringify({ component_group: { name: "Empty", components: [] } })
      })
      assert.strictEqual(empty.status, 422)
      assert.include(JSON.stringify(empty.json.error), "components")
      const unknown = yield* failure(ComponentGroups.create({ name: "G", components: [api!, "nosuchcompo1"] }))
      expectStatus(unknown, "ResourceError", "Unprocessable", 422)
      const group = yield* ComponentGroups.create({ name: "G", components: [api!] })
      const nested = yield* failure(ComponentGroups.create({ name: "H", components: [group.id] }))
      expectStatus(nested, "ResourceError", "Unprocessable", 422)
      assert.deepStrictEqual(
        (yield* ComponentGroups.list()).map((g) => g.components),
        [[api]]
      )
    }))

  test("update and replace set the members; a group emptied by a move is deleted", () =>
    Effect.gen(function* () {
      const [a, b, c] = yield* componentIds("A", "B", "C")
      const first = yield* ComponentGroups.create({ name: "First", components: [a!, b!] })
      const second = yield* ComponentGroups.create({ name: "Second", components: [c!] })

      const patched = yield* ComponentGroups.update(first.id, { name: "First!", components: [a!], description: "d" })
      assert.deepStrictEqual([patched.name, patched.components, patched.description], ["First!", [a], "d"])
      assert.strictEqual((yield* Components.get(b!)).group_id, null)

      // C moves to First: Second has no member left, so it goes
      const put = yield* ComponentGroups.replace(first.id, { name: "First!", components: [a!, c!] })
      assert.deepStrictEqual(put.components, [a, c])
      assert.strictEqual(put.description, "d")
      assert.strictEqual((yield* Components.get(c!)).group_id, first.id)
      expectStatus(yield* failure(ComponentGroups.get(second.id)), "ResourceError", "NotFound", 404)
    }))

  test("delete returns the group and leaves its members ungrouped; unknown groups are 404s", () =>
    Effect.gen(function* () {
      const [a, b] = yield* componentIds("A", "B")
      const group = yield* ComponentGroups.create({ name: "G", components: [a!, b!] })
      const deleted = yield* ComponentGroups.delete(group.id)
      assert.strictEqual(deleted.id, group.id)
      assert.deepStrictEqual(deleted.components, [a, b])
      expectStatus(yield* failure(ComponentGroups.get(group.id)), "ResourceError", "NotFound", 404)
      assert.deepStrictEqual(
        (yield* Components.list()).map((c) => [c.id, c.group_id]),
        [
          [a, null],
          [b, null]
        ]
      )
      // a component id is not a group id
      expectStatus(
        yield* failure(ComponentGroups.update(a!, { name: "x", components: [b!] })),
        "ResourceError",
        "NotFound",
        404
      )
      expectStatus(yield* failure(ComponentGroups.delete(group.id)), "ResourceError", "NotFound", 404)
    }))

  test("deleting the last member through Components deletes the group", () =>
    Effect.gen(function* () {
      const [a] = yield* componentIds("A")
      const group = yield* ComponentGroups.create({ name: "G", components: [a!] })
      yield* Components.delete(a!)
      expectStatus(yield* failure(ComponentGroups.get(group.id)), "ResourceError", "NotFound", 404)
    }))

  test("uptime counts the worst member's outage over the group's life; no showcase member is a 422", () =>
    Effect.gen(function* () {
      const [a, b] = yield* componentIds("A", "B")
      const group = yield* ComponentGroups.create({ name: "G", components: [a!, b!] })
      yield* TestClock.adjust("1 hour")
      yield* Components.update(a!, { status: "major_outage" })
      yield* TestClock.adjust("30 minutes")
      yield* Components.update(a!, { status: "operational" })
      yield* TestClock.adjust("30 minutes")
      const report = yield* ComponentGroups.uptime(group.id)
      assert.strictEqual(report.id, group.id)
      assert.strictEqual(report.major_outage, 1800)
      assert.strictEqual(report.partial_outage, 0)
      assert.strictEqual(report.uptime_percentage, 75)
      assert.deepStrictEqual(report.related_events, [
        { component_id: a, incidents: [] },
        { component_id: b, incidents: [] }
      ])

      const [c] = yield* componentIds("C")
      yield* Components.update(c!, { showcase: false })
      const hidden = yield* ComponentGroups.create({ name: "Hidden", components: [c!] })
      expectStatus(yield* failure(ComponentGroups.uptime(hidden.id)), "ResourceError", "Unprocessable", 422)
    }))
})

describe("fake Statuspage: subscribers", () => {
  test("email and SMS subscribers start unconfirmed unless confirmation is skipped; webhooks start active", () =>
    Effect.gen(function* () {
      const [api, web] = yield* componentIds("API", "Web")
      const email = yield* Subscribers.create({ email: "ops@example.com" })
      const sms = yield* Subscribers.create({ phone_number: "5555550100", phone_country: "US" })
      const hook = yield* Subscribers.create({ endpoint: "https://hooks.example.com/sp", email: "hooks@example.com" })
      const skip = yield* Subscribers.create({
        email: "boss@example.com",
        skip_confirmation_notification: true,
        component_ids: [web!]
      })
      assert.deepStrictEqual([email.mode, sms.mode, hook.mode, skip.mode], ["email", "sms", "webhook", "email"])
      assert.deepStrictEqual(email.components, [api, web])
      assert.deepStrictEqual(skip.components, [web])
      assert.strictEqual(sms.phone_country, "US")
      assert.strictEqual(hook.endpoint, "https://hooks.example.com/sp")

      const active = yield* Subscribers.list()
      assert.deepStrictEqual(active.map((s) => s.id).sort(), [hook.id, skip.id].sort())
      const unconfirmed = yield* Subscribers.list({ state: "unconfirmed" })
      assert.deepStrictEqual(unconfirmed.map((s) => s.id).sort(), [email.id, sms.id].sort())
      assert.strictEqual((yield* Subscribers.list({ state: "all" })).length, 4)
      assert.deepStrictEqual(yield* Subscribers.count({ state: "all" }), {
        email: 2,
        sms: 1,
        webhook: 1,
        integration_partner: 0,
        slack: 0
      })
      assert.deepStrictEqual(yield* Subscribers.count(), {
        email: 1,
        sms: 0,
        webhook: 1,
        integration_partner: 0,
        slack: 0
      })
      const histogram = yield* Subscribers.histogramByState()
      assert.deepStrictEqual(histogram.email, { active: 1, unconfirmed: 1, quarantined: 0, total: 2 })
      assert.deepStrictEqual(histogram.sms, { active: 0, unconfirmed: 1, quarantined: 0, total: 1 })
      assert.deepStrictEqual(histogram.slack, { active: 0, unconfirmed: 0, quarantined: 0, total: 0 })
    }))

  test("a taken email or an unknown component is a 422", () =>
    Effect.gen(function* () {
      yield* Subscribers.create({ email: "ops@example.com" })
      expectStatus(
        yield* failure(Subscribers.create({ email: "ops@example.com" })),
        "ResourceError",
        "Unprocessable",
        422
      )
      expectStatus(
        yield* failure(Subscribers.create({ email: "new@example.com", component_ids: ["nosuchcompo1"] })),
        "ResourceError",
        "Unprocessable",
        422
      )
      assert.strictEqual((yield* Subscribers.list({ state: "all" })).length, 1)
    }))

  test("list filters by type and q, sorts, and pages with a 0-based page and limit", () =>
    Effect.gen(function* () {
      for (const name of ["dora", "alice", "carol", "bob", "eve"]) {
        yield* Subscribers.create({ email: `${name}@example.com`, skip_confirmation_notification: true })
        yield* TestClock.adjust("1 minute")
      }
      yield* Subscribers.create({ endpoint: "https://alice.example.com/hook", email: "alice@example.com" })
      const emails = (subscribers: ReadonlyArray<Subscribers.Subscriber>) => subscribers.map((s) => s.email)
      assert.deepStrictEqual(emails(yield* Subscribers.list({ type: "email", limit: 2, page: 0 })), [
        "alice@example.com",
        "bob@example.com"
      ])
      assert.deepStrictEqual(emails(yield* Subscribers.list({ type: "email", limit: 2, page: 2 })), ["eve@example.com"])
      assert.deepStrictEqual(
        emails(yield* Subscribers.list({ type: "email", sort_field: "created_at", sort_direction: "desc", limit: 2 })),
        ["eve@example.com", "bob@example.com"]
      )
      const alices = yield* Subscribers.list({ q: "alice" })
      assert.deepStrictEqual(alices.map((s) => s.mode).sort(), ["email", "webhook"])
      assert.deepStrictEqual(yield* Subscribers.list({ type: "sms" }), [])
    }))

  test("update sets the followed components, or all of them when none are given", () =>
    Effect.gen(function* () {
      const [api, web] = yield* componentIds("API", "Web")
      const subscriber = yield* Subscribers.create({ email: "ops@example.com", component_ids: [api!] })
      assert.deepStrictEqual((yield* Subscribers.update(subscriber.id, { component_ids: [web!] })).components, [web])
      assert.deepStrictEqual((yield* Subscribers.get(subscriber.id)).components, [web])
      assert.deepStrictEqual((yield* Subscribers.update(subscriber.id)).components, [api, web])
      expectStatus(
        yield* failure(Subscribers.update(subscriber.id, { component_ids: ["nosuchcompo1"] })),
        "ResourceError",
        "Unprocessable",
        422
      )
      expectStatus(yield* failure(Subscribers.update("nosuchsubsc1")), "ResourceError", "NotFound", 404)
    }))

  test("delete unsubscribes: the subscriber is returned, then gone except from listUnsubscribed", () =>
    Effect.gen(function* () {
      const subscriber = yield* Subscribers.create({ email: "ops@example.com", skip_confirmation_notification: true })
      const deleted = yield* Subscribers.delete(subscriber.id, { skip_unsubscription_notification: true })
      assert.strictEqual(deleted.id, subscriber.id)
      expectStatus(yield* failure(Subscribers.get(subscriber.id)), "ResourceError", "NotFound", 404)
      expectStatus(yield* failure(Subscribers.delete(subscriber.id)), "ResourceError", "NotFound", 404)
      assert.deepStrictEqual(yield* Subscribers.list({ state: "all" }), [])
      assert.deepStrictEqual(
        (yield* Subscribers.listUnsubscribed()).map((s) => s.id),
        [subscriber.id]
      )
      // the address is free again
      yield* Subscribers.create({ email: "ops@example.com" })
    }))

  test("resendConfirmation answers 201 for a subscriber and 404 for an unknown one", () =>
    Effect.gen(function* () {
      const subscriber = yield* Subscribers.create({ email: "ops@example.com" })
      yield* Subscribers.resendConfirmation(subscriber.id)
      expectStatus(yield* failure(Subscribers.resendConfirmation("nosuchsubsc1")), "ResourceError", "NotFound", 404)
      const fake = yield* StatusPageTest.FakeStatusPage
      const log = yield* fake.requests
      assert.deepStrictEqual(
        log.slice(-2).map((entry) => [entry.endpoint, entry.status]),
        [
          ["subscribers.resendConfirmation", 201],
          ["subscribers.resendConfirmation", 404]
        ]
      )
    }))
})

describe("fake Statuspage: bulk subscriber actions", () => {
  test("unsubscribe takes codes narrowed by type and state, and refuses unknown codes without changing anything", () =>
    Effect.gen(function* () {
      const a = yield* Subscribers.create({ email: "a@example.com", skip_confirmation_notification: true })
      const b = yield* Subscribers.create({ email: "b@example.com" })
      const hook = yield* Subscribers.create({ endpoint: "https://hooks.example.com", email: "h@example.com" })
      const unknown = yield* failure(Subscribers.unsubscribe({ subscribers: [a.id, "nosuchsubsc1"], state: "all" }))
      expectStatus(unknown, "ResourceError", "Unprocessable", 422)
      assert.strictEqual((yield* Subscribers.list({ state: "all" })).length, 3)

      // state defaults to active: the unconfirmed b stays; type email spares the webhook
      yield* Subscribers.unsubscribe({ subscribers: [a.id, b.id, hook.id], type: "email" })
      assert.deepStrictEqual(
        (yield* Subscribers.list({ state: "all" })).map((s) => s.id).sort(),
        [b.id, hook.id].sort()
      )
      yield* Subscribers.unsubscribe({ subscribers: "all", state: "all" })
      assert.deepStrictEqual(yield* Subscribers.list({ state: "all" }), [])
      assert.strictEqual((yield* Subscribers.listUnsubscribed()).length, 3)
    }))

  test('"all" unsubscribes only while fewer than 100 subscribers match', () =>
    Effect.gen(function* () {
      for (let i = 0; i < 100; i++) {
        yield* Subscribers.create({ email: `s${i}@example.com`, skip_confirmation_notification: true })
      }
      const tooMany = yield* failure(Subscribers.unsubscribe({ subscribers: "all" }))
      expectStatus(tooMany, "ResourceError", "Unprocessable", 422)
      assert.strictEqual((yield* Subscribers.count()).email, 100)
      const first = yield* Subscribers.list({ limit: 1 })
      yield* Subscribers.unsubscribe({ subscribers: [first[0]!.id] })
      yield* Subscribers.unsubscribe({ subscribers: "all" })
      assert.strictEqual((yield* Subscribers.count()).email, 0)
    }))

  test("reactivate brings quarantined subscribers back, by code or all of a type", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const hook = yield* Subscribers.create({ endpoint: "https://hooks.example.com", email: "h@example.com" })
      const mail = yield* Subscribers.create({ email: "m@example.com", skip_confirmation_notification: true })
      yield* fake.quarantineSubscriber(hook.id)
      yield* fake.quarantineSubscriber(mail.id)
      const quarantined = yield* Subscribers.list({ state: "quarantined" })
      assert.deepStrictEqual(quarantined.map((s) => s.id).sort(), [hook.id, mail.id].sort())
      assert.isString(quarantined[0]!.quarantined_at)
      assert.isString(quarantined[0]!.purge_at)
      assert.deepStrictEqual(yield* Subscribers.list(), [])

      yield* Subscribers.reactivate({ subscribers: "all", type: "webhook" })
      const back = yield* Subscribers.get(hook.id)
      assert.isNull(back.quarantined_at)
      assert.deepStrictEqual(
        (yield* Subscribers.list()).map((s) => s.id),
        [hook.id]
      )
      yield* Subscribers.reactivate({ subscribers: [mail.id] })
      assert.strictEqual((yield* Subscribers.list()).length, 2)
      expectStatus(
        yield* failure(Subscribers.reactivate({ subscribers: ["nosuchsubsc1"] })),
        "ResourceError",
        "Unprocessable",
        422
      )
    }))

  test("resendConfirmations answers 201 with no body, and 422 for an unknown code", () =>
    Effect.gen(function* () {
      const a = yield* Subscribers.create({ email: "a@example.com" })
      const answer = yield* raw("POST", "/pages/{page_id}/subscribers/resend_confirmation", {
        body: JSON.stringify({ subscribers: [a.id] })
      })
      assert.strictEqual(answer.status, 201)
      assert.isUndefined(answer.json)
      yield* Subscribers.resendConfirmations({ subscribers: "all" })
      expectStatus(
        yield* failure(Subscribers.resendConfirmations({ subscribers: [a.id, "nosuchsubsc1"] })),
        "ResourceError",
        "Unprocessable",
        422
      )
    }))
})

describe("fake Statuspage: incident subscribers", () => {
  test("subscribe to one incident: create, list, get, resend and delete; unknown incidents are 404s", () =>
    Effect.gen(function* () {
      const incident = yield* Incidents.create({ name: "Database down" })
      const subscriber = yield* IncidentSubscribers.create(incident.id, { email: "ops@example.com" })
      assert.strictEqual(subscriber.mode, "email")
      const sms = yield* IncidentSubscribers.create(incident.id, { phone_number: "5555550100", phone_country: "US" })
      assert.deepStrictEqual(
        (yield* IncidentSubscribers.list(incident.id)).map((s) => s.id),
        [subscriber.id, sms.id]
      )
      assert.deepStrictEqual(yield* IncidentSubscribers.get(incident.id, subscriber.id), subscriber)
      yield* IncidentSubscribers.resendConfirmation(incident.id, subscriber.id)
      // page subscribers and incident subscribers are apart
      assert.deepStrictEqual(yield* Subscribers.list({ state: "all" }), [])
      expectStatus(yield* failure(Subscribers.get(subscriber.id)), "ResourceError", "NotFound", 404)

      const deleted = yield* IncidentSubscribers.delete(incident.id, subscriber.id)
      assert.strictEqual(deleted.id, subscriber.id)
      expectStatus(
        yield* failure(IncidentSubscribers.get(incident.id, subscriber.id)),
        "ResourceError",
        "NotFound",
        404
      )
      assert.deepStrictEqual(
        (yield* IncidentSubscribers.list(incident.id)).map((s) => s.id),
        [sms.id]
      )
      expectStatus(
        yield* failure(IncidentSubscribers.create("nosuchincid1", { email: "a@example.com" })),
        "ResourceError",
        "NotFound",
        404
      )
      expectStatus(yield* failure(IncidentSubscribers.list("nosuchincid1")), "ResourceError", "NotFound", 404)
      expectStatus(
        yield* failure(
          IncidentSubscribers.create(incident.id, { email: "sms@example.com", phone_number: "5555550100" })
        ),
        "ResourceError",
        "Unprocessable",
        422
      )
    }))
})

describe("fake Statuspage: status embed config", () => {
  test("get gives the page's settings; update and replace change only the fields given", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const initial = yield* StatusEmbedConfig.get()
      assert.strictEqual(initial.page_id, fake.pageId)
      const patched = yield* StatusEmbedConfig.update({ position: "top-right", incident_text_color: "#D84020" })
      assert.deepStrictEqual(patched, { ...initial, position: "top-right", incident_text_color: "#D84020" })
      const put = yield* StatusEmbedConfig.replace({ maintenance_text_color: "#1F6BD6" })
      assert.deepStrictEqual(put, { ...patched, maintenance_text_color: "#1F6BD6" })
      assert.deepStrictEqual(yield* StatusEmbedConfig.get(), put)
      expectStatus(yield* failure(StatusEmbedConfig.get({ pageId: "notmypage123" })), "ResourceError", "NotFound", 404)
    }))
})
