/**
 * The exit codes of the `statuspage` command, one per kind of failure, so that scripts can branch on them. Every
 * failure prints one line on stderr; nothing is written to the page by a command that fails with 2, 3 or 4.
 *
 * | code | meaning                                                                           | error (`_tag`, `reason`)                                |
 * | ---- | --------------------------------------------------------------------------------- | ------------------------------------------------------- |
 * | 0    | done (also "no change"; `bridge serve` stopped by Ctrl-C or SIGTERM)              |                                                         |
 * | 1    | internal error (a bug: please report it)                                          | a defect                                                |
 * | 2    | usage: unknown command or flag, invalid value (status, time, `name=status`)       | `ValidationError`, `UsageError`, `InputError` `Invalid` |
 * | 3    | configuration: missing or invalid key, page id, base URL; unreadable key file; port in use | `ConfigurationError`, `ListenError`              |
 * | 4    | input file: a file that cannot be read or parsed (a bridge config: `file:line:column`) | `FileError`, `BridgeConfigError`                    |
 * | 5    | request refused or not answered: 400, 401, 403, transport failure, timeout        | `RequestError`                                          |
 * | 6    | not found: unknown id, or a component name that matches nothing on the page       | `ResourceError` `NotFound`, `InputError` `UnknownComponent`/`NotFound` |
 * | 7    | rejected: invalid attributes (422), conflict (409), a name two components share   | `ResourceError` `Unprocessable`/`Conflict`, `InputError` `AmbiguousComponent` |
 * | 8    | server error: 5xx, or an answer that does not match the API's schema              | `ServerError`                                           |
 * | 9    | rate limited (420, 429) after the retries                                         | `RateLimitError`                                        |
 * | 130  | interrupted (Ctrl-C)                                                              |                                                         |
 *
 * A job that fails midway (`JobError`) exits with the code of the request that failed; its line says what was
 * written before the failure.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"

/**
 * @since 0.1.0
 * @category Constants
 */
export const ExitCode = {
  Ok: 0,
  Internal: 1,
  Usage: 2,
  Configuration: 3,
  File: 4,
  Request: 5,
  NotFound: 6,
  Rejected: 7,
  Server: 8,
  RateLimited: 9,
  Interrupted: 130
} as const

/**
 * @since 0.1.0
 * @category Models
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

const byTag: Record<string, ExitCode> = {
  ValidationError: ExitCode.Usage,
  UsageError: ExitCode.Usage,
  PruneGuardError: ExitCode.Usage,
  ConfigurationError: ExitCode.Configuration,
  CredentialError: ExitCode.Configuration,
  ListenError: ExitCode.Configuration,
  FileError: ExitCode.File,
  BridgeConfigError: ExitCode.File,
  RequestError: ExitCode.Request,
  ResourceError: ExitCode.Rejected,
  ServerError: ExitCode.Server,
  RateLimitError: ExitCode.RateLimited
}

const byReason: Record<string, ExitCode> = {
  NotFound: ExitCode.NotFound,
  UnknownComponent: ExitCode.NotFound,
  AmbiguousComponent: ExitCode.Rejected,
  Invalid: ExitCode.Usage
}

/**
 * The exit code for a failure, by its `_tag` and `reason` (a `JobError` by the request error it carries); anything
 * unknown is `Internal`.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromError = (error: unknown): ExitCode => {
  if (!Predicate.hasProperty(error, "_tag") || typeof error._tag !== "string") return ExitCode.Internal
  if ((error._tag === "JobError" || error._tag === "ApplyError") && Predicate.hasProperty(error, "cause")) {
    return fromError(error.cause)
  }
  const reason = Predicate.hasProperty(error, "reason") && typeof error.reason === "string" ? error.reason : ""
  if ((error._tag === "ResourceError" || error._tag === "InputError") && reason in byReason) return byReason[reason]!
  return byTag[error._tag] ?? ExitCode.Internal
}
