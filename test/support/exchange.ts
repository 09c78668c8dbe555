/** Runs an action against a recording fake `HttpClient` and returns its result with the requests it sent. */
import type * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { configLayer } from "./fixtures.js"
import * as RecordingHttpClient from "./RecordingHttpClient.js"

export const exchange = <A, E>(
  effect: Effect.Effect<A, E, any>,
  answer: Parameters<typeof RecordingHttpClient.make>[0],
  config: Partial<StatusPageConfig.Options> = {}
) => {
  const http = RecordingHttpClient.make(answer)
  return Effect.map(
    Effect.either(effect.pipe(Effect.provide(Layer.merge(http.layer, configLayer(config))))),
    (result) => ({ result, requests: http.requests })
  )
}
