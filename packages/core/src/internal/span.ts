import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/** Adds `amount` to a numeric attribute of the current span (the action's span, when called from a policy layer). */
export const addToCurrentSpan = (name: string, amount: number): Effect.Effect<void> =>
  Effect.map(Effect.option(Effect.currentSpan), (span) => {
    if (Option.isNone(span)) return
    const previous = span.value.attributes.get(name)
    span.value.attribute(name, (typeof previous === "number" ? previous : 0) + amount)
  })
