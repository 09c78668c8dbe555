/**
 * Realistic page, incident and postmortem payloads, written from the API digest and captured real responses: `null`s
 * where real payloads carry them, and timestamps that mix `Z` and local offsets.
 */
import { component, PAGE_ID } from "./fixtures.js"

export const INCIDENT_ID = "f5v3b6dr7k53"

export const page = (overrides: Record<string, unknown> = {}) => ({
  id: PAGE_ID,
  created_at: "2024-06-07T01:12:00Z",
  updated_at: "2024-06-26T03:49:25.118-05:00",
  name: "Acme Status",
  page_description: null,
  headline: null,
  branding: "basic",
  subdomain: "acme",
  domain: null,
  url: null,
  support_url: null,
  hidden_from_search: false,
  allow_page_subscribers: true,
  allow_incident_subscribers: true,
  allow_email_subscribers: true,
  allow_sms_subscribers: true,
  allow_rss_atom_feeds: true,
  allow_webhook_subscribers: false,
  notifications_from_email: null,
  notifications_email_footer: "You received this email because you are subscribed to Acme's status notifications.",
  activity_score: 499,
  twitter_username: null,
  viewers_must_be_team_members: false,
  ip_restrictions: null,
  city: null,
  state: null,
  country: null,
  time_zone: "America/Chicago",
  css_body_background_color: "ffffff",
  css_font_color: "333333",
  css_light_font_color: "757575",
  css_greens: "1e8542",
  css_yellows: "f1c40f",
  css_oranges: "b35e14",
  css_blues: "207ab6",
  css_reds: "de2f1b",
  css_border_color: "E0E0E0",
  css_graph_color: "3498db",
  css_link_color: "207ab6",
  css_no_data: "b3bac5",
  favicon_logo: { updated_at: null, size: null, url: "" },
  transactional_logo: { updated_at: null, original_url: "", size: null, normal_url: "", retina_url: "" },
  hero_cover: {
    updated_at: "2024-06-07T01:12:00Z",
    original_url: "https://x/o.png",
    size: 2048,
    normal_url: "https://x/n.png",
    retina_url: "https://x/r.png"
  },
  email_logo: { updated_at: null, original_url: "", size: null, normal_url: "", retina_url: "" },
  twitter_logo: { updated_at: null, size: null, url: "" },
  ...overrides
})

export const incidentUpdate = (overrides: Record<string, unknown> = {}) => ({
  id: "gkjdpm52nm97",
  incident_id: INCIDENT_ID,
  affected_components: null,
  body: "We are investigating timeouts on the API.",
  created_at: "2024-06-07T01:00:17.309Z",
  custom_tweet: null,
  deliver_notifications: true,
  display_at: "2024-06-06T20:00:17.309-05:00",
  status: "investigating",
  tweet_id: null,
  twitter_updated_at: null,
  updated_at: "2024-06-07T01:00:17.309Z",
  wants_twitter_update: false,
  ...overrides
})

export const incident = (overrides: Record<string, unknown> = {}) => ({
  id: INCIDENT_ID,
  components: [component({ status: "partial_outage" })],
  created_at: "2024-06-07T01:00:17Z",
  impact: "major",
  impact_override: null,
  incident_updates: [
    incidentUpdate({
      id: "p19ll31ysh49",
      status: "monitoring",
      body: "A fix is deployed.",
      affected_components: [
        { code: "ftgks51sfs2d", name: "API", old_status: "partial_outage", new_status: "operational" }
      ]
    }),
    incidentUpdate()
  ],
  metadata: { jira: { issue_id: "OPS-42", linked: true } },
  monitoring_at: "2024-06-07T17:22:28-05:00",
  name: "API timeouts",
  page_id: PAGE_ID,
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
  auto_transition_deliver_notifications_at_end: null,
  auto_transition_deliver_notifications_at_start: null,
  auto_transition_to_maintenance_state: null,
  auto_transition_to_operational_state: null,
  scheduled_remind_prior: false,
  scheduled_reminded_at: null,
  scheduled_until: null,
  shortlink: "https://stspg.io/t4szpmm54wxx",
  status: "monitoring",
  updated_at: "2024-06-07T22:22:28Z",
  reminder_intervals: null,
  ...overrides
})

export const postmortem = (overrides: Record<string, unknown> = {}) => ({
  preview_key: "a1b2c3d4e5",
  body: null,
  body_updated_at: null,
  body_draft: "Root cause: a saturated connection pool.",
  body_draft_updated_at: "2024-06-08T09:15:00.120-05:00",
  published_at: null,
  notify_subscribers: false,
  notify_twitter: false,
  custom_tweet: null,
  created_at: "2024-06-08T14:15:00Z",
  updated_at: "2024-06-08T14:15:00Z",
  ...overrides
})

export const incidentTemplate = (overrides: Record<string, unknown> = {}) => ({
  id: "tmpl8k2m9x1q",
  components: [component()],
  name: "Database degraded",
  title: "Degraded database performance",
  body: "We are seeing slow queries and are looking into it.",
  group_id: null,
  update_status: "investigating",
  should_tweet: false,
  should_send_notifications: true,
  ...overrides
})
