/** Realistic payloads, written from the API digest, for decoding tests. */
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"

export const API_KEY = "sk-test-9f2c4e1d8b7a"
export const PAGE_ID = "kctbh9vrtdwd"
export const ORG_ID = "org5xbmj7f2q"

export const configLayer = (options: Partial<StatusPageConfig.Options> = {}) =>
  StatusPageConfig.layer({
    apiKey: API_KEY,
    pageId: PAGE_ID,
    organizationId: ORG_ID,
    baseUrl: "https://api.statuspage.io/v1",
    ...options
  })

export const component = (overrides: Record<string, unknown> = {}) => ({
  id: "ftgks51sfs2d",
  page_id: PAGE_ID,
  group_id: null,
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  group: false,
  name: "API",
  description: null,
  position: 1,
  status: "operational",
  showcase: true,
  only_show_if_degraded: false,
  automation_email: "component+ftgks51sfs2d@notifications.statuspage.io",
  start_date: "2024-05-14",
  ...overrides
})

/** A component group as the API returns it (components as ids, position as a number). */
export const group = (overrides: Record<string, unknown> = {}) => ({
  id: "r6qmcd0cx8dh",
  page_id: PAGE_ID,
  name: "Backend",
  description: "Servers behind the API",
  components: ["ftgks51sfs2d", "8kbf7d35c070"],
  position: 2,
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  ...overrides
})

/** An email subscriber as the API returns it: `components` is a list of ids, unused contact fields are null. */
export const subscriber = (overrides: Record<string, unknown> = {}) => ({
  id: "wxz6mz7rlj3n",
  mode: "email",
  skip_confirmation_notification: false,
  email: "ops@example.com",
  endpoint: null,
  phone_number: null,
  phone_country: null,
  display_phone_number: null,
  obfuscated_channel_name: null,
  workspace_name: null,
  quarantined_at: null,
  purge_at: null,
  components: ["ftgks51sfs2d"],
  page_access_user_id: null,
  created_at: "2024-05-14T14:22:39.441-06:00",
  ...overrides
})
