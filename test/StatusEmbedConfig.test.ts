import { assert, describe, it } from "@effect/vitest"
import { StatusEmbedConfig } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { PAGE_ID } from "./support/fixtures.js"
import { run } from "./support/RecordingHttpClient.js"
import { refused, right } from "./support/recorded.js"

const config = (overrides: Record<string, unknown> = {}) => ({
  page_id: PAGE_ID,
  position: "bottom-left",
  incident_background_color: "#FDEDE8",
  incident_text_color: "#D84020",
  maintenance_background_color: "#E8F1FD",
  maintenance_text_color: "#1F6BD6",
  ...overrides
})

const path = `/v1/pages/${PAGE_ID}/status_embed_config`

describe("StatusEmbedConfig", () => {
  it.effect("get sends GET and decodes the settings", () =>
    Effect.gen(function* () {
      const { result, requests } = yield* run(StatusEmbedConfig.get(), [{ body: config() }])
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.target, path)
      assert.deepStrictEqual(right(result), config())
    })
  )

  it.effect("update (PATCH) and replace (PUT) wrap the settings in status_embed_config", () =>
    Effect.gen(function* () {
      const input = { position: "bottom-right", incident_text_color: "#000000" }
      const patched = yield* run(StatusEmbedConfig.update(input), [{ body: config({ position: "bottom-right" }) }])
      const put = yield* run(StatusEmbedConfig.replace(input, { pageId: "otherpage" }), [
        { body: config({ page_id: "otherpage" }) }
      ])
      assert.strictEqual(patched.requests[0]!.method, "PATCH")
      assert.strictEqual(patched.requests[0]!.target, path)
      assert.strictEqual(put.requests[0]!.method, "PUT")
      assert.strictEqual(put.requests[0]!.target, "/v1/pages/otherpage/status_embed_config")
      for (const { requests } of [patched, put]) {
        assert.strictEqual(requests[0]!.headers["content-type"], "application/json")
        assert.deepStrictEqual(requests[0]!.json, {
          status_embed_config: { position: "bottom-right", incident_text_color: "#000000" }
        })
      }
      assert.strictEqual(right(patched.result).position, "bottom-right")
      assert.strictEqual(right(put.result).page_id, "otherpage")
    })
  )

  it.effect("page_id is not writable and colours must be strings: nothing is sent", () =>
    Effect.gen(function* () {
      const pageId = refused(yield* run(StatusEmbedConfig.update({ page_id: "x" } as any), [{ body: config() }]))
      assert.deepStrictEqual([pageId.sent, pageId.reason, pageId.field], [0, "InvalidInput", "page_id"])
      const colour = refused(
        yield* run(StatusEmbedConfig.replace({ incident_text_color: 0xd84020 } as any), [{ body: config() }])
      )
      assert.deepStrictEqual([colour.sent, colour.field], [0, "incident_text_color"])
    })
  )
})
