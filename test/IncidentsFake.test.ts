/**
 * The Pages and Incidents groups end to end against the fake Statuspage: the behaviour a real page shows (updates
 * appended on status or body changes, component statuses set by incidents, the postmortem lifecycle, 404 and 422),
 * stated from the API digest.
 */
import { assert, describe, it } from "@effect/vitest"
import {
  Components,
  IncidentPostmortems,
  Incidents,
  IncidentTemplates,
  IncidentUpdates,
  Pages
} from "@effect-statuspage/core"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"

const layer = () => StatusPageTest.layer({ seed: "incidents", morePageIds: ["secondpage01"] })

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (error: any) => ({ tag: error._tag, reason: error.reason, status: error.httpStatus }))

describe("Incidents against the fake", () => {
  it.effect("an incident's life: component statuses, updates on status or body changes only, newest first", () =>
    Effect.gen(function* () {
      const api = yield* Components.create({ name: "API" })
      const opened = yield* Incidents.create({
        name: "API timeouts",
        body: "Investigating.",
        components: { [api.id]: "partial_outage" }
      })
      assert.strictEqual(opened.status, "investigating")
      assert.strictEqual(opened.impact, "major")
      assert.strictEqual(opened.incident_updates.length, 1)
      assert.deepStrictEqual(opened.incident_updates[0]!.affected_components, [
        { code: api.id, name: "API", old_status: "operational", new_status: "partial_outage" }
      ])
      assert.strictEqual(opened.components[0]!.status, "partial_outage")
      assert.strictEqual((yield* Components.get(api.id)).status, "partial_outage")

      yield* TestClock.adjust("1 minute")
      const renamed = yield* Incidents.update(opened.id, { name: "API timeouts (EU)" })
      assert.strictEqual(renamed.incident_updates.length, 1, "a rename adds no update")

      const identified = yield* Incidents.update(opened.id, { status: "identified", body: "Found it." })
      assert.strictEqual(identified.incident_updates.length, 2)
      assert.strictEqual(identified.incident_updates[0]!.status, "identified")
      assert.strictEqual(identified.incident_updates[0]!.body, "Found it.")
      assert.strictEqual(identified.incident_updates[0]!.affected_components, null)

      const noted = yield* Incidents.replace(opened.id, { body: "Still on it." })
      assert.strictEqual(noted.incident_updates.length, 3, "a body alone adds an update (PUT too)")
      assert.strictEqual(noted.incident_updates[0]!.status, "identified")

      const resolved = yield* Incidents.update(opened.id, {
        status: "resolved",
        components: { [api.id]: "operational" }
      })
      assert.strictEqual(resolved.incident_updates.length, 4)
      assert.strictEqual(resolved.resolved_at, resolved.updated_at)
      assert.strictEqual(resolved.impact, "none")
      assert.strictEqual((yield* Components.get(api.id)).status, "operational")
      assert.deepStrictEqual(yield* Incidents.get(opened.id), resolved)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("lists: newest first, q search, limit paging, and the unresolved/maintenance views", () =>
    Effect.gen(function* () {
      const a = yield* Incidents.create({ name: "Database slow" })
      const b = yield* Incidents.create({ name: "Login errors", body: "Users see database timeouts" })
      const c = yield* Incidents.create({ name: "Old outage", status: "resolved" })
      const m = yield* Incidents.createScheduled({
        name: "DB upgrade",
        scheduled_for: "2030-01-01T02:00:00Z",
        scheduled_until: "2030-01-01T04:00:00Z"
      })
      assert.deepStrictEqual(
        (yield* Incidents.list()).map((i) => i.id),
        [m.id, c.id, b.id, a.id]
      )
      assert.deepStrictEqual(
        (yield* Incidents.list({ q: "database" })).map((i) => i.id),
        [b.id, a.id]
      )
      assert.deepStrictEqual(
        (yield* Incidents.list({ limit: 2, page: 2 })).map((i) => i.id),
        [b.id, a.id]
      )
      assert.deepStrictEqual(
        (yield* Incidents.listUnresolved()).map((i) => i.id),
        [b.id, a.id]
      )
      assert.strictEqual(m.status, "scheduled")
      assert.strictEqual(m.impact, "maintenance")
      assert.deepStrictEqual(
        (yield* Incidents.listUpcoming()).map((i) => i.id),
        [m.id]
      )
      assert.deepStrictEqual(
        (yield* Incidents.listScheduled()).map((i) => i.id),
        [m.id]
      )
      assert.deepStrictEqual(yield* Incidents.listActiveMaintenance(), [])
      yield* Incidents.update(m.id, { status: "in_progress", body: "Started." })
      assert.deepStrictEqual(
        (yield* Incidents.listActiveMaintenance({ per_page: 1 })).map((i) => i.id),
        [m.id]
      )
      assert.deepStrictEqual(yield* Incidents.listUpcoming(), [])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("422 for statuses of the other kind, a window ending before it starts, unknown components", () =>
    Effect.gen(function* () {
      const m = yield* Incidents.createScheduled({
        name: "DB upgrade",
        scheduled_for: "2030-01-01T02:00:00Z",
        scheduled_until: "2030-01-01T04:00:00Z"
      })
      const unprocessable = { tag: "ResourceError", reason: "Unprocessable", status: 422 }
      assert.deepStrictEqual(yield* failure(Incidents.update(m.id, { status: "resolved" })), unprocessable)
      assert.deepStrictEqual(yield* failure(Incidents.create({ name: "x", status: "scheduled" })), unprocessable)
      assert.deepStrictEqual(
        yield* failure(
          Incidents.createScheduled({
            name: "Backwards",
            scheduled_for: "2030-01-01T04:00:00Z",
            scheduled_until: "2030-01-01T02:00:00Z"
          })
        ),
        unprocessable
      )
      assert.deepStrictEqual(
        yield* failure(Incidents.create({ name: "x", components: { nosuchcompnt: "major_outage" } })),
        unprocessable
      )
      const api = yield* Components.create({ name: "API" })
      assert.deepStrictEqual(
        yield* failure(Incidents.create({ name: "x", backfilled: true, component_ids: [api.id] })),
        unprocessable
      )
      assert.strictEqual((yield* Incidents.list()).length, 1, "nothing was created by the refused writes")
    }).pipe(Effect.provide(layer()))
  )

  it.effect("404 for an unknown incident, incident update or page; delete returns the incident and removes it", () =>
    Effect.gen(function* () {
      const notFound = { tag: "ResourceError", reason: "NotFound", status: 404 }
      assert.deepStrictEqual(yield* failure(Incidents.get("nosuchincdnt")), notFound)
      assert.deepStrictEqual(yield* failure(Incidents.update("nosuchincdnt", { body: "x" })), notFound)
      const incident = yield* Incidents.create({ name: "Blip" })
      assert.deepStrictEqual(
        yield* failure(IncidentUpdates.update(incident.id, "nosuchupdate", { body: "x" })),
        notFound
      )
      assert.deepStrictEqual(yield* failure(Incidents.list({}, { pageId: "nosuchpage00" })), notFound)
      const deleted = yield* Incidents.delete(incident.id)
      assert.strictEqual(deleted.id, incident.id)
      assert.deepStrictEqual(yield* failure(Incidents.get(incident.id)), notFound)
      assert.deepStrictEqual(yield* Incidents.list(), [])
    }).pipe(Effect.provide(layer()))
  )

  it.effect("incidents are kept per page", () =>
    Effect.gen(function* () {
      const here = yield* Incidents.create({ name: "Here" })
      const there = yield* Incidents.create({ name: "There" }, { pageId: "secondpage01" })
      assert.deepStrictEqual(
        (yield* Incidents.list()).map((i) => i.id),
        [here.id]
      )
      assert.strictEqual(there.page_id, "secondpage01")
      assert.deepStrictEqual(yield* failure(Incidents.get(there.id)), {
        tag: "ResourceError",
        reason: "NotFound",
        status: 404
      })
    }).pipe(Effect.provide(layer()))
  )
})

describe("IncidentUpdates against the fake", () => {
  it.effect("editing an update changes its text and flags, never its status or the incident's", () =>
    Effect.gen(function* () {
      const incident = yield* Incidents.create({ name: "Blip", body: "Typo hre." })
      const first = incident.incident_updates[0]!
      yield* TestClock.adjust("1 minute")
      const edited = yield* IncidentUpdates.update(incident.id, first.id, {
        body: "Typo here.",
        deliver_notifications: false
      })
      assert.strictEqual(edited.id, first.id)
      assert.strictEqual(edited.body, "Typo here.")
      assert.strictEqual(edited.deliver_notifications, false)
      assert.strictEqual(edited.status, first.status)
      assert.notStrictEqual(edited.updated_at, first.updated_at)
      const replaced = yield* IncidentUpdates.replace(incident.id, first.id, { display_at: "2024-06-07T01:00:00Z" })
      assert.strictEqual(replaced.display_at, "2024-06-07T01:00:00Z")
      const after = yield* Incidents.get(incident.id)
      assert.strictEqual(after.incident_updates.length, 1, "editing adds no update")
      assert.deepStrictEqual(after.incident_updates[0], replaced)
      assert.strictEqual(after.status, "investigating")
    }).pipe(Effect.provide(layer()))
  )
})

describe("IncidentPostmortems against the fake", () => {
  it.effect("draft, publish (mirrored on the incident), revert, delete; 404 and 400 out of order", () =>
    Effect.gen(function* () {
      const notFound = { tag: "ResourceError", reason: "NotFound", status: 404 }
      // the spec declares 400 (not 422) for publish and revert
      const badRequest = { tag: "RequestError", reason: "BadRequest", status: 400 }
      const incident = yield* Incidents.create({ name: "Outage", status: "resolved" })
      assert.deepStrictEqual(yield* failure(IncidentPostmortems.get(incident.id)), notFound)
      assert.deepStrictEqual(yield* failure(IncidentPostmortems.publish(incident.id)), notFound)
      assert.deepStrictEqual(
        yield* failure(IncidentPostmortems.saveDraft("nosuchincdnt", { body_draft: "x" })),
        notFound
      )

      const draft = yield* IncidentPostmortems.saveDraft(incident.id, { body_draft: "Root cause: pool exhaustion." })
      assert.strictEqual(draft.body_draft, "Root cause: pool exhaustion.")
      assert.strictEqual(draft.body, null)
      assert.strictEqual(draft.published_at, null)
      assert.deepStrictEqual(yield* failure(IncidentPostmortems.revert(incident.id)), badRequest)

      yield* TestClock.adjust("1 hour")
      const published = yield* IncidentPostmortems.publish(incident.id, { notify_subscribers: true })
      assert.strictEqual(published.body, "Root cause: pool exhaustion.")
      assert.isNotNull(published.published_at)
      assert.strictEqual(published.notify_subscribers, true)
      const withPostmortem = yield* Incidents.get(incident.id)
      assert.strictEqual(withPostmortem.postmortem_body, "Root cause: pool exhaustion.")
      assert.strictEqual(withPostmortem.postmortem_published_at, published.published_at)
      assert.strictEqual(withPostmortem.postmortem_notified_subscribers, true)
      assert.deepStrictEqual(yield* IncidentPostmortems.get(incident.id), published)

      const reverted = yield* IncidentPostmortems.revert(incident.id)
      assert.strictEqual(reverted.published_at, null)
      assert.strictEqual(reverted.body_draft, "Root cause: pool exhaustion.")
      assert.strictEqual((yield* Incidents.get(incident.id)).postmortem_published_at, null)

      yield* IncidentPostmortems.delete(incident.id)
      assert.deepStrictEqual(yield* failure(IncidentPostmortems.get(incident.id)), notFound)
      assert.deepStrictEqual(yield* failure(IncidentPostmortems.delete(incident.id)), notFound)
      assert.strictEqual((yield* Incidents.get(incident.id)).postmortem_body, null)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("publishing an empty draft is a 400", () =>
    Effect.gen(function* () {
      const incident = yield* Incidents.create({ name: "Outage" })
      yield* IncidentPostmortems.saveDraft(incident.id, { body_draft: "" })
      assert.deepStrictEqual(yield* failure(IncidentPostmortems.publish(incident.id)), {
        tag: "RequestError",
        reason: "BadRequest",
        status: 400
      })
    }).pipe(Effect.provide(layer()))
  )
})

describe("IncidentTemplates against the fake", () => {
  it.effect("create with components, list in creation order, paging, and 422 for an unknown component", () =>
    Effect.gen(function* () {
      const api = yield* Components.create({ name: "API" })
      const first = yield* IncidentTemplates.create({
        name: "DB slow",
        title: "Degraded database",
        body: "Looking into it.",
        component_ids: [api.id]
      })
      assert.strictEqual(first.components[0]!.id, api.id)
      assert.strictEqual(first.group_id, null)
      const second = yield* IncidentTemplates.create({
        name: "Fixed",
        title: "Resolved",
        body: "All good.",
        update_status: "resolved"
      })
      assert.deepStrictEqual(
        (yield* IncidentTemplates.list()).map((t) => t.id),
        [first.id, second.id]
      )
      assert.deepStrictEqual(
        (yield* IncidentTemplates.list({ page: 2, per_page: 1 })).map((t) => t.id),
        [second.id]
      )
      assert.deepStrictEqual(
        yield* failure(IncidentTemplates.create({ name: "n", title: "t", body: "b", component_ids: ["nosuchcompnt"] })),
        { tag: "ResourceError", reason: "Unprocessable", status: 422 }
      )
    }).pipe(Effect.provide(layer()))
  )
})

describe("Pages against the fake", () => {
  it.effect("the account's pages are listed; an update sticks; a taken subdomain is a 422", () =>
    Effect.gen(function* () {
      const fake = yield* StatusPageTest.FakeStatusPage
      const pages = yield* Pages.list()
      assert.deepStrictEqual(
        pages.map((p) => p.id),
        [fake.pageId, "secondpage01"]
      )
      yield* TestClock.adjust("1 minute")
      const updated = yield* Pages.update({ name: "Acme Status", css_greens: "00aa00" })
      assert.strictEqual(updated.name, "Acme Status")
      assert.strictEqual(updated.css_greens, "00aa00")
      assert.notStrictEqual(updated.updated_at, updated.created_at)
      assert.deepStrictEqual(yield* Pages.get(), updated)
      const other = yield* Pages.replace({ subdomain: "acme-eu" }, { pageId: "secondpage01" })
      assert.strictEqual(other.subdomain, "acme-eu")
      assert.deepStrictEqual(yield* failure(Pages.update({ subdomain: "acme-eu" })), {
        tag: "ResourceError",
        reason: "Unprocessable",
        status: 422
      })
      assert.strictEqual((yield* Pages.get()).name, "Acme Status")
    }).pipe(Effect.provide(layer()))
  )
})
