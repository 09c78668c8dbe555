/**
 * What the page should show for one key, from the alerts seen under it: the worst status wins across the alerts, the
 * key resolves only once every alert of it has resolved, and the flapping guard holds both back for a while.
 *
 * Pure functions of the alerts and the time, so that the bridge is the same after a restart: an alert's age comes
 * from the sender's `startsAt` and `endsAt`, and falls back to when the bridge first saw it.
 *
 * @since 0.1.0
 */
import type { Alert } from "./BridgeAlert.js"
import * as BridgeRouting from "./BridgeRouting.js"

/**
 * One alert as a key remembers it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Tracked {
  readonly alert: Alert
  readonly severity: string
  readonly components: ReadonlyArray<string>
  /** When the bridge first saw it in its current status (epoch ms). */
  readonly seenAt: number
}

/**
 * All the bridge knows about one key. `published` is `never` while nothing was ever asked for it in this process
 * (so a key that flapped under the guard resolves silently) and `maybe` once something may have been published, or
 * when the key was first seen resolved (after a restart, say).
 *
 * @since 0.1.0
 * @category Models
 */
export interface KeyState {
  readonly key: string
  readonly route: BridgeRouting.Route
  readonly alerts: ReadonlyMap<string, Tracked>
  readonly published: "never" | "maybe"
}

/**
 * What to ask of the page for a key.
 *
 * @since 0.1.0
 * @category Models
 */
export type Desired = Firing | Resolved

/**
 * @since 0.1.0
 * @category Models
 */
export interface Firing {
  readonly _tag: "Firing"
  /** The key's own components and the worst status its alerts ask for each. */
  readonly components: Readonly<Record<string, BridgeRouting.ComponentStatus>>
  readonly incident:
    | {
        readonly name: string
        readonly body: string | undefined
        readonly impact: BridgeRouting.Impact
        readonly status: "investigating" | "identified" | "monitoring"
      }
    | undefined
  readonly deliverNotifications: boolean
  /** The fingerprints of the key's firing alerts (old enough or not), sorted. */
  readonly fingerprints: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Resolved {
  readonly _tag: "Resolved"
  /** Every component the key's alerts touched. */
  readonly components: ReadonlyArray<string>
  readonly incident: { readonly body: string | undefined } | undefined
  readonly deliverNotifications: boolean
  /** The fingerprints of the key's alerts, all resolved, sorted. */
  readonly fingerprints: ReadonlyArray<string>
}

/**
 * The flapping guard, in milliseconds (0: off).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Guard {
  readonly minFiring: number
  readonly minQuiet: number
}

/**
 * The outcome of looking at a key: `desired` (`undefined`: leave the page as it is for now) and `wakeAt`, when to look
 * again without a new notification (a firing alert comes of age, or the quiet time ends).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Evaluation {
  readonly desired: Desired | undefined
  readonly wakeAt: number | undefined
  /** Every alert resolved, the quiet time not over yet: the resolve to make at `wakeAt`. */
  readonly pending?: Resolved | undefined
}

/**
 * Records a notification's alert under its key: a new status replaces the old one (latest state wins), a repeat of
 * the same status keeps the original `seenAt`.
 *
 * @since 0.1.0
 * @category Updating
 */
export const track = (
  state: KeyState | undefined,
  routed: BridgeRouting.Routed,
  alert: Alert,
  now: number
): KeyState => {
  const alerts = new Map(state?.alerts ?? [])
  const previous = alerts.get(alert.fingerprint)
  const seenAt = previous !== undefined && previous.alert.status === alert.status ? previous.seenAt : now
  alerts.set(alert.fingerprint, { alert, severity: routed.severity, components: routed.components, seenAt })
  const published = state?.published ?? (alert.status === "resolved" ? "maybe" : "never")
  return { key: routed.key, route: routed.route, alerts, published }
}

// A sender's clock ahead of ours must not delay anything: times are capped at when the bridge saw them.
const started = (t: Tracked): number => Math.min(t.alert.startsAt ?? t.seenAt, t.seenAt)
const ended = (t: Tracked): number => Math.min(t.alert.endsAt ?? t.seenAt, t.seenAt)

const minOf = (values: ReadonlyArray<number>): number | undefined =>
  values.length === 0 ? undefined : Math.min(...values)

// The alert a key's texts are rendered from: the worst, then the oldest, then by fingerprint so that every replica
// picks the same one.
const representative = (route: BridgeRouting.Route, ready: ReadonlyArray<Tracked>): Tracked =>
  [...ready].sort(
    (a, b) =>
      BridgeRouting.compareStatus(route.status(b.severity), route.status(a.severity)) ||
      (route.incident === undefined
        ? 0
        : BridgeRouting.compareImpact(route.incident.impact(b.severity), route.incident.impact(a.severity))) ||
      started(a) - started(b) ||
      (a.alert.fingerprint < b.alert.fingerprint ? -1 : a.alert.fingerprint > b.alert.fingerprint ? 1 : 0)
  )[0]!

const fingerprints = (tracked: ReadonlyArray<Tracked>): ReadonlyArray<string> =>
  tracked.map((t) => t.alert.fingerprint).sort()

const firing = (state: KeyState, ready: ReadonlyArray<Tracked>, live: ReadonlyArray<Tracked>): Firing => {
  const route = state.route
  const components: Record<string, BridgeRouting.ComponentStatus> = {}
  for (const t of ready) {
    const status = route.status(t.severity)
    for (const name of t.components)
      components[name] = BridgeRouting.worseStatus(components[name] ?? "operational", status)
  }
  const incident = route.incident
  if (incident === undefined) {
    return {
      _tag: "Firing",
      components,
      incident: undefined,
      deliverNotifications: route.deliverNotifications,
      fingerprints: fingerprints(live)
    }
  }
  const rep = representative(route, ready)
  const context = {
    labels: rep.alert.labels,
    annotations: rep.alert.annotations,
    key: state.key,
    severity: rep.severity,
    count: ready.length
  }
  return {
    _tag: "Firing",
    components,
    incident: {
      name: incident.name(context),
      body: incident.body?.(context),
      impact: ready.map((t) => incident.impact(t.severity)).reduce(BridgeRouting.worseImpact, "none"),
      status: incident.status
    },
    deliverNotifications: route.deliverNotifications,
    fingerprints: fingerprints(live)
  }
}

const resolved = (state: KeyState): Resolved => {
  const all = [...state.alerts.values()]
  const incident = state.route.incident
  const last = all.reduce((a, b) => (ended(b) > ended(a) ? b : a))
  return {
    _tag: "Resolved",
    components: [...new Set(all.flatMap((t) => t.components))].sort(),
    incident:
      incident === undefined
        ? undefined
        : {
            body: incident.resolveBody?.({
              labels: last.alert.labels,
              annotations: last.alert.annotations,
              key: state.key,
              severity: last.severity,
              count: 0
            })
          },
    deliverNotifications: state.route.deliverNotifications,
    fingerprints: fingerprints(all)
  }
}

/**
 * Looks at a key at `now`:
 * - alerts firing for at least `minFiring`: `Firing`, the worst status per component and the worst impact;
 * - alerts firing, none old enough yet: nothing changes (the page keeps what it shows), look again when one is;
 * - every alert resolved for at least `minQuiet`: `Resolved`; before that, nothing changes until the quiet time ends
 *   (`pending` is the resolve to make then).
 *
 * @since 0.1.0
 * @category Evaluating
 */
export const evaluate = (state: KeyState, now: number, guard: Guard): Evaluation => {
  const all = [...state.alerts.values()]
  const live = all.filter((t) => t.alert.status === "firing")
  if (live.length > 0) {
    const ready = live.filter((t) => now - started(t) >= guard.minFiring)
    const wakeAt = minOf(
      live.filter((t) => now - started(t) < guard.minFiring).map((t) => started(t) + guard.minFiring)
    )
    return { desired: ready.length > 0 ? firing(state, ready, live) : undefined, wakeAt }
  }
  const quietSince = Math.max(...all.map(ended))
  if (now - quietSince >= guard.minQuiet) return { desired: resolved(state), wakeAt: undefined }
  return { desired: undefined, wakeAt: quietSince + guard.minQuiet, pending: resolved(state) }
}
