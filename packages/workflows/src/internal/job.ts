/**
 * The frame every job runs in: one span, a journal of what was created, updated, left alone, skipped and written,
 * and the one place where a failed request becomes a `JobError` listing the writes acknowledged before it.
 */
import { StatusPageError } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { InputError, JobError } from "../JobError.js"
import type { Skip, Summary, Write } from "../JobSummary.js"

/** What a job has done so far; the job body appends to it as it goes. */
export class Journal {
  readonly created: Array<string> = []
  readonly updated: Array<string> = []
  readonly unchanged: Array<string> = []
  readonly skipped: Array<Skip> = []
  readonly writes: Array<Write> = []
  /** `MetricBackfill`: input points acknowledged so far. */
  acknowledged: number | undefined = undefined

  constructor(
    readonly job: string,
    readonly key: string | undefined
  ) {}

  summary(): Summary {
    return {
      job: this.job,
      key: this.key,
      created: [...this.created],
      updated: [...this.updated],
      unchanged: [...this.unchanged],
      skipped: [...this.skipped],
      writes: [...this.writes]
    }
  }

  /** Runs a write and records it once the server acknowledged it. */
  write<A, E, R>(write: Write, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> {
    return Effect.tap(effect, () => {
      this.writes.push(write)
    })
  }

  inputError(reason: InputError["reason"], message: string): InputError {
    return new InputError({
      job: this.job,
      ...(this.key === undefined ? {} : { key: this.key }),
      reason,
      message: `${this.job}: ${message}; nothing was written`
    })
  }
}

const describeWrites = (writes: ReadonlyArray<Write>) =>
  writes.length === 0
    ? "nothing was written before it"
    : `${writes.length} write${writes.length === 1 ? "" : "s"} applied before it: ${writes
        .map((w) => `${w.method} ${w.target} (${w.detail})`)
        .join("; ")}`

/** Attribute names of a job's span. */
export const attributes = { key: "workflows.key", writes: "workflows.writes", skipped: "workflows.skipped" } as const

/**
 * Runs a job body in its span `Workflows.<job>`; a core error from any request becomes a `JobError` that lists the
 * writes acknowledged before it. The span gets the key, and the number of writes and skips, also on failure.
 */
export const run = <A, E, R>(
  job: string,
  key: string | undefined,
  body: (journal: Journal) => Effect.Effect<A, StatusPageError.StatusPageError | E, R>
): Effect.Effect<A, JobError | Exclude<E, StatusPageError.StatusPageError>, R> =>
  // a fresh journal per run: the same job value may be run many times
  Effect.suspend(() => {
    const journal = new Journal(job, key)
    return body(journal).pipe(
      // core's errors of a request (a missing page id included); anything else (InputError, a source stream's own
      // error) passes through as it is
      Effect.catchIf(StatusPageError.isStatusPageError, (cause) =>
        Effect.fail(
          new JobError({
            job,
            ...(key === undefined ? {} : { key }),
            written: [...journal.writes],
            cause,
            ...(journal.acknowledged === undefined ? {} : { acknowledged: journal.acknowledged }),
            message: `${job}${key === undefined ? "" : ` [${key}]`} failed: ${cause.message}; ${describeWrites(journal.writes)}`
          })
        )
      ),
      Effect.ensuring(
        Effect.flatMap(Effect.option(Effect.currentSpan), (span) =>
          Effect.sync(() => {
            if (span._tag === "None") return
            span.value.attribute(attributes.writes, journal.writes.length)
            span.value.attribute(attributes.skipped, journal.skipped.length)
          })
        )
      )
    )
  }).pipe(Effect.withSpan(`Workflows.${job}`, { attributes: key === undefined ? {} : { [attributes.key]: key } }))
