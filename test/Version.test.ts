import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { StatusPageConfig } from "@effect-statuspage/core"
import { VERSION } from "../packages/core/src/internal/version.js"

describe("version", () => {
  it("internal/version.ts matches packages/core/package.json, and the default User-Agent carries it", () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, "../packages/core/package.json"), "utf8")
    ) as { version: string }
    assert.strictEqual(VERSION, manifest.version)
    assert.strictEqual(StatusPageConfig.defaultUserAgent, `effect-statuspage/${manifest.version}`)
  })
})
