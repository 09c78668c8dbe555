/** Runs an action against a `RecordingHttpClient` and the test config: its result (as `Either`) and what was sent. */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { configLayer } from "./fixtures.js"
import * as RecordingHttpClient from "./RecordingHttpClient.js"

export const run = <A, E>(effect: Effect.Effect<A, E, any>, answer: Parameters<typeof RecordingHttpClient.make>[0]) => {
  const http = RecordingHttpClient.make(answer)
  return Effect.map(Effect.either(effect.pipe(Effect.provide(Layer.merge(http.layer, configLayer())))), (result) => ({
    result,
    requests: http.requests
  }))
}

/** The value of a `Right`, or a thrown assertion naming what came instead. */
export const right = <A, E>(
  result: { readonly _tag: "Right"; readonly right: A } | { readonly _tag: "Left"; readonly left: E }
): A => {
  if (result._tag === "Left")
    throw new Error(`expected success, got ${String((result.left as any)?.message ?? result.left)}`)
  return result.right
}

/** The `RequestError` of an input that was refused before sending: its reason and the field it names. */
export const refused = (outcome: {
  readonly result: { readonly _tag: "Right" } | { readonly _tag: "Left"; readonly left: unknown }
  readonly requests: ReadonlyArray<unknown>
}) => {
  if (outcome.result._tag === "Right") throw new Error("expected the input to be refused, but the action succeeded")
  const error = outcome.result.left as {
    _tag: string
    reason?: string
    message: string
    errors?: ReadonlyArray<{ field?: string }>
  }
  return {
    sent: outcome.requests.length,
    tag: error._tag,
    reason: error.reason,
    field: error.errors?.[0]?.field,
    message: error.message
  }
}
