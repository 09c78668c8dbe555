/**
 * Watches a page through the public Status API: polls its summary at an interval and emits what changed between two
 * snapshots (component status, incidents opened / updated / resolved, maintenances started / ended), never raw
 * snapshots. The first poll is the baseline and emits nothing.
 *
 * A failed poll never loses the last known state. Either failures arrive as `PollFailed` events and the watch goes
 * on at the next tick, or (with `retry`) each poll is retried by your schedule and the stream fails once it gives up.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { ComponentStatus } from "./internal/schema/component.js"
import type {
  PublicComponent,
  PublicIncident,
  PublicMaintenance,
  PublicPage,
  Summary
} from "./internal/schema/public.js"
import { ConfigurationError, type HttpError } from "./StatusPageError.js"
import type { Client } from "./StatusPagePublic.js"

/**
 * What the watcher emits. Every change carries the page it happened on, as the latest snapshot describes it.
 *
 * - `ComponentStatusChanged`: `component` (now) and its `previous` status.
 * - `IncidentOpened`: an unresolved incident that was not there before.
 * - `IncidentUpdated`: an incident with a new update or status; `previous` is how it was.
 * - `IncidentResolved`: an incident now `resolved` or `postmortem`, or gone from the unresolved list (then
 *   `incident` is the last known version).
 * - `MaintenanceStarted`: a maintenance now `in_progress` or `verifying`.
 * - `MaintenanceEnded`: an active maintenance now `completed` or gone (then the last known version).
 * - `PollFailed`: a poll failed; the watch goes on from the last known state.
 *
 * @since 0.1.0
 * @category Models
 */
export type Event = Data.TaggedEnum<{
  ComponentStatusChanged: {
    readonly page: PublicPage
    readonly component: PublicComponent
    readonly previous: ComponentStatus
  }
  IncidentOpened: { readonly page: PublicPage; readonly incident: PublicIncident }
  IncidentUpdated: { readonly page: PublicPage; readonly incident: PublicIncident; readonly previous: PublicIncident }
  IncidentResolved: { readonly page: PublicPage; readonly incident: PublicIncident }
  MaintenanceStarted: { readonly page: PublicPage; readonly maintenance: PublicMaintenance }
  MaintenanceEnded: { readonly page: PublicPage; readonly maintenance: PublicMaintenance }
  PollFailed: { readonly baseUrl: string; readonly error: HttpError }
}>

/**
 * Constructors and `$is` / `$match` for events.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const Event = Data.taggedEnum<Event>()

/**
 * The events diffed from snapshots (everything but `PollFailed`).
 *
 * @since 0.1.0
 * @category Models
 */
export type Change = Exclude<Event, { readonly _tag: "PollFailed" }>

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Time between the end of one poll and the start of the next: default 60 seconds, at least 10 seconds. */
  readonly interval?: Duration.DurationInput | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface RetryOptions<R> extends Options {
  /** Retries a failed poll; when the schedule gives up, the stream fails with the poll's error. */
  readonly retry: Schedule.Schedule<unknown, HttpError, R>
}

/**
 * @since 0.1.0
 * @category Constants
 */
export const defaultInterval: Duration.Duration = Duration.seconds(60)

/**
 * @since 0.1.0
 * @category Constants
 */
export const minimumInterval: Duration.Duration = Duration.seconds(10)

const isResolved = (incident: PublicIncident) => incident.status === "resolved" || incident.status === "postmortem"

const isActive = (maintenance: PublicMaintenance) =>
  maintenance.status === "in_progress" || maintenance.status === "verifying"

const byId = <T extends { readonly id: string }>(items: ReadonlyArray<T>): Map<string, T> =>
  new Map(items.map((item) => [item.id, item]))

/**
 * The changes from one summary to the next.
 *
 * @since 0.1.0
 * @category Diffing
 */
export const diff = (previous: Summary, next: Summary): Array<Change> => {
  const page = next.page
  const changes: Array<Change> = []

  const components = byId(previous.components)
  for (const component of next.components) {
    const before = components.get(component.id)
    if (before !== undefined && before.status !== component.status) {
      changes.push(Event.ComponentStatusChanged({ page, component, previous: before.status }))
    }
  }

  const incidents = byId(previous.incidents)
  for (const incident of next.incidents) {
    const before = incidents.get(incident.id)
    if (before === undefined) {
      changes.push(Event.IncidentOpened({ page, incident }))
      if (isResolved(incident)) changes.push(Event.IncidentResolved({ page, incident }))
    } else if (isResolved(incident) && !isResolved(before)) {
      changes.push(Event.IncidentResolved({ page, incident }))
    } else if (
      before.status !== incident.status ||
      before.updated_at !== incident.updated_at ||
      before.incident_updates.length !== incident.incident_updates.length
    ) {
      changes.push(Event.IncidentUpdated({ page, incident, previous: before }))
    }
  }
  const current = byId(next.incidents)
  for (const incident of previous.incidents) {
    // the summary lists unresolved incidents only: one that left the list was resolved
    if (!current.has(incident.id) && !isResolved(incident)) changes.push(Event.IncidentResolved({ page, incident }))
  }

  const maintenances = byId(previous.scheduled_maintenances)
  for (const maintenance of next.scheduled_maintenances) {
    const before = maintenances.get(maintenance.id)
    const wasActive = before !== undefined && isActive(before)
    if (isActive(maintenance) && !wasActive) changes.push(Event.MaintenanceStarted({ page, maintenance }))
    if (wasActive && maintenance.status === "completed") changes.push(Event.MaintenanceEnded({ page, maintenance }))
  }
  const scheduled = byId(next.scheduled_maintenances)
  for (const maintenance of previous.scheduled_maintenances) {
    if (!scheduled.has(maintenance.id) && isActive(maintenance)) {
      changes.push(Event.MaintenanceEnded({ page, maintenance }))
    }
  }
  return changes
}

const validInterval = (
  input: Duration.DurationInput | undefined
): Effect.Effect<Duration.Duration, ConfigurationError> => {
  const interval = input === undefined ? Option.some(defaultInterval) : Duration.decodeUnknown(input)
  if (
    Option.isNone(interval) ||
    !Duration.isFinite(interval.value) ||
    Duration.lessThan(interval.value, minimumInterval)
  ) {
    return Effect.fail(
      new ConfigurationError({
        reason: "Invalid",
        setting: "interval (StatusPageWatcher)",
        message: `the poll interval must be a finite duration of at least ${Duration.format(minimumInterval)}`
      })
    )
  }
  return Effect.succeed(interval.value)
}

/** Folds poll results into changes, keeping the last good snapshot across failures. */
const changes = <E, R>(
  polls: Stream.Stream<Either.Either<Summary, HttpError>, E, R>,
  baseUrl: string
): Stream.Stream<Event, E, R> =>
  polls.pipe(
    Stream.mapAccum(Option.none<Summary>(), (last, result): [Option.Option<Summary>, ReadonlyArray<Event>] => {
      if (Either.isLeft(result)) return [last, [Event.PollFailed({ baseUrl, error: result.left })]]
      return [Option.some(result.right), Option.isSome(last) ? diff(last.value, result.right) : []]
    }),
    Stream.flattenIterables
  )

/**
 * Polls `client.summary()` every `interval` and emits the changes.
 *
 * Without `retry`, a failed poll is a `PollFailed` event and the stream never fails (but for an invalid interval).
 * With `retry`, each poll is retried by the schedule, and the stream fails with the error once it gives up.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const watch: {
  (client: Client, options?: Options): Stream.Stream<Event, ConfigurationError, HttpClient.HttpClient>
  <R>(
    client: Client,
    options: RetryOptions<R>
  ): Stream.Stream<Change, HttpError | ConfigurationError, HttpClient.HttpClient | R>
} = (
  client: Client,
  options: Options & { readonly retry?: Schedule.Schedule<unknown, HttpError, any> } = {}
): Stream.Stream<any, any, any> =>
  Stream.unwrap(
    Effect.map(validInterval(options.interval), (interval) => {
      const summary = client.summary()
      const poll =
        options.retry === undefined
          ? Effect.either(summary)
          : Effect.map(Effect.retry(summary, options.retry), Either.right)
      return changes(Stream.repeatEffectWithSchedule(poll, Schedule.spaced(interval)), client.baseUrl)
    })
  )
