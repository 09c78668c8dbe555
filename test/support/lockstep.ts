/**
 * Two jobs in lockstep over one `HttpClient`: each request waits until a second one arrives, then both go. Two
 * replicas racing on the same key then both read before either writes, on the in-process fake where a request
 * otherwise runs to its answer without yielding. `off` lets a waiting request go and stops the pairing.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"

export const make = () => {
  let on = true
  let waiting: Deferred.Deferred<void> | undefined
  const release = Effect.suspend(() => {
    const partner = waiting
    waiting = undefined
    return partner === undefined ? Effect.void : Deferred.succeed(partner, undefined)
  })
  const pair = Effect.suspend(() => {
    if (!on) return Effect.void
    if (waiting !== undefined) return release
    return Effect.flatMap(Deferred.make<void>(), (d) => {
      waiting = d
      return Deferred.await(d)
    })
  })
  return {
    /** Runs `effect` with its requests paired. */
    paired: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.updateService(effect, HttpClient.HttpClient, (client) =>
        HttpClient.transform(client, (request) => Effect.zipRight(pair, request))
      ),
    off: Effect.suspend(() => {
      on = false
      return release
    })
  }
}
