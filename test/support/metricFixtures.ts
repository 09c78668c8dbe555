/** Payloads for the metrics, metrics-provider, user and permissions tests, written from the API digest. */
import { ORG_ID, PAGE_ID } from "./fixtures.js"

export const metric = (overrides: Record<string, unknown> = {}) => ({
  id: "m1xkqz0b7dpn",
  metrics_provider_id: "mp9wfd2k3r1c",
  metric_identifier: "api.latency.p95",
  name: "API latency",
  display: true,
  tooltip_description: null,
  backfilled: false,
  y_axis_min: 0.0,
  y_axis_max: 1500.5,
  y_axis_hidden: false,
  suffix: "ms",
  decimal_places: 0,
  most_recent_data_at: "2024-05-14T20:22:30Z",
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  last_fetched_at: null,
  backfill_percentage: 100,
  reference_name: "Latency",
  ...overrides
})

export const metricsProvider = (overrides: Record<string, unknown> = {}) => ({
  id: "mp9wfd2k3r1c",
  type: "Datadog",
  disabled: false,
  metric_base_uri: "https://api.datadoghq.com/api/v1",
  last_revalidated_at: "2024-05-14T20:22:39Z",
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  page_id: PAGE_ID,
  ...overrides
})

export const user = (overrides: Record<string, unknown> = {}) => ({
  id: "u7c2mlr0qs4z",
  organization_id: ORG_ID,
  email: "ana@example.com",
  first_name: "Ana",
  last_name: null,
  created_at: "2024-05-14T14:22:39.441-06:00",
  updated_at: "2024-05-14T20:22:39Z",
  ...overrides
})
