import * as Effect from "effect/Effect"
import { UsageError } from "./errors.js"

/** The component statuses a command may set. */
export const componentStatuses = [
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage"
] as const

export type ComponentStatus = (typeof componentStatuses)[number]

/** `name=status` pairs (`--component API=major_outage`), split at the last `=`. */
export const componentPairs = (
  pairs: ReadonlyArray<string>
): Effect.Effect<Record<string, ComponentStatus> | undefined, UsageError> =>
  Effect.gen(function* () {
    if (pairs.length === 0) return undefined
    const out: Record<string, ComponentStatus> = {}
    for (const pair of pairs) {
      const at = pair.lastIndexOf("=")
      const name = pair.slice(0, at).trim()
      const status = pair.slice(at + 1).trim()
      if (at <= 0 || name === "") {
        return yield* new UsageError({ message: `--component ${pair}: expected <name>=<status>` })
      }
      if (!(componentStatuses as ReadonlyArray<string>).includes(status)) {
        return yield* new UsageError({
          message: `--component ${pair}: "${status}" is not a component status (${componentStatuses.join(", ")})`
        })
      }
      out[name] = status as ComponentStatus
    }
    return out
  })

/** A time flag: ISO 8601 (`2026-12-01T02:00:00Z`) or `now`; anything else is a usage error naming the flag. */
export const time = (flag: string, value: string): Effect.Effect<Date, UsageError> => {
  const date = value === "now" ? new Date() : new Date(value)
  return Number.isNaN(date.getTime())
    ? Effect.fail(
        new UsageError({ message: `--${flag} ${value}: not a time (ISO 8601 such as 2026-12-01T02:00:00Z, or now)` })
      )
    : Effect.succeed(date)
}
