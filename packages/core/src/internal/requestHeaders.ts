/**
 * The API key check and the headers every request carries, shared by the Manage API config and the public client.
 */
import * as Headers from "@effect/platform/Headers"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { ConfigurationError } from "../StatusPageError.js"

/** Where requests go, what they carry and what they may not leak: built once per config or public page. */
export interface Origin {
  /** Without a trailing slash. */
  readonly baseUrl: string
  /** `Authorization` (when there is a key), `User-Agent` and `Accept`. */
  readonly headers: Headers.Headers
  /** The API key, if any: scrubbed from every error. */
  readonly secrets: ReadonlyArray<string>
}

/**
 * The one check of an API key setting: trimmed, empty means absent, and a key that would break or double the
 * `Authorization` header (a line break, a NUL, its own `OAuth ` prefix) is refused naming `setting`.
 */
export const readApiKey = (
  value: Redacted.Redacted | string | undefined,
  setting: string
): Either.Either<string | undefined, ConfigurationError> => {
  const raw = Redacted.isRedacted(value) ? Redacted.value(value) : value
  const key = raw?.trim()
  if (key === undefined || key === "") return Either.right(undefined)
  const invalid = (message: string) => Either.left(new ConfigurationError({ reason: "Invalid", setting, message }))
  if (/[\r\n\0]/.test(key)) return invalid(`the API key contains a line break or NUL character: check ${setting}`)
  if (/^oauth\s/i.test(key)) {
    return invalid(`set ${setting} to the key alone: the 'OAuth ' prefix of the Authorization header is added for you`)
  }
  return Either.right(key)
}

/** The origin of requests to `baseUrl` with `apiKey` (already checked by `readApiKey`). */
export const makeOrigin = (baseUrl: string, apiKey: string | undefined, userAgent: string): Origin => ({
  baseUrl,
  headers: Headers.fromInput({
    ...(apiKey === undefined ? {} : { authorization: `OAuth ${apiKey}` }),
    "user-agent": userAgent,
    accept: "application/json"
  }),
  secrets: apiKey === undefined ? [] : [apiKey]
})

interface Settings {
  readonly apiKey: Redacted.Redacted
  readonly baseUrl: string
  readonly userAgent: string
}

// Built once per config and kept off the config object itself, so that printing or serialising a config can
// never show the key in clear.
const cache = new WeakMap<Settings, Origin>()

/** The origin of a validated config, built on first use. */
export const originOf = (config: Settings): Origin => {
  let origin = cache.get(config)
  if (origin === undefined) {
    origin = makeOrigin(config.baseUrl, Redacted.value(config.apiKey), config.userAgent)
    cache.set(config, origin)
  }
  return origin
}
