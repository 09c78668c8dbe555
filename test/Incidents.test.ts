import { assert, describe, it } from "@effect/vitest"
import { Incidents, StatusPageClient } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { configLayer, PAGE_ID } from "./support/fixtures.js"
import { INCIDENT_ID, incident } from "./support/incidentFixtures.js"
import * as RecordingHttpClient from "./support/RecordingHttpClient.js"
import { assertRejected, run } from "./support/RecordingHttpClient.js"

const base = `/v1/pages/${PAGE_ID}/incidents`
const query = (url: URL) => Object.fromEntries([...url.searchParams].sort(([a], [b]) => a.localeCompare(b)))

describe("Incidents", () => {
  it.effect("list sends q, limit and page (no per_page) and decodes incidents with nulls, offsets and metadata", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Incidents.list({ q: "db down", limit: 20, page: 2 }), [
        { body: [incident(), incident({ id: "x2", status: "resolved", resolved_at: "2024-06-07T22:26:34Z" })] }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.url.pathname, base)
      assert.deepStrictEqual(query(requests[0]!.url), { limit: "20", page: "2", q: "db down" })
      const [first, second] = Either.getOrThrow(result)
      assert.strictEqual(first!.impact_override, null)
      assert.strictEqual(first!.postmortem_published_at, null)
      assert.strictEqual(first!.auto_transition_to_maintenance_state, null)
      assert.strictEqual(first!.monitoring_at, "2024-06-07T17:22:28-05:00")
      assert.deepStrictEqual(first!.metadata, { jira: { issue_id: "OPS-42", linked: true } })
      assert.strictEqual(first!.incident_updates.length, 2)
      assert.strictEqual(first!.incident_updates[0]!.affected_components![0]!.new_status, "operational")
      assert.strictEqual(first!.incident_updates[1]!.affected_components, null)
      assert.strictEqual(first!.incident_updates[1]!.display_at, "2024-06-06T20:00:17.309-05:00")
      assert.strictEqual(first!.components[0]!.status, "partial_outage")
      assert.isFalse("reminder_intervals" in first!, "unknown fields are dropped")
      assert.strictEqual(second!.resolved_at, "2024-06-07T22:26:34Z")
    })
  )

  it.effect("list refuses per_page, a limit over 100 and a page below 1", () =>
    Effect.gen(function* () {
      assertRejected(yield* run(Incidents.list({ per_page: 10 } as any), [{ body: [] }]), "per_page")
      assertRejected(yield* run(Incidents.list({ limit: 101 }), [{ body: [] }]), "limit")
      assertRejected(yield* run(Incidents.list({ page: 0 }), [{ body: [] }]), "page")
    })
  )

  it.effect("the four filtered lists use page and per_page on their own paths", () =>
    Effect.gen(function* () {
      const cases = [
        [Incidents.listUnresolved, "unresolved"],
        [Incidents.listScheduled, "scheduled"],
        [Incidents.listActiveMaintenance, "active_maintenance"],
        [Incidents.listUpcoming, "upcoming"]
      ] as const
      for (const [action, segment] of cases) {
        const { result, requests } = yield* run(action({ page: 3, per_page: 50 }), [
          { body: [incident({ status: "scheduled", scheduled_for: "2024-07-01T02:00:00-05:00" })] }
        ])
        assert.strictEqual(requests[0]!.method, "GET")
        assert.strictEqual(requests[0]!.url.pathname, `${base}/${segment}`)
        assert.deepStrictEqual(query(requests[0]!.url), { page: "3", per_page: "50" })
        assert.strictEqual(Either.getOrThrow(result)[0]!.scheduled_for, "2024-07-01T02:00:00-05:00")
        assertRejected(yield* run(action({ limit: 10 } as any), [{ body: [] }]), "limit")
      }
    })
  )

  it.effect("get sends GET to the incident and accepts backfilled and started_at", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Incidents.get(INCIDENT_ID), [
        { body: incident({ backfilled: true, started_at: "2024-06-07T01:00:17.228Z" }) }
      ])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, `${base}/${INCIDENT_ID}`)
      const got = Either.getOrThrow(result)
      assert.strictEqual(got.backfilled, true)
      assert.strictEqual(got.started_at, "2024-06-07T01:00:17.228Z")
    })
  )

  it.effect("create sends the incident envelope with components as a map, and no defaults", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(
        Incidents.create({
          name: "API timeouts",
          status: "investigating",
          impact_override: "major",
          body: "Looking into it.",
          components: { ftgks51sfs2d: "partial_outage", c2: "major_outage" },
          component_ids: ["ftgks51sfs2d", "c2"],
          metadata: { jira: { issue_id: "OPS-42" } }
        }),
        [{ status: 201, body: incident({ status: "investigating" }) }]
      )
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, base)
      assert.strictEqual(requests[0]!.headers["content-type"], "application/json")
      assert.deepStrictEqual(requests[0]!.json, {
        incident: {
          name: "API timeouts",
          status: "investigating",
          impact_override: "major",
          body: "Looking into it.",
          components: { ftgks51sfs2d: "partial_outage", c2: "major_outage" },
          component_ids: ["ftgks51sfs2d", "c2"],
          metadata: { jira: { issue_id: "OPS-42" } }
        }
      })
      assert.strictEqual(Either.getOrThrow(result).status, "investigating")
      const minimal = yield* run(Incidents.create({ name: "Blip" }), [{ status: 201, body: incident() }])
      assert.deepStrictEqual(minimal.requests[0]!.json, { incident: { name: "Blip" } }, "no spec default is sent")
    })
  )

  it.effect("createScheduled posts to the same path and sends the window exactly as given", () =>
    Effect.gen(function* () {
      const { requests } = yield* run(
        Incidents.createScheduled({
          name: "DB upgrade",
          scheduled_for: "2024-07-01T02:00:00-05:00",
          scheduled_until: "2024-07-01T04:00:00-05:00",
          scheduled_auto_in_progress: true
        }),
        [{ status: 201, body: incident({ status: "scheduled" }) }]
      )
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.target, base)
      assert.deepStrictEqual(requests[0]!.json, {
        incident: {
          name: "DB upgrade",
          scheduled_for: "2024-07-01T02:00:00-05:00",
          scheduled_until: "2024-07-01T04:00:00-05:00",
          scheduled_auto_in_progress: true
        }
      })
      assertRejected(
        yield* run(Incidents.createScheduled({ name: "DB upgrade", scheduled_for: "2024-07-01T02:00:00Z" } as any), [
          { body: incident() }
        ]),
        "scheduled_until"
      )
    })
  )

  it.effect("update sends PATCH, replace sends PUT, both with the incident envelope", () =>
    Effect.gen(function* () {
      const patched = yield* run(Incidents.update(INCIDENT_ID, { status: "resolved", body: "Fixed." }), [
        { body: incident({ status: "resolved" }) }
      ])
      assert.strictEqual(patched.requests[0]!.method, "PATCH")
      assert.strictEqual(patched.requests[0]!.target, `${base}/${INCIDENT_ID}`)
      assert.deepStrictEqual(patched.requests[0]!.json, { incident: { status: "resolved", body: "Fixed." } })
      assert.strictEqual(Either.getOrThrow(patched.result).status, "resolved")
      const put = yield* run(Incidents.replace(INCIDENT_ID, { name: "Renamed", deliver_notifications: false }), [
        { body: incident() }
      ])
      assert.strictEqual(put.requests[0]!.method, "PUT")
      assert.strictEqual(put.requests[0]!.target, `${base}/${INCIDENT_ID}`)
      assert.deepStrictEqual(put.requests[0]!.json, { incident: { name: "Renamed", deliver_notifications: false } })
    })
  )

  it.effect("delete sends DELETE and decodes the deleted incident", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(Incidents.delete(INCIDENT_ID), [{ body: incident() }])
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.target, `${base}/${INCIDENT_ID}`)
      assert.strictEqual(requests[0]!.body, undefined)
      assert.strictEqual(Either.getOrThrow(result).id, INCIDENT_ID)
    })
  )

  it.effect("input is validated before sending: limits, enums, required fields, map values", () =>
    Effect.gen(function* () {
      const ok = [{ status: 201, body: incident() }]
      assertRejected(yield* run(Incidents.create({ name: "x".repeat(256) }), ok), "name")
      assert.strictEqual(
        (yield* run(Incidents.create({ name: "x".repeat(255) }), ok)).requests.length,
        1,
        "255 characters are allowed"
      )
      const tooLong = yield* run(Incidents.create({ name: "n", body: "b".repeat(25001) }), ok)
      assertRejected(tooLong, "body")
      const message = Either.isLeft(tooLong.result) ? (tooLong.result.left as { message: string }).message : ""
      assert.include(message, "at most 25000 character(s)")
      assert.isBelow(message.length, 400, "the rejected value is not repeated in full")
      assertRejected(yield* run(Incidents.create({ body: "no name" } as any), ok), "name")
      assertRejected(yield* run(Incidents.create({ name: "n", status: "postmortem" as any }), ok), "status")
      assertRejected(
        yield* run(Incidents.create({ name: "n", impact_override: "severe" as any }), ok),
        "impact_override"
      )
      assertRejected(
        yield* run(Incidents.update(INCIDENT_ID, { components: { c1: "down" as any } }), ok),
        "components.c1"
      )
      assertRejected(
        yield* run(Incidents.update(INCIDENT_ID, { metadata: { jira: "OPS-42" } as any }), ok),
        "metadata.jira"
      )
      assertRejected(yield* run(Incidents.update(INCIDENT_ID, { name: "x".repeat(256) }), ok), "name")
      assertRejected(yield* run(Incidents.get("a/b"), ok), "incident_id")
    })
  )

  it.effect("postmortem_published_at decodes as a timestamp, and a boolean there is drift", () =>
    Effect.gen(function* () {
      const published = yield* run(Incidents.get(INCIDENT_ID), [
        { body: incident({ status: "postmortem", postmortem_published_at: "2024-06-09T10:00:00-05:00" }) }
      ])
      assert.strictEqual(Either.getOrThrow(published.result).postmortem_published_at, "2024-06-09T10:00:00-05:00")
      const drifted = yield* run(Incidents.get(INCIDENT_ID), [{ body: incident({ postmortem_published_at: true }) }])
      assert.isTrue(Either.isLeft(drifted.result))
      assert.strictEqual(
        Either.isLeft(drifted.result) ? (drifted.result.left as any).path : "",
        "postmortem_published_at"
      )
    })
  )

  it.effect("the facade binds every incident group", () =>
    Effect.gen(function* () {
      const http = RecordingHttpClient.make([{ body: [incident()] }])
      const client = yield* StatusPageClient.make.pipe(Effect.provide(Layer.merge(http.layer, configLayer())))
      const unresolved = yield* client.incidents.listUnresolved()
      assert.strictEqual(unresolved[0]!.id, INCIDENT_ID)
      assert.strictEqual(http.requests[0]!.target, `${base}/unresolved`)
      for (const group of ["pages", "incidents", "incidentUpdates", "incidentPostmortems", "incidentTemplates"]) {
        assert.isTrue(group in client, group)
      }
    })
  )
})
