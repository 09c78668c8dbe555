/**
 * A realistic incident from start to end: an outage of two components, updates through identified, monitoring and
 * resolved, a published postmortem, a batch of metric points, then everything listed back page by page. Nothing
 * is announced (`deliver_notifications: false`, no postmortem notifications), so a run against a real page stays quiet.
 */
import {
  Components,
  IncidentPostmortems,
  Incidents,
  Metrics,
  MetricsProviders,
  Pagination
} from "@effect-statuspage/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { step } from "./print.js"

export const incidentLifecycle = Effect.gen(function* () {
  const api = yield* Components.create({ name: "Public API", description: "REST and GraphQL endpoints" })
  const db = yield* Components.create({ name: "Primary database" })
  yield* step(`components ${api.name} (${api.id}) and ${db.name} (${db.id}) are ${api.status}`)

  // 1. open: both components in major outage
  const opened = yield* Incidents.create({
    name: "API requests failing",
    status: "investigating",
    deliver_notifications: false,
    body: "Most API requests fail with 503. We are investigating.",
    components: { [api.id]: "major_outage", [db.id]: "major_outage" }
  })
  yield* step(`opened incident ${opened.id} (${opened.status}, impact ${opened.impact}) ${opened.shortlink ?? ""}`)
  for (const c of opened.components) yield* step(`  ${c.name} is now ${c.status}`)

  // 2. updates: each status change appends one to the incident's timeline
  yield* Incidents.update(opened.id, {
    status: "identified",
    deliver_notifications: false,
    body: "The primary database ran out of connections after a deploy. Rolling back."
  })
  yield* Incidents.update(opened.id, {
    status: "monitoring",
    deliver_notifications: false,
    body: "Rolled back; error rates are back to normal. Watching.",
    components: { [db.id]: "operational", [api.id]: "degraded_performance" }
  })
  const resolved = yield* Incidents.update(opened.id, {
    status: "resolved",
    deliver_notifications: false,
    body: "Resolved. A postmortem will follow.",
    components: { [api.id]: "operational" }
  })
  yield* step(`resolved at ${resolved.resolved_at}; timeline, oldest first:`)
  for (const update of [...resolved.incident_updates].reverse()) {
    const moved = (update.affected_components ?? []).map((a) => `${a.name} ${a.old_status} -> ${a.new_status}`)
    yield* step(`  ${update.status.padEnd(13)} ${update.body}${moved.length > 0 ? ` [${moved.join("; ")}]` : ""}`)
  }

  // 3. postmortem: save a draft, then publish it
  yield* IncidentPostmortems.saveDraft(opened.id, {
    body_draft: "## What happened\nA deploy doubled the connection pool per worker and exhausted the database."
  })
  const postmortem = yield* IncidentPostmortems.publish(opened.id, { notify_subscribers: false })
  yield* step(`postmortem published at ${postmortem.published_at}`)

  // 4. metrics: a provider of our own, one metric, ten points 20 s apart (stored in 30-second slots)
  const provider = yield* MetricsProviders.create({ type: "Self" })
  const errorRate = yield* Metrics.create(provider.id, { name: "API error rate", suffix: "%", decimal_places: 1 })
  const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
  const points = Array.from({ length: 10 }, (_, i) => ({ timestamp: now - (9 - i) * 20, value: i < 5 ? 42 - i : 0.5 }))
  const stored = yield* Metrics.submitBulkData({ [errorRate.id]: points })
  const slots = new Set((stored[errorRate.id] ?? []).map((point) => point.timestamp))
  yield* step(
    `sent ${points.length} points for ${errorRate.name}, 20 s apart: they land in ${slots.size} 30-second slots`
  )

  // 5. everything back, page by page
  const incidents = yield* Pagination.collect(Incidents.list, { max: 500 })
  const components = yield* Stream.runCollect(Pagination.stream(Components.list))
  const metrics = yield* Pagination.collect(Metrics.list, { max: 500 })
  yield* step(`listed ${incidents.length} incident(s), ${components.length} component(s), ${metrics.length} metric(s)`)
  const again = yield* Incidents.get(opened.id)
  yield* step(
    `"${again.name}": ${again.incident_updates.length} updates, postmortem ${again.postmortem_published_at ? "published" : "none"}`
  )

  // 6. tidy up, so a run against a real page leaves nothing behind
  yield* Incidents.delete(opened.id)
  yield* MetricsProviders.delete(provider.id)
  yield* Components.delete(api.id)
  yield* Components.delete(db.id)
  yield* step("deleted the incident, the metrics provider and both components")
})
