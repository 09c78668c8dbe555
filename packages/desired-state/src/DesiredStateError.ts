/**
 * The errors of desired state: a file that does not validate, a prune the guard stopped, an apply that stopped at a
 * write.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One problem in a file, with where it is (1-based line and column; 0 when the file has no such place).
 *
 * @since 0.1.0
 * @category Models
 */
export const FileIssue = Schema.Struct({
  /** Where in the document, e.g. `components[2].name`. */
  path: Schema.String,
  line: Schema.Number,
  column: Schema.Number,
  message: Schema.String
})
export type FileIssue = typeof FileIssue.Type

/**
 * The file is not valid YAML or JSON, or does not match the format. Every issue names its line.
 *
 * @since 0.1.0
 * @category Errors
 */
export class FileError extends Schema.TaggedError<FileError>("@effect-statuspage/desired-state/FileError")(
  "FileError",
  {
    /** The file's name as given to `parse`, for messages. */
    file: Schema.String,
    issues: Schema.Array(FileIssue)
  }
) {
  override get message(): string {
    return this.issues
      .map((i) => `${this.file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ""}${i.message}`)
      .join("\n")
  }
}

/**
 * The plan would delete more than the allowed share of the page and the second confirmation was not given.
 * Nothing was written.
 *
 * @since 0.1.0
 * @category Errors
 */
export class PruneGuardError extends Schema.TaggedError<PruneGuardError>(
  "@effect-statuspage/desired-state/PruneGuardError"
)("PruneGuardError", {
  deletes: Schema.Number,
  /** Resources of the managed kinds on the page. */
  total: Schema.Number,
  /** The largest share allowed without `confirmLargePrune`. */
  maxShare: Schema.Number
}) {
  override get message(): string {
    return `the plan deletes ${this.deletes} of ${this.total} resources, more than ${Math.round(this.maxShare * 100)}%: pass confirmLargePrune to go ahead`
  }
}

/**
 * A provider's credential names a config variable that is not set (credentials never live in the file).
 *
 * @since 0.1.0
 * @category Errors
 */
export class CredentialError extends Schema.TaggedError<CredentialError>(
  "@effect-statuspage/desired-state/CredentialError"
)("CredentialError", {
  provider: Schema.String,
  variable: Schema.String
}) {
  override get message(): string {
    return `metrics provider ${this.provider}: the credential variable ${this.variable} is not set`
  }
}

/**
 * An apply stopped at a write: `done` writes of `total` went through. Rerunning plan + apply converges.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ApplyError extends Schema.TaggedError<ApplyError>("@effect-statuspage/desired-state/ApplyError")(
  "ApplyError",
  {
    done: Schema.Number,
    total: Schema.Number,
    /** The write that failed, e.g. `create component "API"`. */
    step: Schema.String,
    cause: Schema.Unknown
  }
) {
  override get message(): string {
    const reason = this.cause instanceof Error ? this.cause.message : String(this.cause)
    return `apply stopped after ${this.done} of ${this.total} writes, at ${this.step}: ${reason}`
  }
}
