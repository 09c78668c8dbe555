/**
 * @since 0.1.0
 */

/**
 * Component groups: named sets of components shown together.
 *
 * @since 0.1.0
 */
export * as ComponentGroups from "./ComponentGroups.js"

/**
 * Components: the parts of a service whose status a page shows.
 *
 * @since 0.1.0
 */
export * as Components from "./Components.js"

/**
 * Declaring endpoints: one declaration gives the action, the facade method, the fake's route and the coverage row.
 *
 * @since 0.1.0
 */
export * as Endpoint from "./Endpoint.js"

/**
 * Incident postmortems: write a draft, publish it, revert it to a draft, or delete it.
 *
 * @since 0.1.0
 */
export * as IncidentPostmortems from "./IncidentPostmortems.js"
/**
 * Incident subscribers: people notified of one incident only.
 *
 * @since 0.1.0
 */
export * as IncidentSubscribers from "./IncidentSubscribers.js"
/**
 * Incidents: realtime incidents and scheduled maintenances, with their timeline of updates.
 *
 * @since 0.1.0
 */
export * as Incidents from "./Incidents.js"

/**
 * Incident templates: canned names and messages for new incidents.
 *
 * @since 0.1.0
 */
export * as IncidentTemplates from "./IncidentTemplates.js"

/**
 * Incident updates: editing the entries of an incident's timeline.
 *
 * @since 0.1.0
 */
export * as IncidentUpdates from "./IncidentUpdates.js"

/**
 * Metrics: the graphs a page shows and their data points.
 *
 * @since 0.1.0
 */
export * as Metrics from "./Metrics.js"

/**
 * Metrics providers: the monitoring services linked to a page.
 *
 * @since 0.1.0
 */
export * as MetricsProviders from "./MetricsProviders.js"

/**
 * Page access groups: sets of page access users and the components they may see.
 *
 * @since 0.1.0
 */
export * as PageAccessGroups from "./PageAccessGroups.js"

/**
 * Page access users: who may see an audience-specific page, and which components and metrics.
 *
 * @since 0.1.0
 */
export * as PageAccessUsers from "./PageAccessUsers.js"

/**
 * Pages: the status pages of the account, and the settings of each.
 *
 * @since 0.1.0
 */
export * as Pages from "./Pages.js"
/**
 * Every item of a list action across pages: `Pagination.stream` and `Pagination.collect`.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"
/**
 * Permissions: a user's pages and roles (organization scope).
 *
 * @since 0.1.0
 */
export * as Permissions from "./Permissions.js"
/**
 * The default policies around the `HttpClient`: deadline, retries, pacing, per-attempt timeout.
 *
 * @since 0.1.0
 */
export * as Policies from "./Policies.js"
/**
 * Pacing to Statuspage's rolling-window rate limit, one budget per API key.
 *
 * @since 0.1.0
 */
export * as RateLimiter from "./RateLimiter.js"
/**
 * The escape hatch: any method on any path, through the same auth, checks, errors and policies as the actions.
 *
 * @since 0.1.0
 */
export * as Raw from "./Raw.js"
/**
 * Safe retries: backoff with jitter, `Retry-After`, never repeating a POST or PATCH that may have been processed.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * The status embed config: how the embeddable status widget looks.
 *
 * @since 0.1.0
 */
export * as StatusEmbedConfig from "./StatusEmbedConfig.js"
/**
 * The seed-style facade: `client.components.list()`.
 *
 * @since 0.1.0
 */
export * as StatusPageClient from "./StatusPageClient.js"
/**
 * The settings every action reads.
 *
 * @since 0.1.0
 */
export * as StatusPageConfig from "./StatusPageConfig.js"
/**
 * The five tagged errors.
 *
 * @since 0.1.0
 */
export * as StatusPageError from "./StatusPageError.js"
/**
 * The one-call layer for fetch-only runtimes (Bun, Deno, Cloudflare Workers): config from `Config`, `FetchHttpClient`,
 * the default policies.
 *
 * @since 0.1.0
 */
export * as StatusPageFetch from "./StatusPageFetch.js"
/**
 * The public Status API v2 of any Statuspage-hosted page: summary, status, components, incidents, maintenances.
 *
 * @since 0.1.0
 */
export * as StatusPagePublic from "./StatusPagePublic.js"
/**
 * Watches a page's summary and emits what changed.
 *
 * @since 0.1.0
 */
export * as StatusPageWatcher from "./StatusPageWatcher.js"
/**
 * Webhook notifications: schemas, a decoder and an `HttpApp` handler.
 *
 * @since 0.1.0
 */
export * as StatusPageWebhook from "./StatusPageWebhook.js"
/**
 * Page subscribers and the bulk actions on them.
 *
 * @since 0.1.0
 */
export * as Subscribers from "./Subscribers.js"
/**
 * Per-attempt timeout and overall deadline.
 *
 * @since 0.1.0
 */
export * as Timeout from "./Timeout.js"
/**
 * Users: the team members of an organization.
 *
 * @since 0.1.0
 */
export * as Users from "./Users.js"
