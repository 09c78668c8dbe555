/**
 * The two errors of every job. `JobError`: a request failed part-way, and the error lists every write the server had
 * acknowledged before it, so a page is never left half-done without saying so. `InputError`: the input was wrong,
 * and nothing was written.
 *
 * @since 0.1.0
 */
import { StatusPageError } from "@effect-statuspage/core"
import * as Schema from "effect/Schema"
import { Write } from "./JobSummary.js"

/**
 * A request of the job failed. Rerunning the job is safe (every job is idempotent) and converges. When `cause` is a
 * `RequestError` with reason `OutcomeUnknown`, the failing write itself may or may not have been applied.
 *
 * @since 0.1.0
 * @category Errors
 */
export class JobError extends Schema.TaggedError<JobError>("@effect-statuspage/workflows/JobError")("JobError", {
  message: Schema.String,
  job: Schema.String,
  key: Schema.optionalWith(Schema.String, { exact: true }),
  /** The writes the server acknowledged before the failure, in order. */
  written: Schema.Array(Write),
  /** The failing request's error, as core's action reported it (`ConfigurationError`: no page id was set). */
  cause: Schema.Union(
    StatusPageError.RequestError,
    StatusPageError.ResourceError,
    StatusPageError.ServerError,
    StatusPageError.RateLimitError,
    StatusPageError.ConfigurationError
  ),
  /** `MetricBackfill`: the input points acknowledged before the failure; pass it as `skip` to resume. */
  acknowledged: Schema.optionalWith(Schema.Number, { exact: true })
}) {}

/**
 * The job's input is wrong (an unknown or ambiguous component name, an invalid time, ...) or names nothing there is
 * to act on (`NotFound`: e.g. no open incident has the key for `IncidentByKey.update`); nothing was written.
 *
 * @since 0.1.0
 * @category Errors
 */
export class InputError extends Schema.TaggedError<InputError>("@effect-statuspage/workflows/InputError")(
  "InputError",
  {
    message: Schema.String,
    job: Schema.String,
    key: Schema.optionalWith(Schema.String, { exact: true }),
    reason: Schema.Literal("UnknownComponent", "AmbiguousComponent", "Invalid", "NotFound")
  }
) {}

/**
 * Either error of a job.
 *
 * @since 0.1.0
 * @category Errors
 */
export type WorkflowError = JobError | InputError
