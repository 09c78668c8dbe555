/**
 * The settings every action reads: API key, page, organization, base URL and request defaults.
 *
 * | option           | environment                  | default                          |
 * | ---------------- | ---------------------------- | -------------------------------- |
 * | `apiKey`         | `STATUSPAGE_API_KEY`         | required                         |
 * | `pageId`         | `STATUSPAGE_PAGE_ID`         | none (page actions fail)         |
 * | `organizationId` | `STATUSPAGE_ORGANIZATION_ID` | none (organization actions fail) |
 * | `baseUrl`        | `STATUSPAGE_BASE_URL`        | `https://api.statuspage.io/v1`   |
 * | `userAgent`      |                              | `effect-statuspage/<version>`    |
 * | `timeout`        |                              | 30 seconds per request           |
 * | `maxResponseSize`|                              | 64 MiB per response body         |
 * | `verbose`        |                              | `false`                          |
 *
 * Only the key is needed to build a config: an action that needs a page id (every `/pages/{page_id}/...` path, unless
 * the call passes `{ pageId }`) or an organization id (`Users`, `Permissions`) and finds none fails at call time with a
 * `ConfigurationError` naming the setting, and sends nothing. `Pages.list` needs neither.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { validateBaseUrl } from "./internal/baseUrl.js"
import { DEFAULT_MAX_RESPONSE_SIZE, MAX_RESPONSE_SIZE_LIMIT } from "./internal/bounds.js"
import { readApiKey } from "./internal/requestHeaders.js"
import { scopeValue } from "./internal/scope.js"
import { VERSION } from "./internal/version.js"
import { ConfigurationError } from "./StatusPageError.js"

/**
 * What callers pass to build a config.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  readonly apiKey: Redacted.Redacted | string | undefined
  /** Needed by page actions (unless a call passes its own `pageId`); not by `Pages.list` or organization actions. */
  readonly pageId?: string | undefined
  /** Needed by organization actions (`Users`, `Permissions`) only. */
  readonly organizationId?: string | undefined
  readonly baseUrl?: string | undefined
  readonly userAgent?: string | undefined
  readonly timeout?: Duration.DurationInput | undefined
  /** The largest response body, in bytes, read before failing with `ServerError` `TooLarge`; default 64 MiB. */
  readonly maxResponseSize?: number | undefined
  readonly verbose?: boolean | undefined
}

/**
 * A validated config.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Service {
  readonly apiKey: Redacted.Redacted
  readonly pageId: Option.Option<string>
  readonly organizationId: Option.Option<string>
  /** Without a trailing slash. */
  readonly baseUrl: string
  readonly userAgent: string
  readonly timeout: Duration.Duration
  /** Bytes; `make` always sets it (optional only so that hand-built services keep compiling). */
  readonly maxResponseSize?: number
  readonly verbose: boolean
}

/**
 * @since 0.1.0
 * @category Context
 */
export class StatusPageConfig extends Context.Tag("@effect-statuspage/StatusPageConfig")<StatusPageConfig, Service>() {}

/**
 * @since 0.1.0
 * @category Constants
 */
export const defaultBaseUrl = "https://api.statuspage.io/v1"

/**
 * @since 0.1.0
 * @category Constants
 */
export const defaultUserAgent = `effect-statuspage/${VERSION}`

const missing = (setting: string, what: string) =>
  new ConfigurationError({ reason: "Missing", setting, message: `${what} is not set: set ${setting}` })

const invalid = (setting: string, message: string) => new ConfigurationError({ reason: "Invalid", setting, message })

const nonEmpty = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

/**
 * Validates options into a config. Only the key is required: without a page id (organization id), page
 * (organization) actions fail with `ConfigurationError` when called.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options): Effect.Effect<Service, ConfigurationError> =>
  Effect.gen(function* () {
    const key = yield* readApiKey(options.apiKey, "apiKey (STATUSPAGE_API_KEY)")
    if (key === undefined) return yield* missing("apiKey (STATUSPAGE_API_KEY)", "the API key")
    const baseUrl = yield* validateBaseUrl(
      nonEmpty(options.baseUrl) ?? defaultBaseUrl,
      "baseUrl (STATUSPAGE_BASE_URL)",
      defaultBaseUrl
    )
    const timeout = Duration.decode(options.timeout ?? "30 seconds")
    if (!Duration.isFinite(timeout) || Duration.toMillis(timeout) <= 0) {
      return yield* invalid("timeout", "the timeout must be a finite, positive duration")
    }
    const maxResponseSize = options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE
    if (!Number.isSafeInteger(maxResponseSize) || maxResponseSize < 1 || maxResponseSize > MAX_RESPONSE_SIZE_LIMIT) {
      return yield* invalid(
        "maxResponseSize",
        "maxResponseSize must be a whole number of bytes from 1 to 268435456 (256 MiB)"
      )
    }
    return {
      apiKey: Redacted.make(key),
      pageId: Option.fromNullable(nonEmpty(options.pageId)),
      organizationId: Option.fromNullable(nonEmpty(options.organizationId)),
      baseUrl,
      userAgent: nonEmpty(options.userAgent) ?? defaultUserAgent,
      timeout,
      maxResponseSize,
      verbose: options.verbose ?? false
    }
  })

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options): Layer.Layer<StatusPageConfig, ConfigurationError> =>
  Layer.effect(StatusPageConfig, make(options))

/**
 * Reads the options from Effect `Config`s.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerConfig = (
  config: Config.Config.Wrap<Options>
): Layer.Layer<StatusPageConfig, ConfigurationError | import("effect/ConfigError").ConfigError> =>
  Layer.effect(StatusPageConfig, Effect.flatMap(Config.unwrap(config), make))

/**
 * The options read from the environment (`STATUSPAGE_API_KEY`, `STATUSPAGE_PAGE_ID`,
 * `STATUSPAGE_ORGANIZATION_ID`, `STATUSPAGE_BASE_URL`), with `overrides` for the rest.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const fromEnv = (
  overrides: Omit<Options, "apiKey" | "pageId" | "organizationId" | "baseUrl"> = {}
): Effect.Effect<Service, ConfigurationError> =>
  Effect.gen(function* () {
    const read = (name: string) =>
      Config.option(Config.string(name)).pipe(
        Effect.map(Option.getOrUndefined),
        Effect.orElseSucceed(() => undefined)
      )
    return yield* make({
      ...overrides,
      apiKey: yield* read("STATUSPAGE_API_KEY"),
      pageId: yield* read("STATUSPAGE_PAGE_ID"),
      organizationId: yield* read("STATUSPAGE_ORGANIZATION_ID"),
      baseUrl: yield* read("STATUSPAGE_BASE_URL")
    })
  })

/**
 * @since 0.1.0
 * @category Layers
 */
export const layerFromEnv = (
  overrides?: Omit<Options, "apiKey" | "pageId" | "organizationId" | "baseUrl">
): Layer.Layer<StatusPageConfig, ConfigurationError> => Layer.effect(StatusPageConfig, fromEnv(overrides))

/**
 * Reads the page id or fails with a `ConfigurationError` that says what to set.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const requirePageId = (config: Service): Effect.Effect<string, ConfigurationError> =>
  Either.match(scopeValue(config, "page_id", "this action"), { onLeft: Effect.fail, onRight: Effect.succeed })

/**
 * Reads the organization id or fails with a `ConfigurationError` that says what to set.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const requireOrganizationId = (config: Service): Effect.Effect<string, ConfigurationError> =>
  Either.match(scopeValue(config, "organization_id", "this action"), { onLeft: Effect.fail, onRight: Effect.succeed })
