/**
 * Realistic public Status API v2 and webhook payloads, written from the API digest (§4, §5): local offsets, nulls,
 * group rows, and a 2017-style webhook body lacking newer fields.
 */

export const publicPage = (overrides: Record<string, unknown> = {}) => ({
  id: "kctbh9vrtdwd",
  name: "GitHub",
  url: "https://www.githubstatus.com",
  time_zone: "Etc/UTC",
  updated_at: "2024-05-14T14:22:39.441-06:00",
  ...overrides
})

export const publicComponent = (overrides: Record<string, unknown> = {}) => ({
  id: "8l4ygp009s5s",
  name: "Git Operations",
  status: "operational",
  created_at: "2017-01-31T20:05:05.370Z",
  updated_at: "2024-05-14T14:22:39.441-06:00",
  position: 1,
  description: "Performance of git clones, pulls, pushes, and associated operations",
  showcase: false,
  start_date: null,
  group_id: null,
  page_id: "kctbh9vrtdwd",
  group: false,
  only_show_if_degraded: false,
  ...overrides
})

/** A group row: `group: true` and the ids of its members. */
export const groupRow = (members: ReadonlyArray<string>, overrides: Record<string, unknown> = {}) =>
  publicComponent({
    id: "grp0000001",
    name: "Actions",
    description: null,
    group: true,
    showcase: false,
    components: members,
    ...overrides
  })

export const incidentUpdate = (overrides: Record<string, unknown> = {}) => ({
  id: "upd1x9k2m3n4",
  status: "investigating",
  body: "We are investigating reports of degraded performance for Git Operations.",
  incident_id: "inc1q2w3e4r5",
  created_at: "2024-05-14T14:30:00.123-06:00",
  updated_at: "2024-05-14T14:30:00.123-06:00",
  display_at: "2024-05-14T14:30:00.123-06:00",
  affected_components: [
    { code: "8l4ygp009s5s", name: "Git Operations", old_status: "operational", new_status: "degraded_performance" }
  ],
  deliver_notifications: true,
  custom_tweet: null,
  tweet_id: null,
  ...overrides
})

export const publicIncident = (overrides: Record<string, unknown> = {}) => ({
  id: "inc1q2w3e4r5",
  name: "Disruption with some GitHub services",
  status: "investigating",
  created_at: "2024-05-14T14:30:00.003-06:00",
  updated_at: "2024-05-14T14:30:00.123-06:00",
  monitoring_at: null,
  resolved_at: null,
  impact: "minor",
  shortlink: "https://stspg.io/abc123",
  started_at: "2024-05-14T14:29:00.000-06:00",
  page_id: "kctbh9vrtdwd",
  incident_updates: [incidentUpdate()],
  components: [publicComponent({ status: "degraded_performance" })],
  ...overrides
})

export const publicMaintenance = (overrides: Record<string, unknown> = {}) => ({
  id: "mnt9z8x7c6v5",
  name: "Database upgrade",
  status: "scheduled",
  created_at: "2024-05-10T09:00:00.000+02:00",
  updated_at: "2024-05-10T09:00:00.000+02:00",
  monitoring_at: null,
  resolved_at: null,
  impact: "maintenance",
  shortlink: "https://stspg.io/mnt1",
  started_at: "2024-05-10T09:00:00.000+02:00",
  page_id: "kctbh9vrtdwd",
  incident_updates: [
    incidentUpdate({
      id: "updm1",
      incident_id: "mnt9z8x7c6v5",
      status: "scheduled",
      body: "We will upgrade the database.",
      affected_components: null
    })
  ],
  components: [],
  scheduled_for: "2024-05-20T02:00:00.000+02:00",
  scheduled_until: "2024-05-20T04:00:00.000+02:00",
  ...overrides
})

export const summary = (overrides: Record<string, unknown> = {}) => ({
  page: publicPage(),
  status: { indicator: "none", description: "All Systems Operational" },
  components: [publicComponent(), publicComponent({ id: "api0000001", name: "API Requests", position: 2 })],
  incidents: [],
  scheduled_maintenances: [],
  ...overrides
})

/** A component webhook body, shaped like Zulip's captured 2017 fixture. */
export const componentWebhook = (overrides: Record<string, unknown> = {}) => ({
  meta: {
    unsubscribe: "https://www.githubstatus.com/?unsubscribe=j0vqr9kl3513",
    documentation: "https://doers.statuspage.io/customer-notifications/webhooks/",
    generated_at: "2017-02-03T04:00:51.231Z"
  },
  page: { id: "kctbh9vrtdwd", status_indicator: "major", status_description: "Partial System Outage" },
  component_update: {
    created_at: "2017-02-03T04:00:51.215Z",
    new_status: "major_outage",
    old_status: "operational",
    id: "k7730b5v92bv",
    component_id: "8l4ygp009s5s",
    component_type: "Component"
  },
  component: {
    created_at: "2017-01-31T20:05:05.370Z",
    id: "8l4ygp009s5s",
    name: "Git Operations",
    status: "major_outage",
    description: null,
    group_id: null,
    page_id: "kctbh9vrtdwd",
    position: 1,
    showcase: false,
    updated_at: "2017-02-03T04:00:51.231Z"
  },
  ...overrides
})

/** An incident webhook body, shaped like Zulip's captured 2017 fixture (no `started_at`, no `auto_transition_*`). */
export const incidentWebhook = (overrides: Record<string, unknown> = {}) => ({
  meta: {
    unsubscribe: "https://www.githubstatus.com/?unsubscribe=j0vqr9kl3513",
    documentation: "https://doers.statuspage.io/customer-notifications/webhooks/",
    generated_at: "2017-02-05T06:03:56.478Z"
  },
  page: { id: "kctbh9vrtdwd", status_indicator: "minor", status_description: "Minor Service Outage" },
  incident: {
    backfilled: false,
    created_at: "2017-02-05T06:03:56.287Z",
    impact: "minor",
    impact_override: null,
    monitoring_at: null,
    postmortem_body: null,
    postmortem_body_last_updated_at: null,
    postmortem_ignored: false,
    postmortem_notified_subscribers: false,
    postmortem_notified_twitter: false,
    postmortem_published_at: null,
    resolved_at: null,
    scheduled_auto_completed: false,
    scheduled_auto_in_progress: false,
    scheduled_for: null,
    scheduled_remind_prior: false,
    scheduled_reminded_at: null,
    scheduled_until: null,
    shortlink: "http://stspg.io/4bQr",
    status: "investigating",
    updated_at: "2017-02-05T06:03:56.478Z",
    id: "9gh5yw1hk6x5",
    page_id: "kctbh9vrtdwd",
    name: "Database is slow",
    incident_updates: [
      {
        affected_components: [
          {
            code: "8l4ygp009s5s",
            name: "Git Operations",
            old_status: "operational",
            new_status: "degraded_performance"
          }
        ],
        body: "We are investigating slow queries.",
        created_at: "2017-02-05T06:03:56.456Z",
        custom_tweet: null,
        deliver_notifications: true,
        display_at: "2017-02-05T06:03:56.456Z",
        id: "4bwgb1n79grt",
        incident_id: "9gh5yw1hk6x5",
        status: "investigating",
        twitter_updated_at: null,
        updated_at: "2017-02-05T06:03:56.456Z",
        wants_twitter_update: false
      }
    ],
    components: [
      {
        created_at: "2017-01-31T20:05:05.370Z",
        description: null,
        group_id: null,
        id: "8l4ygp009s5s",
        name: "Git Operations",
        page_id: "kctbh9vrtdwd",
        position: 1,
        showcase: false,
        status: "degraded_performance",
        updated_at: "2017-02-05T06:03:56.435Z"
      }
    ]
  },
  ...overrides
})
