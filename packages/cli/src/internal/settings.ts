import { text } from "node:stream/consumers"
import * as Options from "@effect/cli/Options"
import * as FileSystem from "@effect/platform/FileSystem"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import { ConfigurationError } from "@effect-statuspage/core/StatusPageError"
import * as StatusPageNode from "@effect-statuspage/platform-node/StatusPageNode"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/** The connection flags every command that talks to the API takes; unset flags fall back to the environment. */
export const options = {
  page: Options.text("page").pipe(
    Options.withDescription("The page id (default: STATUSPAGE_PAGE_ID)."),
    Options.optional
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.withDescription("The API root (default: STATUSPAGE_BASE_URL, else https://api.statuspage.io/v1)."),
    Options.optional
  ),
  apiKeyFile: Options.text("api-key-file").pipe(
    Options.withDescription(
      "Read the API key from this file, or from stdin with '-' (default: STATUSPAGE_API_KEY). The key is never a flag value, so that it does not show in process listings."
    ),
    Options.optional
  )
}

/** The parsed connection flags. */
export interface Settings {
  readonly page: Option.Option<string>
  readonly baseUrl: Option.Option<string>
  readonly apiKeyFile: Option.Option<string>
}

const apiKeySetting = "apiKey (--api-key-file or STATUSPAGE_API_KEY)"

// The file's content is never put in a message: it is (or should be) a secret.
const readKey = (path: string) =>
  Effect.gen(function* () {
    const content =
      path === "-"
        ? yield* Effect.tryPromise(() => text(process.stdin))
        : yield* Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(path))
    const key = content.trim()
    if (key === "") {
      return yield* new ConfigurationError({
        reason: "Missing",
        setting: apiKeySetting,
        message: `the API key file ${path === "-" ? "(stdin)" : path} is empty`
      })
    }
    return key
  }).pipe(
    Effect.catchTags({
      UnknownException: () => Effect.fail(unreadable(path, "stdin could not be read")),
      SystemError: (e) => Effect.fail(unreadable(path, e.reason === "NotFound" ? "no such file" : e.reason)),
      BadArgument: (e) => Effect.fail(unreadable(path, e.message))
    })
  )

const unreadable = (path: string, why: string) =>
  new ConfigurationError({
    reason: "Invalid",
    setting: apiKeySetting,
    message: `cannot read the API key file ${path === "-" ? "(stdin)" : path}: ${why}`
  })

/**
 * The client for a command: `StatusPageNode.layer(options)` (undici, pacing, retries, timeouts) reading its settings
 * from the flags first, then the current `ConfigProvider` (the environment, unless the caller set another), so the
 * library's own validation and messages apply.
 */
export const layer = (
  settings: Settings,
  options: StatusPageNode.Options<ConfigurationError> = {}
): Layer.Layer<StatusPageConfig.StatusPageConfig | HttpClient.HttpClient, ConfigurationError, FileSystem.FileSystem> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const flags = new Map<string, string>()
      if (Option.isSome(settings.page)) flags.set("STATUSPAGE_PAGE_ID", settings.page.value)
      if (Option.isSome(settings.baseUrl)) flags.set("STATUSPAGE_BASE_URL", settings.baseUrl.value)
      if (Option.isSome(settings.apiKeyFile)) flags.set("STATUSPAGE_API_KEY", yield* readKey(settings.apiKeyFile.value))
      const fallback = yield* Effect.configProviderWith(Effect.succeed)
      const provider = ConfigProvider.orElse(ConfigProvider.fromMap(flags), () => fallback)
      return StatusPageNode.layer(options).pipe(Layer.provide(Layer.setConfigProvider(provider)))
    })
  )
