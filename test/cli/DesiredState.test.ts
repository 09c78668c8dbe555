import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { ExitCode } from "@effect-statuspage/cli"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { fakeEnv, interrupted, lines, run, useBundle, writes } from "./support.js"

const bundle = useBundle()
const statuspage = (args: ReadonlyArray<string>, options?: Parameters<typeof run>[2]) =>
  run(Path.join(bundle.dir, "statuspage.js"), args, options)
const withFake = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, StatusPageFakeServer.layerTest({ seed: "desired" }))

const folder = () => mkdtempSync(Path.join(tmpdir(), "statuspage-desired-"))
const pageFile = (dir: string, components: number) => {
  const path = Path.join(dir, "page.yaml")
  const names = Array.from({ length: components }, (_, i) => `Service ${i + 1}`)
  writeFileSync(
    path,
    [
      "version: 1",
      "components:",
      ...names.map((name) => `  - name: ${name}`),
      "groups:",
      "  - name: Platform",
      `    components: [${names.slice(0, 2).join(", ")}]`
    ].join("\n")
  )
  return path
}

const assertFailed = (ran: { code: number | null; stdout: string; stderr: string }, code: number, what: RegExp) => {
  assert.strictEqual(ran.code, code, ran.stderr)
  assert.strictEqual(ran.stdout, "")
  assert.lengthOf(lines(ran.stderr), 1, ran.stderr)
  assert.match(ran.stderr, what)
}

describe("statuspage plan / apply / export (built bin, fake Statuspage on loopback)", () => {
  it.live(
    "plan, apply --yes, apply again (no change), export then plan the export (empty)",
    () =>
      withFake(
        Effect.gen(function* () {
          const env = yield* fakeEnv
          const dir = folder()
          const file = pageFile(dir, 3)
          const plan = yield* statuspage(["plan", "--file", file], { env })
          assert.strictEqual(plan.code, 0, plan.stderr)
          assert.include(plan.stdout, "Service 3")
          assert.lengthOf(yield* writes, 0)
          const applied = yield* statuspage(["apply", "--file", file, "--yes", "--json"], { env })
          assert.strictEqual(applied.code, 0, applied.stderr)
          const { plan: planned, result } = JSON.parse(applied.stdout)
          assert.strictEqual(result.writes, planned.changes.length)
          assert.lengthOf(yield* writes, planned.changes.length)
          const again = yield* statuspage(["apply", "--file", file, "--yes"], { env })
          assert.strictEqual(again.code, 0, again.stderr)
          assert.strictEqual(again.stdout.trim(), "no change")
          assert.lengthOf(yield* writes, planned.changes.length)
          const exported = Path.join(dir, "exported.yaml")
          const exportRun = yield* statuspage(["export", "--output", exported], { env })
          assert.strictEqual(exportRun.code, 0, exportRun.stderr)
          assert.include(readFileSync(exported, "utf8"), "Service 2")
          const replanned = yield* statuspage(["plan", "--file", exported, "--json"], { env })
          assert.strictEqual(replanned.code, 0, replanned.stderr)
          assert.deepStrictEqual(JSON.parse(replanned.stdout).changes, [])
        })
      ),
    240_000
  )

  it.live(
    "refusals write nothing: no --yes without a terminal, unreadable or invalid file, a large prune",
    () =>
      withFake(
        Effect.gen(function* () {
          const env = yield* fakeEnv
          const dir = folder()
          const file = pageFile(dir, 2)
          const noYes = yield* statuspage(["apply", "--file", file], { env })
          assert.strictEqual(noYes.code, ExitCode.ExitCode.Usage)
          assert.match(noYes.stderr, /pass --yes/)
          assertFailed(
            yield* statuspage(["plan", "--file", Path.join(dir, "missing.yaml")], { env }),
            ExitCode.ExitCode.File,
            /cannot read .*missing\.yaml: no such file/
          )
          const invalid = Path.join(dir, "invalid.yaml")
          writeFileSync(invalid, "version: 1\ncomponents:\n  - name: A\n    colour: blue\n")
          assertFailed(
            yield* statuspage(["apply", "--file", invalid, "--yes"], { env }),
            ExitCode.ExitCode.File,
            /invalid\.yaml:4:/
          )
          assert.lengthOf(yield* writes, 0)
          yield* statuspage(["apply", "--file", file, "--yes"], { env })
          const empty = Path.join(dir, "empty.yaml")
          writeFileSync(empty, "version: 1\ncomponents: []\ngroups: []\n")
          const before = (yield* writes).length
          assertFailed(
            yield* statuspage(["apply", "--file", empty, "--prune", "--yes"], { env }),
            ExitCode.ExitCode.Usage,
            /--confirm-large-prune/
          )
          assert.lengthOf(yield* writes, before)
        })
      ),
    240_000
  )

  it.live(
    "Ctrl-C during apply stops after the write in flight and says how far it got; apply again converges",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const env = yield* fakeEnv
          const file = pageFile(folder(), 12)
          yield* fake.setLatency("300 millis")
          const { ran, sent } = yield* interrupted((options) =>
            statuspage(["apply", "--file", file, "--yes"], { env, ...options })
          )
          const stopped = /stopped after (\d+) of (\d+) writes/.exec(ran.stderr)
          assert.isNotNull(stopped, ran.stderr)
          // The count said is the count made.
          assert.strictEqual(sent.length, Number(stopped![1]))
          assert.isBelow(sent.length, Number(stopped![2]))
          yield* fake.setLatency(0)
          const rerun = yield* statuspage(["apply", "--file", file, "--yes", "--json"], { env })
          assert.strictEqual(rerun.code, 0, rerun.stderr)
          const replan = yield* statuspage(["plan", "--file", file, "--json"], { env })
          assert.deepStrictEqual(JSON.parse(replan.stdout).changes, [])
        })
      ),
    240_000
  )
})
