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

/** A server command that cannot listen: the port is in use, the address is not this machine's. Exit code 3. */
export class ListenError extends Schema.TaggedError<ListenError>("@effect-statuspage/cli/ListenError")("ListenError", {
  message: Schema.String
}) {}

const listenWhy: Record<string, string> = {
  EADDRINUSE: "the port is in use",
  EADDRNOTAVAIL: "the address is not one of this machine's",
  EACCES: "permission denied"
}

/** A server's `ServeError` (its cause is Node's listen error) as a `ListenError` naming the address. */
export const listenError =
  (host: string, port: number) =>
  (error: { readonly cause: unknown }): ListenError => {
    const code = Predicate.hasProperty(error.cause, "code") ? String(error.cause.code) : ""
    const why = listenWhy[code] ?? oneLine(error.cause)
    return new ListenError({ message: `cannot listen on ${host}:${port}: ${why}${code === "" ? "" : ` (${code})`}` })
  }

/** A failure as one line for stderr: its message, with line breaks folded (the API key is never in a message). */
export const oneLine = (error: unknown): string => {
  const message =
    Predicate.hasProperty(error, "message") && typeof error.message === "string" && error.message !== ""
      ? error.message
      : String(error)
  return message.replace(/\s*\n\s*/g, "; ").trim()
}
