/**
 * The one registry of the fake's handlers: a group's handlers live in `internal/<group>.ts` and are added here under
 * the group's facade name. Every group of `StatusPageClient.Groups` must have an entry (a new group without one does
 * not compile); `StatusPageTest.unhandled` lists declared endpoints that have no handler.
 */
import type { Groups } from "@effect-statuspage/core/StatusPageClient"
import { componentGroups } from "./componentGroups.js"
import { components } from "./components.js"
import type { GroupHandlers } from "./handler.js"
import { incidentSubscribers } from "./incidentSubscribers.js"
import { incidentPostmortems, incidents, incidentTemplates, incidentUpdates } from "./incidents.js"
import { metrics, metricsProviders } from "./metrics.js"
import { componentPageAccess, pageAccessGroups, pageAccessUsers } from "./pageAccess.js"
import { pages } from "./pages.js"
import { statusEmbedConfig } from "./statusEmbedConfig.js"
import { subscribers } from "./subscribers.js"
import { permissions, users } from "./users.js"

export const handlers: { readonly [G in keyof Groups]: GroupHandlers<Groups[G]> } = {
  components: { ...components, ...componentPageAccess },
  pages,
  incidents,
  incidentUpdates,
  incidentPostmortems,
  incidentTemplates,
  componentGroups,
  subscribers,
  incidentSubscribers,
  statusEmbedConfig,
  metrics,
  metricsProviders,
  pageAccessUsers,
  pageAccessGroups,
  users,
  permissions
}
