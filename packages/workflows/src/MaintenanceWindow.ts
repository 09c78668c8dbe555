/**
 * Maintenance windows by name: schedule (create, or update what differs), start now, complete, extend, cancel. A
 * window is found by its exact name among the page's scheduled and active maintenances (`incidents/scheduled`,
 * `incidents/active_maintenance`), so every step is idempotent and needs no local state: starting a started window,
 * completing a completed one or cancelling a gone one writes nothing (`outcome` `unchanged` or `not-found`).
 * Statuspage's auto-transition flags and reminders are exposed as options; the affected components are set by name
 * or id.
 *
 * @since 0.1.0
 */
import { type Endpoint, Incidents, Pagination } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { callOptions, label, listAll, resolve, type Status } from "./internal/components.js"
import { type Journal, run } from "./internal/job.js"
import type { InputError, JobError } from "./JobError.js"
import type { Summary } from "./JobSummary.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Target {
  /** The window's exact name: how it is found again. */
  readonly name: string
  readonly pageId?: string | undefined
  /** The update's message, sent with the change. */
  readonly body?: string | undefined
  /** Sent only when given (Statuspage's own default is `true`). */
  readonly deliverNotifications?: boolean | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface ScheduleOptions extends Target {
  readonly start: Date | string
  readonly end: Date | string
  /** Affected components, by name or id (added to the window; never removed from it). */
  readonly components?: ReadonlyArray<string> | undefined
  /** `scheduled_remind_prior`: remind subscribers an hour before. */
  readonly remindPrior?: boolean | undefined
  /** `scheduled_auto_in_progress`: Statuspage starts the window at `start`. */
  readonly autoStart?: boolean | undefined
  /** `scheduled_auto_completed`: Statuspage completes the window at `end`. */
  readonly autoComplete?: boolean | undefined
  /** `auto_transition_to_maintenance_state`: components go under maintenance when it starts. */
  readonly autoTransitionToMaintenanceState?: boolean | undefined
  /** `auto_transition_to_operational_state`: components go operational when it completes. */
  readonly autoTransitionToOperationalState?: boolean | undefined
  /** `auto_transition_deliver_notifications_at_start` */
  readonly notifyAtStart?: boolean | undefined
  /** `auto_transition_deliver_notifications_at_end` */
  readonly notifyAtEnd?: boolean | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface ExtendOptions extends Target {
  /** The new end. */
  readonly end: Date | string
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Result extends Summary {
  readonly outcome: "created" | "updated" | "unchanged" | "deleted" | "not-found"
  /** The window as it is now; `undefined` when not found or deleted. */
  readonly maintenance: Incidents.Incident | undefined
}

type Maintenance = Incidents.Incident
type Where = "scheduled" | "active"

const lists = {
  scheduled: Incidents.listScheduled,
  active: Incidents.listActiveMaintenance
} as const

/** The window named `name`: the lists in `order` (the likelier first), stopping at the first that has it. */
const lookup = (name: string, order: ReadonlyArray<Where>, pageId: string | undefined) =>
  Effect.gen(function* () {
    for (const where of order) {
      const found = yield* Stream.runHead(
        Stream.filter(Pagination.stream(lists[where], undefined, callOptions(pageId)), (i) => i.name === name)
      )
      if (Option.isSome(found)) return found.value
    }
    return undefined
  })

const maintenanceLabel = (m: Pick<Maintenance, "id" | "name">) => `maintenance ${m.id} "${m.name}"`

const notify = (deliver: boolean | undefined) => (deliver === undefined ? {} : { deliver_notifications: deliver })

const toMillis = (journal: Journal, what: string, time: Date | string) => {
  const ms = time instanceof Date ? time.getTime() : Date.parse(time)
  return Number.isNaN(ms)
    ? Effect.fail(journal.inputError("Invalid", `${what} is not a time: ${String(time)}`))
    : Effect.succeed(ms)
}

const checkName = (journal: Journal, name: string) =>
  name.trim() === "" ? Effect.fail(journal.inputError("Invalid", "the name is empty")) : Effect.void

const flagOptions = [
  ["remindPrior", "scheduled_remind_prior"],
  ["autoStart", "scheduled_auto_in_progress"],
  ["autoComplete", "scheduled_auto_completed"],
  ["autoTransitionToMaintenanceState", "auto_transition_to_maintenance_state"],
  ["autoTransitionToOperationalState", "auto_transition_to_operational_state"],
  ["notifyAtStart", "auto_transition_deliver_notifications_at_start"],
  ["notifyAtEnd", "auto_transition_deliver_notifications_at_end"]
] as const

const notFound = (journal: Journal, name: string): Result => {
  journal.skipped.push({
    item: `maintenance "${name}"`,
    reason: "NotFound",
    detail: "no scheduled or active maintenance has this name"
  })
  return { ...journal.summary(), outcome: "not-found", maintenance: undefined }
}

/** Sends one PATCH of the window and records it, or records it unchanged when `details` is empty. */
const patch = (
  journal: Journal,
  current: Maintenance,
  changes: Incidents.IncidentChanges,
  details: ReadonlyArray<string>,
  options: Target
): Effect.Effect<Result, Endpoint.ActionError<"/pages/{page_id}/incidents/{incident_id}">, Endpoint.Requirements> => {
  if (details.length === 0) {
    journal.unchanged.push(maintenanceLabel(current))
    return Effect.succeed({ ...journal.summary(), outcome: "unchanged", maintenance: current })
  }
  return Effect.map(
    journal.write(
      { method: "PATCH", target: maintenanceLabel(current), detail: details.join("; ") },
      Incidents.update(
        current.id,
        {
          ...changes,
          ...(options.body === undefined ? {} : { body: options.body }),
          ...notify(options.deliverNotifications)
        },
        callOptions(options.pageId)
      )
    ),
    (maintenance) => {
      journal.updated.push(maintenanceLabel(maintenance))
      return { ...journal.summary(), outcome: "updated" as const, maintenance }
    }
  )
}

/**
 * Creates the window, or updates the one with this name where it differs: its times, flags, affected components
 * (added) and body (a new update when it differs from the latest). Requests: the scheduled list (and the active
 * list when not there), a components list when components are named, then 0 or 1 POST/PATCH.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const schedule = (
  options: ScheduleOptions
): Effect.Effect<Result, JobError | InputError, Endpoint.Requirements> =>
  run("MaintenanceWindow.schedule", options.name, (journal) =>
    Effect.gen(function* () {
      yield* checkName(journal, options.name)
      const start = yield* toMillis(journal, "start", options.start)
      const end = yield* toMillis(journal, "end", options.end)
      if (end <= start) return yield* journal.inputError("Invalid", "end must be after start")
      const current = yield* lookup(options.name, ["scheduled", "active"], options.pageId)
      const known = current?.components ?? []
      const asked = options.components ?? []
      const missing = asked.filter((c) => !known.some((k) => k.id === c || k.name === c))
      const page = missing.length === 0 ? [] : yield* listAll(options.pageId)
      const components = []
      for (const c of missing) components.push(yield* resolve(journal, page, c))
      const flags: Record<string, boolean> = {}
      for (const [option, field] of flagOptions) {
        const value = options[option]
        if (value !== undefined && (current === undefined || current[field] !== value)) flags[field] = value
      }

      if (current === undefined) {
        const maintenance = yield* journal.write(
          {
            method: "POST",
            target: `maintenance "${options.name}"`,
            detail: [
              `${new Date(start).toISOString()} - ${new Date(end).toISOString()}`,
              ...components.map(label),
              ...Object.entries(flags).map(([k, v]) => `${k} ${v}`)
            ].join("; ")
          },
          Incidents.createScheduled(
            {
              name: options.name,
              status: "scheduled",
              scheduled_for: new Date(start).toISOString(),
              scheduled_until: new Date(end).toISOString(),
              ...(options.body === undefined ? {} : { body: options.body }),
              ...(components.length === 0 ? {} : { component_ids: components.map((c) => c.id) }),
              ...flags,
              ...notify(options.deliverNotifications)
            },
            callOptions(options.pageId)
          )
        )
        journal.created.push(maintenanceLabel(maintenance))
        return { ...journal.summary(), outcome: "created" as const, maintenance }
      }

      const changes: Record<string, unknown> = { ...flags }
      const details = Object.entries(flags).map(([k, v]) => `${k} ${v}`)
      const times = [
        ["scheduled_for", start],
        ["scheduled_until", end]
      ] as const
      for (const [field, ms] of times) {
        const was = current[field]
        if (was === null || Date.parse(was) !== ms) {
          changes[field] = new Date(ms).toISOString()
          details.push(`${field} ${was ?? "(none)"} -> ${new Date(ms).toISOString()}`)
        }
      }
      if (components.length > 0) {
        changes.component_ids = components.map((c) => c.id)
        details.push(...components.map((c) => `+ ${label(c)}`))
      }
      const bodyChanged = options.body !== undefined && options.body !== current.incident_updates[0]?.body
      if (bodyChanged) details.push("new update")
      return yield* patch(journal, current, changes, details, bodyChanged ? options : { ...options, body: undefined })
    })
  )

/** A status change of the window, with its components moved to `componentStatus` where they differ. */
const transition =
  (
    job: string,
    order: ReadonlyArray<Where>,
    decide: (current: Maintenance) => "in_progress" | "completed" | "delete" | undefined,
    componentStatus: (to: "in_progress" | "completed") => Status
  ) =>
  (options: Target): Effect.Effect<Result, JobError | InputError, Endpoint.Requirements> =>
    run(job, options.name, (journal) =>
      Effect.gen(function* () {
        yield* checkName(journal, options.name)
        const current = yield* lookup(options.name, order, options.pageId)
        if (current === undefined) return notFound(journal, options.name)
        const to = decide(current)
        if (to === undefined) return yield* patch(journal, current, {}, [], options)
        if (to === "delete") {
          yield* journal.write(
            { method: "DELETE", target: maintenanceLabel(current), detail: "cancelled before it started" },
            Incidents.delete(current.id, callOptions(options.pageId))
          )
          return { ...journal.summary(), outcome: "deleted" as const, maintenance: undefined }
        }
        const status = componentStatus(to)
        const components: Record<string, Status> = {}
        const details = [`status ${current.status} -> ${to}`]
        for (const component of current.components) {
          if (component.status !== status) {
            components[component.id] = status
            details.push(`${label(component)} ${component.status} -> ${status}`)
          }
        }
        return yield* patch(
          journal,
          current,
          { status: to, ...(Object.keys(components).length === 0 ? {} : { components }) },
          details,
          options
        )
      })
    )

/**
 * Starts the window now: `in_progress`, its components under maintenance. Already active: no write.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const start = transition(
  "MaintenanceWindow.start",
  ["scheduled", "active"],
  (m) => (m.status === "scheduled" ? "in_progress" : undefined),
  () => "under_maintenance"
)

/**
 * Completes the window: `completed`, its components operational. Gone (already completed): no write.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const complete = transition(
  "MaintenanceWindow.complete",
  ["active", "scheduled"],
  () => "completed",
  () => "operational"
)

/**
 * Cancels the window: one that has not started is deleted; an active one is completed (its components operational).
 *
 * @since 0.1.0
 * @category Jobs
 */
export const cancel = transition(
  "MaintenanceWindow.cancel",
  ["scheduled", "active"],
  (m) => (m.status === "scheduled" ? "delete" : "completed"),
  () => "operational"
)

/**
 * Moves the window's end to `end` (no write when it already ends then).
 *
 * @since 0.1.0
 * @category Jobs
 */
export const extend = (options: ExtendOptions): Effect.Effect<Result, JobError | InputError, Endpoint.Requirements> =>
  run("MaintenanceWindow.extend", options.name, (journal) =>
    Effect.gen(function* () {
      yield* checkName(journal, options.name)
      const end = yield* toMillis(journal, "end", options.end)
      const current = yield* lookup(options.name, ["active", "scheduled"], options.pageId)
      if (current === undefined) return notFound(journal, options.name)
      if (current.scheduled_for !== null && end <= Date.parse(current.scheduled_for)) {
        return yield* journal.inputError("Invalid", `end must be after the window's start ${current.scheduled_for}`)
      }
      const same = current.scheduled_until !== null && Date.parse(current.scheduled_until) === end
      const iso = new Date(end).toISOString()
      return yield* patch(
        journal,
        current,
        same ? {} : { scheduled_until: iso },
        same ? [] : [`scheduled_until ${current.scheduled_until ?? "(none)"} -> ${iso}`],
        options
      )
    })
  )

/**
 * The scheduled or active window with this name.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const find = (
  name: string,
  options: { readonly pageId?: string | undefined } = {}
): Effect.Effect<Option.Option<Maintenance>, JobError | InputError, Endpoint.Requirements> =>
  run("MaintenanceWindow.find", name, (journal) =>
    Effect.zipRight(
      checkName(journal, name),
      Effect.map(lookup(name, ["scheduled", "active"], options.pageId), Option.fromNullable)
    )
  )
