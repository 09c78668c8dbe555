/** Helpers for the desired-state tests: the example file, the fake's request log. */

import * as Fs from "node:fs"
import { DesiredStateFile } from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"

export const exampleText = Fs.readFileSync("examples/desired-state/statuspage.yaml", "utf8")
export const example = Effect.orDie(DesiredStateFile.parse(exampleText))

/** The requests logged since the last call, as `METHOD endpoint`, then clears the log. */
export const takeRequests = Effect.gen(function* () {
  const fake = yield* StatusPageTest.FakeStatusPage
  const log = yield* fake.requests
  yield* fake.clearRequests
  return log.map((r) => `${r.method} ${r.endpoint ?? r.url}`)
})

export const writesOf = (requests: ReadonlyArray<string>) => requests.filter((r) => !r.startsWith("GET "))
