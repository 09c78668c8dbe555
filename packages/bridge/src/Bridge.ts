/**
 * The bridge's engine: takes decoded notifications, keeps the alerts of each key, and publishes what the page should
 * show through the `BridgePublisher`, in the background.
 *
 * Notifications only mark keys as pending (a key pending twice is written once: latest state wins). A loop waits
 * `settle` after the first pending key, then takes every pending key in one round: incidents are ensured or resolved
 * with bounded concurrency, and the components of keys without incidents go out in one `setComponents` call. A
 * component shows the worst status any firing key asks for, so one key resolving does not clear a component another
 * key still holds. Writes go through the `HttpClient` of the publisher, so they are paced by its rate limiter.
 *
 * Nothing here must survive a restart: the keys' incidents live on the page (found again by key) and the alerts'
 * ages come from the senders' own times. A resolve waiting out `min_quiet` is recorded on its incident (one PATCH
 * when the last alert of the key resolves), and with `min_quiet` set the engine lists the page's open incidents at
 * start and then every `sweepMillis`, and finishes the recorded resolves that are due (the process after a restart,
 * or another replica when the one that recorded it is gone). What is still lost is an alert waiting out
 * `min_firing`, and the return to operational of components of an incident-less key waiting out `min_quiet`: the
 * sender's next notification of the group brings them back.
 *
 * Stopping drains: when the engine's scope closes (or on `drain`), new notifications are refused (`StoppingError`;
 * the handler answers `503`, so the sender retries later or elsewhere), the settle time is cut short, and the close
 * waits until no key is pending and the round being written is done, at most `drainTimeoutMillis`; then it logs the
 * keys left unwritten (also those waiting for a retry), which the senders' next notifications bring back.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import type { Notification } from "./BridgeAlert.js"
import type * as BridgeConfig from "./BridgeConfig.js"
import * as BridgePublisher from "./BridgePublisher.js"
import * as BridgeRouting from "./BridgeRouting.js"
import * as BridgeState from "./BridgeState.js"
import { Metrics } from "./internal/metrics.js"

/**
 * What one notification did: alerts taken, and alerts no route matched (dropped).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Ingested {
  readonly routed: number
  readonly unrouted: number
}

/**
 * A notification that arrived once the engine had begun to stop: nothing of it was taken.
 *
 * @since 0.1.0
 * @category Errors
 */
export class StoppingError extends Schema.TaggedError<StoppingError>("@effect-statuspage/bridge/StoppingError")(
  "StoppingError",
  { message: Schema.String }
) {}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Service {
  readonly router: BridgeRouting.Router
  /**
   * Records the alerts and marks their keys pending; the writes happen in the background. Fails once the engine
   * drains.
   */
  readonly ingest: (notification: Notification) => Effect.Effect<Ingested, StoppingError>
  /** Counts a request the handler refused (`reason`: `unauthorized`, `too_large`, `malformed`, ...). */
  readonly reject: (reason: string) => Effect.Effect<void>
  /** The counters in Prometheus text format. */
  readonly metrics: Effect.Effect<string>
  /**
   * Waits until no key is pending, no round is running and the first look for recorded resolves is done (wake-ups
   * scheduled for later do not count).
   */
  readonly awaitIdle: Effect.Effect<void>
  /**
   * Stops taking notifications and waits (at most `drainTimeoutMillis`) until the queued keys are written; logs the
   * keys left. Runs once: later calls, and the close of the engine's scope, wait for the first one to end (at once
   * when it was interrupted, so that a second Ctrl-C can cut a stop short).
   */
  readonly drain: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category Context
 */
export class Bridge extends Context.Tag("@effect-statuspage/bridge/Bridge")<Bridge, Service>() {}

/**
 * Engine settings; `fromConfig` reads them from the routing config.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  readonly guard: BridgeState.Guard
  readonly concurrency: number
  readonly settleMillis: number
  readonly retryMillis: number
  /** How often to look for recorded resolves that are due (with `minQuiet` only); default `max(minQuiet, 60 s)`. */
  readonly sweepMillis?: number | undefined
  /** How long a stop waits for the queued keys to be written (see `drain`); default 30 s. */
  readonly drainTimeoutMillis?: number | undefined
}

/**
 * @since 0.1.0
 * @category Constructors
 */
export const fromConfig = (config: BridgeConfig.BridgeConfig): Options => ({
  guard: { minFiring: config.flapping?.min_firing ?? 0, minQuiet: config.flapping?.min_quiet ?? 0 },
  concurrency: config.concurrency ?? 4,
  settleMillis: config.settle ?? 1_000,
  retryMillis: config.retry ?? 30_000,
  drainTimeoutMillis: config.drain_timeout ?? 30_000
})

const metric = {
  received: "statuspage_bridge_alerts_received_total",
  unrouted: "statuspage_bridge_alerts_unrouted_total",
  rejected: "statuspage_bridge_requests_rejected_total",
  coalesced: "statuspage_bridge_coalesced_total",
  unchanged: "statuspage_bridge_unchanged_total",
  published: "statuspage_bridge_published_total",
  failures: "statuspage_bridge_failures_total",
  held: "statuspage_bridge_resolves_held_total",
  recovered: "statuspage_bridge_resolves_recovered_total",
  depth: "statuspage_bridge_queue_depth"
} as const

const newMetrics = (): Metrics => {
  const m = new Metrics()
  m.declare(metric.received, "counter", "Alerts received, by payload format.")
  m.declare(metric.unrouted, "counter", "Alerts no route matched (dropped).")
  m.declare(metric.rejected, "counter", "Webhook requests refused, by reason.")
  m.declare(metric.coalesced, "counter", "Alert changes folded into a write already pending for their key.")
  m.declare(metric.unchanged, "counter", "Pending keys whose page state was already what they ask for (no write).")
  m.declare(metric.published, "counter", "Writes published to Statuspage, by operation.")
  m.declare(metric.failures, "counter", "Writes that failed (retried later), by operation and error.")
  m.declare(metric.held, "counter", "Resolves not made: the incident lists a firing alert not seen resolved here.")
  m.declare(metric.recovered, "counter", "Recorded resolves found on the page and finished here.")
  m.declare(metric.depth, "gauge", "Keys waiting for a round of writes.")
  return m
}

type Action = {
  readonly key: string
  readonly state: BridgeState.KeyState
  readonly desired: BridgeState.Desired
  /** The components whose status may change: the key's old and new ones. */
  readonly touched: ReadonlyArray<string>
}

/** A pending resolve to record on the key's incident (`undefined`: to clear, the key fires again). */
type Note = { readonly key: string; readonly pending: BridgePublisher.PendingResolve | undefined }

/**
 * Starts the engine in the current scope; closing the scope drains it (see `Service.drain`), then stops the loop.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (
  config: BridgeConfig.BridgeConfig,
  options: Options = fromConfig(config)
): Effect.Effect<Service, never, Scope.Scope | BridgePublisher.BridgePublisher> =>
  Effect.gen(function* () {
    const publisher = yield* BridgePublisher.BridgePublisher
    const scope = yield* Effect.scope
    const router = BridgeRouting.make(config)
    const metrics = newMetrics()
    const keys = new Map<string, BridgeState.KeyState>()
    // The firing keys as last decided: a component's status is the worst of these.
    const firing = new Map<string, BridgeState.Firing>()
    // What was last written, to skip writes that would change nothing.
    const ensured = new Map<string, string>()
    const componentsShown = new Map<string, BridgeRouting.ComponentStatus>()
    const pending = new Set<string>()
    const wakeAt = new Map<string, number>()
    // Pending resolves recorded on the page: when each is due, as recorded by this process.
    const recorded = new Map<string, number>()
    // Pending resolves found on the page for keys this process has no alerts of.
    const recovered = new Map<string, BridgePublisher.Pending>()
    const wake = yield* Effect.makeLatch(false)
    const sweepMillis = options.sweepMillis ?? Math.max(options.guard.minQuiet, 60_000)
    let sweeping = options.guard.minQuiet > 0
    // The keys of the round being written, and those waiting for a retry: what a stop may leave unwritten.
    let running: ReadonlyArray<string> = []
    const retrying = new Set<string>()
    const stopping = yield* Deferred.make<void>()
    let idleWaiters: Array<Deferred.Deferred<void>> = []

    const updateDepth = () => metrics.set(metric.depth, pending.size + running.length)
    const mark = (key: string) => {
      if (pending.has(key)) metrics.add(metric.coalesced)
      retrying.delete(key)
      pending.add(key)
      updateDepth()
      wake.unsafeOpen()
    }
    const schedule = (key: string, at: number, now: number) =>
      Effect.suspend(() => {
        const earlier = wakeAt.get(key)
        if (earlier !== undefined && earlier <= at && earlier > now) return Effect.void
        wakeAt.set(key, at)
        return Effect.forkIn(
          Effect.sleep(Math.max(0, at - now)).pipe(
            Effect.zipRight(
              Effect.sync(() => {
                if (wakeAt.get(key) === at) wakeAt.delete(key)
                mark(key)
              })
            )
          ),
          scope
        )
      })

    const shown = (component: string): BridgeRouting.ComponentStatus => {
      let status: BridgeRouting.ComponentStatus = "operational"
      for (const f of firing.values()) {
        const asked = f.components[component]
        if (asked !== undefined) status = BridgeRouting.worseStatus(status, asked)
      }
      return status
    }

    // Decides every pending key at `now`; keys held back schedule their wake-up.
    const decide = (batch: ReadonlyArray<string>, now: number) =>
      Effect.gen(function* () {
        const actions: Array<Action> = []
        const notes: Array<Note> = []
        const due: Array<BridgePublisher.Pending> = []
        for (const key of batch) {
          const state = keys.get(key)
          if (state === undefined) {
            const found = recovered.get(key)
            if (found !== undefined && found.at <= now) due.push(found)
            continue
          }
          const { desired, wakeAt: at, pending: quiet } = BridgeState.evaluate(state, now, options.guard)
          if (at !== undefined) yield* schedule(key, at, now)
          if (state.route.incident !== undefined && state.published === "maybe" && desired === undefined) {
            if (quiet !== undefined && at !== undefined && recorded.get(key) !== at) {
              const pending = {
                at,
                body: quiet.incident?.body,
                deliverNotifications: quiet.deliverNotifications,
                resolved: quiet.fingerprints
              }
              notes.push({ key, pending })
            } else if (quiet === undefined && recorded.has(key)) {
              // Firing again, not yet for `min_firing`: the recorded resolve must not be finished elsewhere.
              notes.push({ key, pending: undefined })
            }
          }
          if (desired === undefined) continue
          const before = Object.keys(firing.get(key)?.components ?? {})
          if (desired._tag === "Firing") {
            firing.set(key, desired)
            keys.set(key, { ...state, published: "maybe" })
          } else {
            firing.delete(key)
            if (state.published === "never") {
              // Held back by the flapping guard for its whole life: nothing was ever written.
              keys.delete(key)
              continue
            }
          }
          const after = desired._tag === "Firing" ? Object.keys(desired.components) : desired.components
          actions.push({ key, state: keys.get(key)!, desired, touched: [...new Set([...before, ...after])].sort() })
        }
        return { actions, notes, due }
      })

    const failed = (operation: string, error: BridgePublisher.PublishError, retryKeys: ReadonlyArray<string>) =>
      Effect.gen(function* () {
        metrics.add(metric.failures, 1, { operation, error: error.tag })
        yield* Effect.logWarning(`statuspage bridge: ${operation} failed, retrying`, error.message)
        const now = yield* Clock.currentTimeMillis
        for (const key of retryKeys) {
          yield* schedule(key, now + options.retryMillis, now)
          retrying.add(key)
        }
      })

    const statuses = (names: ReadonlyArray<string>) => Object.fromEntries(names.map((name) => [name, shown(name)]))

    const forget = (action: Action) =>
      Effect.sync(() => {
        // Alerts that arrived during the write keep the key alive.
        if (keys.get(action.key) === action.state) keys.delete(action.key)
        ensured.delete(action.key)
        recorded.delete(action.key)
      })

    const remember = (components: Readonly<Record<string, BridgeRouting.ComponentStatus>>) =>
      Effect.sync(() => {
        for (const [name, status] of Object.entries(components)) componentsShown.set(name, status)
      })

    const note = ({ key, pending }: Note) =>
      publisher.recordPending(key, pending).pipe(
        Effect.zipRight(
          Effect.sync(() => {
            if (pending === undefined) recorded.delete(key)
            else recorded.set(key, pending.at)
          })
        ),
        Effect.catchAll((error) => failed("recordPending", error, [key]))
      )

    // A resolve recorded on the page by a process gone (or another replica), now due.
    const finish = (found: BridgePublisher.Pending) => {
      const components = statuses(found.components)
      return publisher
        .resolve(found.key, {
          body: found.body,
          components,
          deliverNotifications: found.deliverNotifications,
          resolved: found.resolved,
          pendingAt: found.at
        })
        .pipe(
          Effect.flatMap((outcome) => {
            if (recovered.get(found.key) === found) recovered.delete(found.key)
            if (outcome === "held") return Effect.sync(() => metrics.add(metric.held))
            return Effect.zipRight(
              remember(components),
              Effect.sync(() => {
                metrics.add(metric.recovered)
                metrics.add(metric.published, 1, { operation: "resolve" })
              })
            )
          }),
          Effect.catchAll((error) => failed("resolve", error, [found.key]))
        )
    }

    const publishIncident = (action: Action, incident: BridgeRouting.Incident | undefined) => {
      if (incident === undefined) return Effect.void
      const components = statuses(action.touched)
      const desired = action.desired
      if (desired._tag === "Resolved") {
        return publisher
          .resolve(action.key, {
            body: desired.incident?.body,
            components,
            deliverNotifications: desired.deliverNotifications,
            resolved: desired.fingerprints
          })
          .pipe(
            Effect.flatMap((outcome) =>
              outcome === "resolved"
                ? Effect.zipRight(remember(components), forget(action)).pipe(
                    Effect.zipRight(Effect.sync(() => metrics.add(metric.published, 1, { operation: "resolve" })))
                  )
                : Effect.zipRight(
                    Effect.sync(() => metrics.add(metric.held)),
                    Effect.logInfo(
                      `statuspage bridge: ${action.key} stays open: its incident lists a firing alert not seen resolved here`
                    )
                  )
            ),
            Effect.catchAll((error) => failed("resolve", error, [action.key]))
          )
      }
      const ensure: BridgePublisher.Ensure = {
        name: desired.incident!.name,
        body: desired.incident!.body,
        impact: desired.incident!.impact,
        status: desired.incident!.status,
        components,
        deliverNotifications: desired.deliverNotifications,
        firing: desired.fingerprints
      }
      const text = JSON.stringify(ensure)
      // A recorded resolve makes the page differ: the ensure drops it.
      if (ensured.get(action.key) === text && !recorded.has(action.key)) {
        return Effect.sync(() => metrics.add(metric.unchanged))
      }
      return publisher.ensure(action.key, ensure).pipe(
        Effect.zipRight(remember(components)),
        Effect.zipRight(
          Effect.sync(() => {
            ensured.set(action.key, text)
            recorded.delete(action.key)
          })
        ),
        Effect.tap(() => metrics.add(metric.published, 1, { operation: "ensure" })),
        Effect.catchAll((error) => failed("ensure", error, [action.key]))
      )
    }

    const publishComponents = (actions: ReadonlyArray<Action>) =>
      Effect.suspend(() => {
        if (actions.length === 0) return Effect.void
        const wanted = statuses([...new Set(actions.flatMap((a) => a.touched))])
        const changed = Object.fromEntries(
          Object.entries(wanted).filter(([name, status]) => componentsShown.get(name) !== status)
        )
        const done = Effect.forEach(actions, (a) => (a.desired._tag === "Resolved" ? forget(a) : Effect.void), {
          discard: true
        })
        if (Object.keys(changed).length === 0) {
          return Effect.zipRight(
            Effect.sync(() => metrics.add(metric.unchanged, actions.length)),
            done
          )
        }
        return publisher.setComponents(changed).pipe(
          Effect.zipRight(
            Effect.sync(() => {
              for (const [name, status] of Object.entries(changed)) componentsShown.set(name, status)
              metrics.add(metric.published, 1, { operation: "setComponents" })
            })
          ),
          Effect.zipRight(done),
          Effect.catchAll((error) =>
            failed(
              "setComponents",
              error,
              actions.map((a) => a.key)
            )
          )
        )
      })

    const round = Effect.gen(function* () {
      const batch = [...pending]
      pending.clear()
      running = batch
      updateDepth()
      const { actions, notes, due } = yield* decide(batch, yield* Clock.currentTimeMillis)
      const incidents = actions.filter((a) => a.state.route.incident !== undefined)
      yield* Effect.forEach(
        [...incidents.map((a) => publishIncident(a, a.state.route.incident)), ...notes.map(note), ...due.map(finish)],
        (write) => write,
        { concurrency: options.concurrency, discard: true }
      )
      yield* publishComponents(actions.filter((a) => a.state.route.incident === undefined))
    }).pipe(
      Effect.ensuring(
        Effect.sync(() => {
          running = []
          updateDepth()
        })
      )
    )

    const idle = () => pending.size === 0 && running.length === 0 && !sweeping
    const wakeIdleWaiters = Effect.suspend(() => {
      if (!idle()) return Effect.void
      const waiters = idleWaiters
      idleWaiters = []
      return Effect.forEach(waiters, (d) => Deferred.succeed(d, undefined), { discard: true })
    })

    const loop = Effect.gen(function* () {
      for (;;) {
        yield* wake.await
        yield* wake.close
        // Nothing more comes in once stopping: no reason to gather longer.
        yield* Effect.raceFirst(Effect.sleep(options.settleMillis), Deferred.await(stopping))
        yield* round
        if (pending.size > 0) yield* wake.open
        else yield* wakeIdleWaiters
      }
    })
    yield* Effect.forkIn(loop, scope)

    // The recorded resolves of keys this process has no alerts of: each is finished by a round when due.
    const sweep = publisher.listPending.pipe(
      Effect.flatMap((found) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Effect.forEach(
            found.filter((f) => !keys.has(f.key)),
            (f) => {
              recovered.set(f.key, f)
              return f.at <= now ? Effect.sync(() => mark(f.key)) : schedule(f.key, f.at, now)
            },
            { discard: true }
          )
        )
      ),
      Effect.catchAll((error) =>
        Effect.sync(() => metrics.add(metric.failures, 1, { operation: "listPending", error: error.tag })).pipe(
          Effect.zipRight(Effect.logWarning("statuspage bridge: listing pending resolves failed", error.message))
        )
      ),
      Effect.ensuring(
        Effect.suspend(() => {
          sweeping = false
          return wakeIdleWaiters
        })
      )
    )
    if (sweeping) yield* Effect.forkIn(Effect.forever(Effect.zipRight(sweep, Effect.sleep(sweepMillis))), scope)

    const awaitIdle = Effect.suspend(() => {
      if (idle()) return Effect.void
      return Effect.flatMap(Deferred.make<void>(), (d) => {
        idleWaiters.push(d)
        return Deferred.await(d)
      })
    })

    const drainTimeoutMillis = options.drainTimeoutMillis ?? 30_000
    const drained = yield* Deferred.make<void>()
    let draining = false
    const report = (how: string) =>
      Effect.suspend(() => {
        const left = [...new Set([...pending, ...running, ...retrying])].sort()
        if (left.length === 0) return Effect.void
        return Effect.logWarning(
          `statuspage bridge: ${how} with ${left.length} key(s) not written (pending, being written or waiting for a retry): ${left.join(", ")}; the senders' next notifications bring them back`
        )
      })
    const drain = Effect.suspend(() => {
      if (draining) return Deferred.await(drained)
      draining = true
      return Deferred.succeed(stopping, undefined).pipe(
        // Run by a finalizer, hence uninterruptible: the wait must be made interruptible for the timeout to end it.
        Effect.zipRight(Effect.timeoutOption(Effect.interruptible(awaitIdle), drainTimeoutMillis)),
        Effect.flatMap((done) =>
          report(done._tag === "Some" ? "stopped" : `stopped after the drain timeout (${drainTimeoutMillis} ms)`)
        ),
        Effect.onInterrupt(() => report("stop cut short")),
        Effect.ensuring(Deferred.succeed(drained, undefined))
      )
    })
    // Added after the loop started: the scope closes it first, while the loop still writes.
    yield* Effect.addFinalizer(() => drain)

    return {
      router,
      ingest: (notification) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          if (draining)
            return Effect.fail(new StoppingError({ message: "the bridge is stopping; send it again later" }))
          let routed = 0
          for (const alert of notification.alerts) {
            const where = router.route(alert, notification.groupKey)
            if (where === undefined) continue
            routed++
            keys.set(where.key, BridgeState.track(keys.get(where.key), where, alert, now))
            recovered.delete(where.key)
            mark(where.key)
          }
          const unrouted = notification.alerts.length - routed
          metrics.add(metric.received, notification.alerts.length, { format: notification.format })
          if (unrouted > 0) metrics.add(metric.unrouted, unrouted)
          return Effect.succeed({ routed, unrouted })
        }),
      reject: (reason) => Effect.sync(() => metrics.add(metric.rejected, 1, { reason })),
      metrics: Effect.sync(() => metrics.render()),
      awaitIdle,
      drain
    }
  })

/**
 * Drains the engine of the context (see `Service.drain`): for a server that stops accepting before its scope closes.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const drain: Effect.Effect<void, never, Bridge> = Effect.flatMap(Bridge, (bridge) => bridge.drain)

/**
 * The engine as a layer, for the handler; releasing it drains the engine.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  config: BridgeConfig.BridgeConfig,
  options?: Options
): Layer.Layer<Bridge, never, BridgePublisher.BridgePublisher> => Layer.scoped(Bridge, make(config, options))
