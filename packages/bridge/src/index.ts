/**
 * @since 0.1.0
 */

/**
 * The engine: keeps the alerts of each key and publishes what the page should show, in the background.
 *
 * @since 0.1.0
 */
export * as Bridge from "./Bridge.js"

/**
 * Incoming alerts: Alertmanager webhook v4, Grafana unified alerting and the generic format, decoded into one shape.
 *
 * @since 0.1.0
 */
export * as BridgeAlert from "./BridgeAlert.js"

/**
 * The routing config (YAML), validated with line-precise errors.
 *
 * @since 0.1.0
 */
export * as BridgeConfig from "./BridgeConfig.js"

/**
 * The bridge as an `HttpApp`: webhooks, `/healthz`, `/metrics`.
 *
 * @since 0.1.0
 */
export * as BridgeHandler from "./BridgeHandler.js"

/**
 * Where the bridge's writes go: the workflows jobs by default.
 *
 * @since 0.1.0
 */
export * as BridgePublisher from "./BridgePublisher.js"

/**
 * Routing: the route, key, components, status and impact of an alert.
 *
 * @since 0.1.0
 */
export * as BridgeRouting from "./BridgeRouting.js"

/**
 * What the page should show for one key: worst status wins, resolve when all resolved, the flapping guard.
 *
 * @since 0.1.0
 */
export * as BridgeState from "./BridgeState.js"
