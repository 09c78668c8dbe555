import { assert, describe, it } from "@effect/vitest"
import { Components, StatusPageConfig, Subscribers } from "@effect-statuspage/core"
import {
  DesiredStateApply,
  DesiredStateExport,
  DesiredStateFile,
  DesiredStatePlan,
  DesiredStateSubscribers
} from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { example, takeRequests, writesOf } from "./support.js"

const OTHER_PAGE = "otherpage001"
const layer = StatusPageTest.layer({ seed: "export", morePageIds: [OTHER_PAGE] })

/** Runs `effect` against the fake's second page. */
const onOtherPage = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.FakeStatusPage
    const config = yield* StatusPageConfig.make({ apiKey: fake.apiKey, pageId: OTHER_PAGE })
    return yield* Effect.provideService(effect, StatusPageConfig.StatusPageConfig, config)
  })

describe("export and import", () => {
  it.effect("the example round-trips: apply, export, the export plans to nothing on the same page", () =>
    Effect.gen(function* () {
      const file = yield* example
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(file))
      const { file: exported, notes } = yield* DesiredStateExport.exportPage()
      assert.deepStrictEqual(notes, [])
      // through text, as a user would keep it
      const text = DesiredStateFile.stringify(exported)
      const reread = yield* DesiredStateFile.parse(text, "exported.yaml")
      assert.deepStrictEqual(
        reread.components?.map((c) => c.name),
        ["Website", "API", "Database", "Payments"]
      )
      yield* takeRequests
      const plan = yield* DesiredStatePlan.make(reread, { prune: true })
      assert.isTrue(DesiredStatePlan.isEmpty(plan), DesiredStatePlan.render(plan))
      assert.deepStrictEqual(plan.unmanaged, [])
      assert.deepStrictEqual(plan.notes, [])
      assert.deepStrictEqual(writesOf(yield* takeRequests), [])
    }).pipe(Effect.provide(layer))
  )

  it.effect("import to another page: export -> apply there -> plan there is empty; refusals are reported", () =>
    Effect.gen(function* () {
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(yield* example))
      const { file } = yield* DesiredStateExport.exportPage()
      const imported = yield* onOtherPage(DesiredStateExport.importFile(file))
      // the subdomain belongs to the first page: the API refuses the page settings, the rest goes through
      assert.deepStrictEqual(
        imported.result.refused.map((r) => r.step),
        ["update page"]
      )
      assert.include(imported.result.refused[0]!.message, "Subdomain")
      assert.deepStrictEqual(imported.result.skipped, [])
      const { page: _page, ...withoutPage } = file
      const after = yield* onOtherPage(DesiredStatePlan.make(withoutPage))
      assert.isTrue(DesiredStatePlan.isEmpty(after), DesiredStatePlan.render(after))
      // the first page is untouched
      assert.lengthOf(yield* Components.list(), 5)
      assert.lengthOf(yield* onOtherPage(Components.list()), 5)
    }).pipe(Effect.provide(layer))
  )

  it.effect("subscribers: exported page by page to JSON Lines, imported elsewhere as chosen, refusals reported", () =>
    Effect.gen(function* () {
      yield* DesiredStateApply.apply(yield* DesiredStatePlan.make(yield* example))
      const api = (yield* Components.list()).find((c) => c.name === "API")!
      for (let i = 0; i < 205; i++) {
        yield* Subscribers.create({ email: `person${i}@example.com`, skip_confirmation_notification: true })
      }
      yield* Subscribers.create({
        email: "api@example.com",
        component_ids: [api.id],
        skip_confirmation_notification: true
      })
      yield* takeRequests
      const lines = Chunk.toArray(
        yield* Stream.runCollect(DesiredStateSubscribers.toLines(DesiredStateSubscribers.exportSubscribers()))
      )
      // one components list, then 206 subscribers in pages of 100
      assert.deepStrictEqual(yield* takeRequests, [
        "GET components.list",
        "GET subscribers.list",
        "GET subscribers.list",
        "GET subscribers.list"
      ])
      assert.lengthOf(lines, 206)
      assert.include(lines, '{"mode":"email","email":"person0@example.com"}\n')
      assert.include(lines, '{"mode":"email","email":"api@example.com","components":["API"]}\n')

      yield* onOtherPage(DesiredStateExport.importFile((yield* DesiredStateExport.exportPage()).file))
      const input = Stream.make(
        ...lines.slice(0, 3),
        '{"mode":"slack","email":"team@example.com"}\n',
        lines.at(-1)!,
        lines[0]!
      ).pipe(Stream.splitLines)
      const report = yield* onOtherPage(
        DesiredStateSubscribers.importSubscribers(input, { skipConfirmationNotification: false })
      )
      assert.deepStrictEqual(report, {
        created: 4,
        existing: 1,
        refused: [{ line: 4, mode: "slack", message: "slack subscribers cannot be created through the API" }]
      })
      const there = yield* onOtherPage(Subscribers.list({ state: "all" }))
      assert.lengthOf(there, 4)
      // not skipped: each waits for its confirmation
      assert.isTrue(there.every((s) => s.skip_confirmation_notification === false))
    }).pipe(Effect.provide(layer))
  )
})
