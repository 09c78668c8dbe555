/**
 * The jobs over real HTTP against the fake server on 127.0.0.1: the same request counts as in-process, and a
 * connection destroyed after the server applied a write still converges on rerun.
 */
import { assert, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import { StatusPageFakeServer } from "@effect-statuspage/testing"
import { ComponentStatus, IncidentByKey } from "@effect-statuspage/workflows"
import * as Effect from "effect/Effect"
import { atWrite, counted, pageView } from "./support.js"

describe("workflows over loopback HTTP", () => {
  it.scoped("incident by key and component status: counts, idempotence, a drop after the server applied a write", () =>
    Effect.gen(function* () {
      yield* Components.create({ name: "API" })
      yield* Components.create({ name: "Web" })
      const ensure = IncidentByKey.ensure({
        key: "deploy-42",
        name: "Deploy failed",
        components: { API: "major_outage" }
      })
      const created = yield* counted(atWrite(1, (fake) => fake.dropNext({ when: "after" }))(Effect.flip(ensure)))
      assert.strictEqual(created.result._tag, "JobError")
      const rerun = yield* counted(ensure)
      assert.deepStrictEqual(rerun.endpoints, ["incidents.listUnresolved"])
      assert.strictEqual(rerun.result.outcome, "unchanged")
      const set = yield* counted(ComponentStatus.set({ Web: "partial_outage", API: "major_outage" }))
      assert.deepStrictEqual(set.endpoints, ["components.list", "components.update"])
      const resolved = yield* counted(IncidentByKey.resolve({ key: "deploy-42" }))
      assert.deepStrictEqual(resolved.endpoints, ["incidents.listUnresolved", "incidents.update"])
      const view = yield* pageView
      assert.strictEqual(view.incidents.length, 1)
      assert.deepStrictEqual(
        view.components.map((c) => [c.name, c.status]),
        [
          ["API", "operational"],
          ["Web", "partial_outage"]
        ]
      )
    }).pipe(Effect.provide(StatusPageFakeServer.layerTest({ seed: "workflows-loopback" })))
  )
})
