/** Reading the outcome of `RecordingHttpClient.run`: the success value, or what a refused input says. */

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
