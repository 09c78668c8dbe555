/**
 * Component status: set the statuses of many components, by name or id, from a health source. One paged list of
 * the page's components resolves the names; then one PATCH per component whose status actually differs, and none
 * when all already match. A group's status is derived from its members, so a group named as a target is skipped
 * (reported, never written). An `under_maintenance` target may carry an end time: from then on the job writes the
 * target's `after` status (default `operational`) instead, so a scheduled rerun lifts the override by itself.
 *
 * @since 0.1.0
 */
import { Components, type Endpoint } from "@effect-statuspage/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { callOptions, label, listAll, resolve, type Status, statuses, worst } from "./internal/components.js"
import { run } from "./internal/job.js"
import type { InputError, JobError } from "./JobError.js"
import type { Summary } from "./JobSummary.js"

/**
 * A status a component may be set to.
 *
 * @since 0.1.0
 * @category Models
 */
export type { Status } from "./internal/components.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Target {
  /** The component's exact name, or its id. */
  readonly component: string
  readonly status: Status
  /** Only with `under_maintenance`: when the override ends (a `Date` or an ISO-8601 string). */
  readonly until?: Date | string | undefined
  /** The status from `until` on; default `operational`. */
  readonly after?: Status | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface SetOptions {
  readonly pageId?: string | undefined
  /** Writes in flight at once; default 1 (the rate limit, not latency, bounds a large job). */
  readonly concurrency?: number | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Change {
  readonly id: string
  readonly name: string
  readonly from: string
  readonly to: Status
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface SetResult extends Summary {
  /** The components written, in the order of the writes. */
  readonly changes: ReadonlyArray<Change>
}

const toTargets = (targets: ReadonlyArray<Target> | Readonly<Record<string, Status>>): ReadonlyArray<Target> =>
  Array.isArray(targets)
    ? targets
    : Object.entries(targets as Readonly<Record<string, Status>>).map(([component, status]) => ({ component, status }))

/**
 * Sets each target's component to its status where it differs. Several targets for one component: the worst
 * status wins. An unknown or ambiguous name fails the job before anything is written.
 *
 * @example
 * ```ts
 * const result = yield* ComponentStatus.set({ API: "major_outage", Web: "operational" })
 * console.log(JobSummary.format(result))
 * ```
 *
 * @since 0.1.0
 * @category Jobs
 */
export const set = (
  targets: ReadonlyArray<Target> | Readonly<Record<string, Status>>,
  options: SetOptions = {}
): Effect.Effect<SetResult, JobError | InputError, Endpoint.Requirements> =>
  run("ComponentStatus.set", undefined, (journal) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const wanted: Array<Target & { readonly end: number | undefined }> = []
      for (const target of toTargets(targets)) {
        for (const status of [target.status, target.after]) {
          if (status !== undefined && !statuses.includes(status)) {
            return yield* journal.inputError(
              "Invalid",
              `"${status}" is not a component status (${statuses.join(", ")})`
            )
          }
        }
        if (target.until === undefined) {
          wanted.push({ ...target, end: undefined })
          continue
        }
        const end = target.until instanceof Date ? target.until.getTime() : Date.parse(target.until)
        if (target.status !== "under_maintenance" || Number.isNaN(end)) {
          return yield* journal.inputError(
            "Invalid",
            target.status !== "under_maintenance"
              ? `"until" goes with under_maintenance only (${target.component} asks ${target.status})`
              : `"until" of ${target.component} is not a time: ${String(target.until)}`
          )
        }
        wanted.push({ ...target, end })
      }

      const components = yield* listAll(options.pageId)
      const desired = new Map<string, { component: Components.Component; status: Status }>()
      for (const target of wanted) {
        const component = yield* resolve(journal, components, target.component)
        if (component.group) {
          journal.skipped.push({
            item: label(component),
            reason: "Group",
            detail: "a group's status is derived from its components; set those instead"
          })
          continue
        }
        const status = target.end !== undefined && now >= target.end ? (target.after ?? "operational") : target.status
        const previous = desired.get(component.id)
        desired.set(component.id, {
          component,
          status: previous === undefined ? status : worst(previous.status, status)
        })
      }

      const changes: Array<Change> = []
      const pending = [...desired.values()].filter(({ component, status }) => {
        if (component.status === status) journal.unchanged.push(label(component))
        return component.status !== status
      })
      yield* Effect.forEach(
        pending,
        ({ component, status }) =>
          journal
            .write(
              { method: "PATCH", target: label(component), detail: `${component.status || "(none)"} -> ${status}` },
              Components.update(component.id, { status }, callOptions(options.pageId))
            )
            .pipe(
              Effect.tap(() => {
                journal.updated.push(label(component))
                changes.push({ id: component.id, name: component.name, from: component.status, to: status })
              })
            ),
        { concurrency: options.concurrency ?? 1, discard: true }
      )
      return { ...journal.summary(), changes }
    })
  )
