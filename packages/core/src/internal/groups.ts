/**
 * The one list of resource groups: each module that declares endpoints, once. The barrel re-exports it and
 * `StatusPageClient.groups` (the facade, docs and the fake's routes) is derived from it: a new group is its module, its
 * schemas, its fake handlers and one line here.
 */

/**
 * Component groups: named sets of components shown together.
 *
 * @since 0.1.0
 */
export * as ComponentGroups from "../ComponentGroups.js"

/**
 * Components: the parts of a service whose status a page shows.
 *
 * @since 0.1.0
 */
export * as Components from "../Components.js"

/**
 * Incident postmortems: write a draft, publish it, revert it to a draft, or delete it.
 *
 * @since 0.1.0
 */
export * as IncidentPostmortems from "../IncidentPostmortems.js"

/**
 * Incident subscribers: people notified of one incident only.
 *
 * @since 0.1.0
 */
export * as IncidentSubscribers from "../IncidentSubscribers.js"

/**
 * Incidents: realtime incidents and scheduled maintenances, with their timeline of updates.
 *
 * @since 0.1.0
 */
export * as Incidents from "../Incidents.js"

/**
 * Incident templates: canned names and messages for new incidents.
 *
 * @since 0.1.0
 */
export * as IncidentTemplates from "../IncidentTemplates.js"

/**
 * Incident updates: editing the entries of an incident's timeline.
 *
 * @since 0.1.0
 */
export * as IncidentUpdates from "../IncidentUpdates.js"

/**
 * Metrics: the graphs a page shows and their data points.
 *
 * @since 0.1.0
 */
export * as Metrics from "../Metrics.js"

/**
 * Metrics providers: the monitoring services linked to a page.
 *
 * @since 0.1.0
 */
export * as MetricsProviders from "../MetricsProviders.js"

/**
 * Page access groups: sets of page access users and the components they may see.
 *
 * @since 0.1.0
 */
export * as PageAccessGroups from "../PageAccessGroups.js"

/**
 * Page access users: who may see an audience-specific page, and which components and metrics.
 *
 * @since 0.1.0
 */
export * as PageAccessUsers from "../PageAccessUsers.js"

/**
 * Pages: the status pages of the account, and the settings of each.
 *
 * @since 0.1.0
 */
export * as Pages from "../Pages.js"

/**
 * Permissions: a user's pages and roles (organization scope).
 *
 * @since 0.1.0
 */
export * as Permissions from "../Permissions.js"

/**
 * The status embed config: how the embeddable status widget looks.
 *
 * @since 0.1.0
 */
export * as StatusEmbedConfig from "../StatusEmbedConfig.js"

/**
 * Page subscribers and the bulk actions on them.
 *
 * @since 0.1.0
 */
export * as Subscribers from "../Subscribers.js"

/**
 * Users: the team members of an organization.
 *
 * @since 0.1.0
 */
export * as Users from "../Users.js"
