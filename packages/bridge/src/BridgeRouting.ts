/**
 * Routing: which route an alert takes (the first whose matchers all hold), the key it counts under, the components
 * it touches and the status, impact and texts it asks for.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { Alert } from "./BridgeAlert.js"
import * as BridgeConfig from "./BridgeConfig.js"
import * as Template from "./internal/template.js"

/**
 * The component statuses an alert can ask for, from best to worst: the worst asked for wins.
 *
 * @since 0.1.0
 * @category Models
 */
export type ComponentStatus = "operational" | typeof BridgeConfig.ComponentStatus.Type

/**
 * @since 0.1.0
 * @category Models
 */
export type Impact = typeof BridgeConfig.Impact.Type

const statusRank: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4
}
const impactRank: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 }

/**
 * The worse of two component statuses.
 *
 * @since 0.1.0
 * @category Merging
 */
export const worseStatus = (a: ComponentStatus, b: ComponentStatus): ComponentStatus =>
  statusRank[b] > statusRank[a] ? b : a

/**
 * The worse of two impacts.
 *
 * @since 0.1.0
 * @category Merging
 */
export const worseImpact = (a: Impact, b: Impact): Impact => (impactRank[b] > impactRank[a] ? b : a)

/**
 * @since 0.1.0
 * @category Merging
 */
export const compareStatus = (a: ComponentStatus, b: ComponentStatus): number => statusRank[a] - statusRank[b]

/**
 * @since 0.1.0
 * @category Merging
 */
export const compareImpact = (a: Impact, b: Impact): number => impactRank[a] - impactRank[b]

/**
 * A route ready to use: matchers compiled, templates compiled.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Route {
  readonly name: string
  readonly matches: (labels: Readonly<Record<string, string>>) => boolean
  /** The labels the matchers name, with their values, as text: the default key without a group key. */
  readonly matchedLabels: (labels: Readonly<Record<string, string>>) => string
  readonly components: ReadonlyArray<Template.Template>
  readonly status: (severity: string) => ComponentStatus
  readonly incident: Incident | undefined
  readonly key: Template.Template | undefined
  readonly deliverNotifications: boolean
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Incident {
  readonly name: Template.Template
  readonly body: Template.Template | undefined
  readonly resolveBody: Template.Template | undefined
  readonly impact: (severity: string) => Impact
  readonly status: "investigating" | "identified" | "monitoring"
}

// The config was validated, so every template compiles.
const template = (text: string): Template.Template => Either.getOrThrow(Template.compile(text))

const compileRoute = (route: BridgeConfig.Route): Route => {
  const equal = Object.entries(route.match ?? {})
  const regex = Object.entries(route.match_re ?? {}).map(([name, text]) => [name, new RegExp(`^(?:${text})$`)] as const)
  const named = [...new Set([...equal.map(([name]) => name), ...regex.map(([name]) => name)])].sort()
  const incident = route.incident === undefined || route.incident === false ? undefined : route.incident
  return {
    name: route.name,
    // As in Alertmanager, a missing label matches as the empty string.
    matches: (labels) =>
      equal.every(([name, value]) => (labels[name] ?? "") === value) &&
      regex.every(([name, re]) => re.test(labels[name] ?? "")),
    matchedLabels: (labels) => named.map((name) => `${name}=${JSON.stringify(labels[name] ?? "")}`).join(","),
    components: (route.components ?? []).map(template),
    status: (severity) => BridgeConfig.bySeverity<ComponentStatus>(route.status, severity, "partial_outage"),
    incident:
      incident === undefined
        ? undefined
        : {
            name: template(incident.name),
            body: incident.body === undefined ? undefined : template(incident.body),
            resolveBody: incident.resolve_body === undefined ? undefined : template(incident.resolve_body),
            impact: (severity) => BridgeConfig.bySeverity<Impact>(incident.impact, severity, "minor"),
            status: incident.status ?? "investigating"
          },
    key: route.key === undefined ? undefined : template(route.key),
    deliverNotifications: route.deliver_notifications ?? true
  }
}

/**
 * Where one alert goes: its route, its key, its severity and the names of the components it touches.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Routed {
  readonly route: Route
  readonly key: string
  readonly severity: string
  readonly components: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Router {
  readonly routes: ReadonlyArray<Route>
  /** The first matching route, or `undefined` when none matches (the alert is dropped and counted). */
  readonly route: (alert: Alert, groupKey: string | undefined) => Routed | undefined
}

/**
 * Compiles a validated config.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (config: BridgeConfig.BridgeConfig): Router => {
  const routes = config.routes.map(compileRoute)
  const severityLabel = config.severity_label ?? "severity"
  return {
    routes,
    route: (alert, groupKey) => {
      const route = routes.find((r) => r.matches(alert.labels))
      if (route === undefined) return undefined
      const severity = alert.labels[severityLabel] ?? ""
      const matched = route.matchedLabels(alert.labels)
      const derived =
        groupKey !== undefined && groupKey !== ""
          ? `${route.name}/${groupKey}`
          : matched === ""
            ? route.name
            : `${route.name}/${matched}`
      const context = { labels: alert.labels, annotations: alert.annotations, key: derived, severity, count: 1 }
      const key = route.key === undefined ? derived : route.key(context)
      const components = [...new Set(route.components.map((t) => t({ ...context, key })).filter((n) => n !== ""))]
      return { route, key, severity, components }
    }
  }
}
