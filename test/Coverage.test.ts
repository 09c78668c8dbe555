/**
 * The client covers the official API exactly: every official operation (method + path) has an action, and no action
 * calls anything else unless it is marked deprecated. The official list is a fixture derived once from the spec, so
 * this runs without `/work/shared`; when the spec's `operations.json` sits beside the repo, the fixture is checked
 * against it too.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { StatusPageClient } from "@effect-statuspage/core"

const root = path.resolve(import.meta.dirname, "..")
const official = fs
  .readFileSync(path.join(root, "test/fixtures/official-operations.txt"), "utf8")
  .split("\n")
  .filter((line) => line !== "")
const officialSet = new Set(official)

const rows = StatusPageClient.actions().map(([group, action, { endpoint }]) => ({
  group,
  action,
  operation: `${endpoint.method} ${endpoint.path}`,
  deprecated: endpoint.deprecated
}))
const covered = new Set(rows.map((row) => row.operation))
const missing = official.filter((operation) => !covered.has(operation))

describe("Coverage of the official operations", () => {
  it("the fixture lists 112 distinct operations as METHOD /path", () => {
    expect(official).toHaveLength(112)
    expect(officialSet.size).toBe(112)
    for (const line of official) expect(line).toMatch(/^(GET|POST|PATCH|PUT|DELETE) \/[a-z_{}/-]+$/)
  })

  const spec = path.resolve(root, "../shared/reference/operations.json")
  it.skipIf(!fs.existsSync(spec))("the fixture matches operations.json", () => {
    const operations: ReadonlyArray<{ method: string; path: string }> = JSON.parse(fs.readFileSync(spec, "utf8"))
    expect([...officialSet].sort()).toEqual(operations.map((op) => `${op.method} ${op.path}`).sort())
  })

  it("no action calls an unofficial method and path unless it is deprecated, with a reason", () => {
    const unofficial = rows.filter((row) => !officialSet.has(row.operation))
    for (const row of unofficial) expect(row.deprecated, `${row.group}.${row.action}: ${row.operation}`).toMatch(/\S/)
  })

  it("prints the coverage table", () => {
    const table = rows.map(
      (r) => `${r.group}\t${r.action}\t${r.operation.replace(" ", "\t")}${r.deprecated ? "\t(deprecated)" : ""}`
    )
    console.log(
      [
        "group\taction\tmethod\tpath",
        ...table,
        `${official.length - missing.length} of ${official.length} official operations covered by ${rows.length} actions`,
        ...missing.map((operation) => `missing: ${operation}`)
      ].join("\n")
    )
    expect(rows.length).toBeGreaterThan(0)
  })

  it("every official operation has an action", () => {
    expect(missing).toEqual([])
  })
})
