/** Component lookups shared by the jobs: one paged list, then names or ids resolved against it. */
import { Components, Pagination } from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { InputError } from "../JobError.js"
import type { Journal } from "./job.js"

export type Component = Components.Component

/** The statuses a job may write (the enum's `""` is only ever read, on group rows). */
export type Status = "operational" | "under_maintenance" | "degraded_performance" | "partial_outage" | "major_outage"

export const statuses: ReadonlyArray<Status> = [
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage"
]

/** How bad a status is: `under_maintenance` is planned, so it ranks below every degradation. */
export const severity = (status: string): number => {
  const rank = statuses.indexOf(status as Status)
  return rank === -1 ? 0 : rank
}

export const worst = (a: Status, b: Status): Status => (severity(b) > severity(a) ? b : a)

export const callOptions = (pageId: string | undefined) => (pageId === undefined ? undefined : { pageId })

/** Every component of the page (group rows included), 100 a request. */
export const listAll = (pageId: string | undefined) =>
  Effect.map(Stream.runCollect(Pagination.stream(Components.list, undefined, callOptions(pageId))), Chunk.toArray)

/** The component a name (exact) or an id designates among `components`, or `undefined` when none does. */
export const lookup = (
  journal: Journal,
  components: ReadonlyArray<Component>,
  nameOrId: string
): Effect.Effect<Component | undefined, InputError> => {
  const byId = components.find((c) => c.id === nameOrId)
  if (byId !== undefined) return Effect.succeed(byId)
  const byName = components.filter((c) => c.name === nameOrId)
  if (byName.length > 1) {
    return Effect.fail(
      journal.inputError(
        "AmbiguousComponent",
        `${byName.length} components are named "${nameOrId}" (${byName.map((c) => c.id).join(", ")}); name it by id`
      )
    )
  }
  return Effect.succeed(byName[0])
}

/** Like `lookup`, but a name or id that matches nothing is an `UnknownComponent` error. */
export const resolve = (journal: Journal, components: ReadonlyArray<Component>, nameOrId: string) =>
  Effect.flatMap(lookup(journal, components, nameOrId), (component) =>
    component === undefined
      ? Effect.fail(
          journal.inputError(
            "UnknownComponent",
            `no component is named "${nameOrId}" or has that id (names are matched exactly)`
          )
        )
      : Effect.succeed(component)
  )

export const label = (component: Pick<Component, "name" | "id">) => `component ${component.name} (${component.id})`
