import { type ConfigurationError, isConfigurationError } from "@effect-statuspage/core/StatusPageError"
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

const messageOf = (error: unknown): string =>
  Predicate.hasProperty(error, "message") && typeof error.message === "string" && error.message !== ""
    ? error.message
    : String(error)

/** A failure as one line for stderr: its message, with line breaks folded (the API key is never in a message). */
export const oneLine = (error: unknown): string =>
  messageOf(error)
    .replace(/\s*\n\s*/g, "; ")
    .trim()

/**
 * Core's settings (a `ConfigurationError`'s `setting`) as the command line sets them: core's advice names the
 * library option (`set pageId (STATUSPAGE_PAGE_ID) (or pass { pageId } to the call)`), a shell user needs the flag.
 */
const cliSettings: Record<
  string,
  { readonly noun: string; readonly flag?: string; readonly input?: string; readonly variable: string }
> = {
  "apiKey (STATUSPAGE_API_KEY)": {
    noun: "API key",
    flag: "--api-key-file <path>",
    input: "api-key",
    variable: "STATUSPAGE_API_KEY"
  },
  "pageId (STATUSPAGE_PAGE_ID)": {
    noun: "page id",
    flag: "--page <id>",
    input: "page-id",
    variable: "STATUSPAGE_PAGE_ID"
  },
  "baseUrl (STATUSPAGE_BASE_URL)": {
    noun: "base URL",
    flag: "--base-url <url>",
    input: "base-url",
    variable: "STATUSPAGE_BASE_URL"
  },
  "organizationId (STATUSPAGE_ORGANIZATION_ID)": { noun: "organization id", variable: "STATUSPAGE_ORGANIZATION_ID" }
}

/** A failure line as the GitHub Action says it: a workflow sets the Action's inputs, not the CLI's flags. */
export const inActionWords = (line: string): string =>
  Object.values(cliSettings).reduce(
    (words, { flag, input }) =>
      flag === undefined || input === undefined ? words : words.replaceAll(flag, `the ${input} input`),
    line
  )

// The configuration error a failure is, or carries as its cause (a job's `JobError`, apply's `ApplyError`).
const configurationError = (error: unknown): ConfigurationError | undefined =>
  isConfigurationError(error)
    ? error
    : Predicate.hasProperty(error, "cause") && error.cause !== error
      ? configurationError(error.cause)
      : undefined

// A setting's error in the command line's words, or undefined when the command line has nothing better to say.
const settingMessage = (error: ConfigurationError): string | undefined => {
  const setting = cliSettings[error.setting]
  if (setting === undefined) return undefined
  const how = setting.flag === undefined ? setting.variable : `${setting.variable} (or ${setting.flag})`
  return error.reason === "Missing"
    ? `no ${setting.noun} is set: ${setting.flag === undefined ? "" : `pass ${setting.flag} or `}set ${setting.variable}`
    : error.message.replaceAll(error.setting, how)
}

/**
 * A failure as the command's one line on stderr: `oneLine`, except that a configuration error of a setting (also
 * as a job's cause) names the flag or environment variable that sets it, wherever it came from.
 */
export const failureLine = (error: unknown): string => {
  const config = configurationError(error)
  const cli = config === undefined ? undefined : settingMessage(config)
  if (config === undefined || cli === undefined) return oneLine(error)
  const message = messageOf(error)
  return oneLine(error !== config && message.includes(config.message) ? message.replace(config.message, cli) : cli)
}
