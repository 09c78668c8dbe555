/** Page-access payloads as the digest describes them (§3), for decoding tests. */
import { PAGE_ID } from "./fixtures.js"

export const pageAccessUser = (overrides: Record<string, unknown> = {}) => ({
  id: "s1p7np39jb75",
  page_id: PAGE_ID,
  email: "user@example.com",
  external_login: null,
  page_access_group_id: null,
  page_access_group_ids: ["yk8z399hgfxm"],
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  ...overrides
})

export const pageAccessGroup = (overrides: Record<string, unknown> = {}) => ({
  id: "yk8z399hgfxm",
  page_id: PAGE_ID,
  name: "Customers",
  page_access_user_ids: ["w1cq8359wjkn"],
  external_identifier: null,
  metric_ids: ["wyzy9k6g3v91"],
  component_ids: ["dg8fb9vf8jtr"],
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  ...overrides
})

export const metric = (overrides: Record<string, unknown> = {}) => ({
  id: "wyzy9k6g3v91",
  metrics_provider_id: null,
  metric_identifier: null,
  name: "Latency",
  display: true,
  tooltip_description: null,
  backfilled: false,
  y_axis_min: null,
  y_axis_max: null,
  y_axis_hidden: false,
  suffix: "ms",
  decimal_places: 0,
  most_recent_data_at: null,
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  ...overrides
})
