/** Base URL validation shared by the Manage API config and the public client. */
import * as Effect from "effect/Effect"
import { ConfigurationError } from "../StatusPageError.js"

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"])

const isLoopback = (hostname: string) => loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)

const invalid = (setting: string, message: string) => new ConfigurationError({ reason: "Invalid", setting, message })

/** An https URL (plain http only to loopback) without credentials, query or fragment; returned without a trailing slash. */
export const validateBaseUrl = (
  raw: string,
  setting: string,
  example: string
): Effect.Effect<string, ConfigurationError> => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return Effect.fail(invalid(setting, `the base URL is not a URL: set ${setting} to e.g. ${example}`))
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return Effect.fail(invalid(setting, `the base URL must use https: set ${setting} to e.g. ${example}`))
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    return Effect.fail(
      invalid(setting, `plain http is only allowed to a loopback host (the API key would travel in clear): use https`)
    )
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return Effect.fail(invalid(setting, `the base URL must not carry credentials, a query or a fragment`))
  }
  return Effect.succeed(url.toString().replace(/\/+$/, ""))
}
