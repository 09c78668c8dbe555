import * as Headers from "@effect/platform/Headers"
import * as Redacted from "effect/Redacted"
import type * as StatusPageConfig from "../StatusPageConfig.js"

// Built once per config and kept off the config object itself, so that printing or serialising a config can
// never show the key in clear.
const cache = new WeakMap<StatusPageConfig.Service, Headers.Headers>()

/** The headers every request of `config` carries: `Authorization`, `User-Agent` and `Accept`. */
export const requestHeaders = (config: StatusPageConfig.Service): Headers.Headers => {
  let headers = cache.get(config)
  if (headers === undefined) {
    headers = Headers.fromInput({
      authorization: `OAuth ${Redacted.value(config.apiKey)}`,
      "user-agent": config.userAgent,
      accept: "application/json"
    })
    cache.set(config, headers)
  }
  return headers
}
