import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/** A command line that parses but makes no sense (e.g. `--component api` without `=status`). Exit code 2. */
export class UsageError extends Schema.TaggedError<UsageError>("@effect-statuspage/cli/UsageError")("UsageError", {
  message: Schema.String
}) {}

/** A file given on the command line that cannot be read or parsed. Exit code 4. */
export class FileError extends Schema.TaggedError<FileError>("@effect-statuspage/cli/FileError")("FileError", {
  message: Schema.String,
  path: Schema.String
}) {}

/** A failure as one line for stderr: its message, with line breaks folded (the API key is never in a message). */
export const oneLine = (error: unknown): string => {
  const message =
    Predicate.hasProperty(error, "message") && typeof error.message === "string" && error.message !== ""
      ? error.message
      : String(error)
  return message.replace(/\s*\n\s*/g, "; ").trim()
}
