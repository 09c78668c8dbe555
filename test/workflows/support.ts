/** Helpers for the workflow tests: request counts from the fake's log, faults aimed at the n-th write, state views. */
import * as HttpClient from "@effect/platform/HttpClient"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"

/** Runs `effect` with an empty request log, and returns its result with the endpoints it called, in order. */
export const counted = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.FakeStatusPage
    yield* fake.clearRequests
    const result = yield* effect
    const log = yield* fake.requests
    return { result, endpoints: log.map((r) => r.endpoint ?? `${r.method} ${r.url}`), log }
  })

/** The requests of a log that are writes (anything but GET). */
export const writesOf = (log: ReadonlyArray<StatusPageTest.LoggedRequest>) => log.filter((r) => r.method !== "GET")

/**
 * Runs `effect` with `act` applied to the fake just before the `n`-th write request (1-based) goes out: e.g. a
 * `dropNext` or a `failNext` that hits that write and not the reads before it.
 */
export const atWrite =
  (n: number, act: (fake: StatusPageTest.Service) => Effect.Effect<void>) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.flatMap(StatusPageTest.FakeStatusPage, (fake) => {
      let seen = 0
      return Effect.updateService(effect, HttpClient.HttpClient, (client) =>
        HttpClient.transform(client, (request, req) =>
          req.method !== "GET" && ++seen === n ? Effect.zipRight(act(fake), request) : request
        )
      )
    })

/** The fake's incidents and components without ids and timestamps, to compare end states of two runs. */
export const pageView = Effect.gen(function* () {
  const fake = yield* StatusPageTest.FakeStatusPage
  const state = yield* fake.state
  const incidents = (state.incidents ?? []) as ReadonlyArray<any>
  const components = (state.components ?? []) as ReadonlyArray<any>
  const name = (id: string) => components.find((c) => c.id === id)?.name
  return {
    incidents: incidents.map((i) => ({
      name: i.name,
      status: i.status,
      impact: i.impact,
      impact_override: i.impact_override,
      metadata: i.metadata,
      scheduled_for: i.scheduled_for,
      scheduled_until: i.scheduled_until,
      components: i.components.map((c: any) => name(c.id)).sort()
    })),
    components: components.map((c) => ({ name: c.name, status: c.status, group: c.group }))
  }
})
