/**
 * The payloads the bench serves: component lists and an incident, shaped like real Statuspage responses (see the API
 * digest: nullable timestamps, mixed `Z` and local offsets, group rows, newest-first incident updates).
 */
import { component, PAGE_ID } from "../test/support/fixtures.js"

const statuses = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]

/** `n` components; every tenth is a group row that lists the next members. */
export const components = (n: number): Array<Record<string, unknown>> =>
  Array.from({ length: n }, (_, i) => {
    const id = `c${i.toString(36).padStart(11, "0")}`
    const group = i % 10 === 0
    return component({
      id,
      name: group ? `Group ${i / 10}` : `Service ${i}`,
      description: i % 3 === 0 ? null : `The ${i}th service, monitored every minute`,
      position: i + 1,
      status: group ? "" : statuses[i % statuses.length],
      group,
      group_id: group ? null : `c${(i - (i % 10)).toString(36).padStart(11, "0")}`,
      automation_email: `component+${id}@notifications.statuspage.io`,
      start_date: i % 2 === 0 ? "2024-05-14" : null,
      ...(group ? { components: Array.from({ length: 9 }, (_, k) => `member${i + k + 1}`) } : {})
    })
  })

const incidentStatuses = ["resolved", "monitoring", "identified", "investigating"]

/** An incident with `updates` updates (newest first) and two affected components. */
export const incident = (updates: number): Record<string, unknown> => ({
  id: "p31zjtct2jer",
  page_id: PAGE_ID,
  name: "Elevated API error rates",
  status: "resolved",
  impact: "major",
  impact_override: null,
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T22:10:02Z",
  started_at: "2024-05-14T20:22:39Z",
  monitoring_at: "2024-05-14T21:40:00Z",
  resolved_at: "2024-05-14T22:10:02Z",
  shortlink: "http://stspg.io/p31zjtct2jer",
  backfilled: false,
  scheduled_for: null,
  scheduled_until: null,
  scheduled_remind_prior: false,
  scheduled_reminded_at: null,
  scheduled_auto_in_progress: false,
  scheduled_auto_completed: false,
  auto_transition_deliver_notifications_at_end: false,
  auto_transition_deliver_notifications_at_start: false,
  auto_transition_to_maintenance_state: false,
  auto_transition_to_operational_state: false,
  postmortem_ignored: false,
  postmortem_body: null,
  postmortem_body_last_updated_at: null,
  postmortem_published_at: null,
  postmortem_notified_subscribers: false,
  postmortem_notified_twitter: false,
  metadata: { jira: { issue_id: "OPS-1234" } },
  components: components(2),
  incident_updates: Array.from({ length: updates }, (_, i) => ({
    id: `u${i.toString(36).padStart(11, "0")}`,
    incident_id: "p31zjtct2jer",
    status: incidentStatuses[Math.min(i, incidentStatuses.length - 1)],
    body: `Update ${updates - i}: we are looking into elevated error rates on the API and will post again in 30 minutes.`,
    created_at: "2024-05-14T21:40:00.120-06:00",
    updated_at: "2024-05-14T21:40:00Z",
    display_at: "2024-05-14T21:40:00Z",
    deliver_notifications: true,
    wants_twitter_update: false,
    twitter_updated_at: null,
    custom_tweet: null,
    tweet_id: null,
    affected_components: [
      { code: "ftgks51sfs2d", name: "API", old_status: "operational", new_status: "major_outage" },
      { code: "c000000000a1", name: "Web", old_status: "operational", new_status: "degraded_performance" }
    ]
  }))
})
