import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { ExitCode } from "@effect-statuspage/cli"
import { Components, Metrics, MetricsProviders } from "@effect-statuspage/core"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { fakeEnv, interrupted, lines, run, runInTerminal, terminalAvailable, useBundle, writes } from "./support.js"

const bundle = useBundle()
const statuspage = (args: ReadonlyArray<string>, options?: Parameters<typeof run>[2]) =>
  run(Path.join(bundle.dir, "statuspage.js"), args, options)
const withFake = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, StatusPageFakeServer.layerTest({ seed: "jobs" }))

/** A metric on the fake, and a CSV of `n` points 30 s apart ending a minute ago, plus a bad row and a 40-day-old one. */
const metricFile = (n: number) =>
  Effect.gen(function* () {
    const provider = yield* MetricsProviders.create({ type: "Self" })
    const metric = yield* Metrics.create(provider.id, { name: "Latency" })
    const now = Math.floor(Date.now() / 1000)
    const rows = Array.from({ length: n }, (_, i) => `${now - 60 - (n - 1 - i) * 30},${i}`)
    const file = Path.join(mkdtempSync(Path.join(tmpdir(), "statuspage-metrics-")), "points.csv")
    writeFileSync(file, ["timestamp,value", ...rows, "not,a,point,row", `${now - 40 * 86400},1`].join("\n"))
    return { metric: metric.id, file }
  })

/** How many points the fake stores, over every metric. */
const storedPoints = Effect.map(
  Effect.flatMap(StatusPageTest.FakeStatusPage, (fake) => fake.state),
  (state) => ((state.metricPoints ?? []) as Array<Map<number, number>>).reduce((n, points) => n + points.size, 0)
)

const assertFailed = (ran: { code: number | null; stdout: string; stderr: string }, code: number, what: RegExp) => {
  assert.strictEqual(ran.code, code, ran.stderr)
  assert.strictEqual(ran.stdout, "")
  assert.lengthOf(lines(ran.stderr), 1, ran.stderr)
  assert.match(ran.stderr, what)
}

describe("statuspage jobs (built bin, fake Statuspage on loopback)", () => {
  it.live(
    "components set: what changed, then no change; unknown name and invalid status write nothing",
    () =>
      withFake(
        Effect.gen(function* () {
          const api = yield* Components.create({ name: "API" })
          yield* Components.create({ name: "Website", status: "major_outage" })
          yield* (yield* StatusPageTest.FakeStatusPage).clearRequests
          const env = yield* fakeEnv
          const first = yield* statuspage(["components", "set", "API", "Website", "--status", "major_outage"], { env })
          assert.strictEqual(first.code, 0, first.stderr)
          assert.include(first.stdout, `PATCH component API (${api.id}): operational -> major_outage`)
          assert.deepStrictEqual(
            (yield* writes).map((r) => r.endpoint),
            ["components.update"]
          )
          const again = yield* statuspage(["components", "set", "API", "--status", "major_outage", "--json"], { env })
          assert.strictEqual(again.code, 0, again.stderr)
          assert.deepStrictEqual(JSON.parse(again.stdout).writes, [])
          assert.lengthOf(yield* writes, 1)
          assertFailed(
            yield* statuspage(["components", "set", "Nope", "--status", "major_outage"], { env }),
            ExitCode.ExitCode.NotFound,
            /Nope/
          )
          const invalid = yield* statuspage(["components", "set", "API", "--status", "broken"], { env })
          assert.strictEqual(invalid.code, ExitCode.ExitCode.Usage)
          assert.strictEqual(invalid.stdout, "")
          const badUntil = yield* statuspage(
            ["components", "set", "API", "--status", "under_maintenance", "--until", "tomorrowish"],
            { env }
          )
          assertFailed(badUntil, ExitCode.ExitCode.Usage, /--until tomorrowish/)
          assert.lengthOf(yield* writes, 1)
        })
      ),
    240_000
  )

  it.live(
    "incidents open twice opens one incident; update and resolve by key; outputs say what changed",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          yield* Components.create({ name: "API" })
          const env = yield* fakeEnv
          const open = [
            "incidents",
            "open",
            "--key",
            "deploy-1",
            "--name",
            "Deploy failed",
            "--component",
            "API=major_outage"
          ]
          const first = yield* statuspage([...open, "--json"], { env })
          assert.strictEqual(first.code, 0, first.stderr)
          const created = JSON.parse(first.stdout)
          assert.strictEqual(created.outcome, "created")
          const second = yield* statuspage(open, { env })
          assert.strictEqual(second.code, 0, second.stderr)
          assert.include(second.stdout, "no change")
          const state = yield* fake.state
          assert.lengthOf(state.incidents ?? [], 1)
          const endpoints = Effect.map(fake.requests, (log) => log.map((r) => r.endpoint))
          yield* fake.clearRequests
          const updated = yield* statuspage(["incidents", "update", "--key", "deploy-1", "--status", "identified"], {
            env
          })
          assert.strictEqual(updated.code, 0, updated.stderr)
          assert.include(updated.stdout, "status investigating -> identified")
          assert.deepStrictEqual(yield* endpoints, ["incidents.listUnresolved", "incidents.update"])
          assert.strictEqual(((yield* fake.state).incidents as Array<{ name: string }>)[0]!.name, "Deploy failed")
          yield* fake.clearRequests
          const missing = yield* statuspage(["incidents", "update", "--key", "nope", "--status", "identified"], { env })
          assertFailed(missing, ExitCode.ExitCode.NotFound, /no open incident has the key nope/)
          assert.deepStrictEqual(yield* endpoints, ["incidents.listUnresolved"])
          const resolved = yield* statuspage(["incidents", "resolve", "--key", "deploy-1", "--json"], { env })
          assert.strictEqual(resolved.code, 0, resolved.stderr)
          assert.strictEqual(JSON.parse(resolved.stdout).outcome, "resolved")
          const again = yield* statuspage(["incidents", "resolve", "--key", "deploy-1"], { env })
          assert.strictEqual(again.code, 0, again.stderr)
          assert.include(again.stdout, "no change")
          const api = (yield* fake.state).components as Array<{ name: string; status: string }>
          assert.strictEqual(api.find((c) => c.name === "API")?.status, "operational")
          const bad = yield* statuspage(["incidents", "open", "--key", "k", "--name", "n", "--component", "API"], {
            env
          })
          assertFailed(bad, ExitCode.ExitCode.Usage, /expected <name>=<status>/)
        })
      ),
    240_000
  )

  it.live(
    "maintenance schedule, start, extend, complete, cancel by name: what changed, then no change; bad input writes nothing",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const api = yield* Components.create({ name: "API" })
          const env = yield* fakeEnv
          const endpoints = Effect.map(fake.requests, (log) => log.map((r) => r.endpoint))
          const status = Effect.map(
            fake.state,
            (state) => (state.components as Array<{ id: string; status: string }>).find((c) => c.id === api.id)?.status
          )
          const schedule = [
            "maintenance",
            "schedule",
            "--name",
            "Deploy",
            "--start",
            "2030-01-01T02:00:00Z",
            "--end",
            "2030-01-01T03:00:00Z",
            "--component",
            "API",
            "--auto-start",
            "--no-auto-complete"
          ]
          yield* fake.clearRequests
          const created = yield* statuspage([...schedule, "--json"], { env })
          assert.strictEqual(created.code, 0, created.stderr)
          assert.strictEqual(created.stderr, "")
          const result = JSON.parse(created.stdout)
          assert.strictEqual(result.outcome, "created")
          assert.deepStrictEqual(yield* endpoints, [
            "incidents.listScheduled",
            "incidents.listActiveMaintenance",
            "components.list",
            "incidents.create"
          ])
          const [window] = (yield* fake.state).incidents as Array<any>
          assert.strictEqual(window.id, result.maintenance.id)
          assert.strictEqual(window.scheduled_until, "2030-01-01T03:00:00.000Z")
          assert.strictEqual(window.scheduled_auto_in_progress, true)
          assert.strictEqual(window.scheduled_auto_completed, false)
          assert.deepStrictEqual(
            window.components.map((c: { id: string }) => c.id),
            [api.id]
          )
          yield* fake.clearRequests
          const again = yield* statuspage(schedule, { env })
          assert.strictEqual(again.code, 0, again.stderr)
          assert.include(again.stdout, "no change")
          assert.deepStrictEqual(yield* endpoints, ["incidents.listScheduled"])

          const started = yield* statuspage(["maintenance", "start", "--name", "Deploy"], { env })
          assert.strictEqual(started.code, 0, started.stderr)
          assert.include(started.stdout, "status scheduled -> in_progress")
          assert.strictEqual(yield* status, "under_maintenance")
          const extended = yield* statuspage(
            ["maintenance", "extend", "--name", "Deploy", "--end", "2030-01-01T05:00:00Z"],
            { env }
          )
          assert.strictEqual(extended.code, 0, extended.stderr)
          assert.include(extended.stdout, "scheduled_until 2030-01-01T03:00:00.000Z -> 2030-01-01T05:00:00.000Z")
          yield* fake.clearRequests
          const completed = yield* statuspage(["maintenance", "complete", "--name", "Deploy", "--json"], { env })
          assert.strictEqual(completed.code, 0, completed.stderr)
          assert.strictEqual(JSON.parse(completed.stdout).maintenance.status, "completed")
          assert.deepStrictEqual(yield* endpoints, ["incidents.listActiveMaintenance", "incidents.update"])
          assert.strictEqual(yield* status, "operational")
          yield* fake.clearRequests
          const done = yield* statuspage(["maintenance", "complete", "--name", "Deploy"], { env })
          assert.strictEqual(done.code, 0, done.stderr)
          assert.include(done.stdout, "no change")
          assert.include(done.stdout, "(NotFound)")
          assert.lengthOf(yield* writes, 0)

          const later = yield* statuspage([...schedule.slice(0, 3), "Later", ...schedule.slice(4, 8)], { env })
          assert.strictEqual(later.code, 0, later.stderr)
          yield* fake.clearRequests
          const cancelled = yield* statuspage(["maintenance", "cancel", "--name", "Later", "--json"], { env })
          assert.strictEqual(cancelled.code, 0, cancelled.stderr)
          assert.strictEqual(JSON.parse(cancelled.stdout).outcome, "deleted")
          assert.deepStrictEqual(yield* endpoints, ["incidents.listScheduled", "incidents.delete"])

          yield* fake.clearRequests
          const times = (start: string, end: string) => [
            "maintenance",
            "schedule",
            "--name",
            "Bad",
            "--start",
            start,
            "--end",
            end
          ]
          assertFailed(
            yield* statuspage(times("soon", "2030-01-01T03:00:00Z"), { env }),
            ExitCode.ExitCode.Usage,
            /--start soon: not a time/
          )
          assertFailed(
            yield* statuspage(times("2030-01-01T03:00:00Z", "2030-01-01T02:00:00Z"), { env }),
            ExitCode.ExitCode.Usage,
            /end must be after start/
          )
          assert.lengthOf(yield* endpoints, 0, "invalid times are refused before any request")
          assertFailed(
            yield* statuspage([...times("2030-01-01T02:00:00Z", "2030-01-01T03:00:00Z"), "--component", "Nope"], {
              env
            }),
            ExitCode.ExitCode.NotFound,
            /no component is named "Nope"/
          )
          assertFailed(
            yield* statuspage(["maintenance", "extend", "--name", "Bad", "--end", "later"], { env }),
            ExitCode.ExitCode.Usage,
            /--end later: not a time/
          )
          const { STATUSPAGE_API_KEY: _, ...withoutKey } = env
          yield* fake.clearRequests
          assertFailed(
            yield* statuspage(["maintenance", "start", "--name", "Deploy"], { env: withoutKey }),
            ExitCode.ExitCode.Configuration,
            /STATUSPAGE_API_KEY/
          )
          assert.lengthOf(yield* endpoints, 0, "nothing sent without a key")
          assert.lengthOf(yield* writes, 0)
        })
      ),
    240_000
  )

  it.live(
    "metrics push: batched, skips listed (bad row with its line, too old), a rerun from stdin sends nothing; an unreadable file sends nothing",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const { metric, file } = yield* metricFile(50)
          const env = yield* fakeEnv
          const endpoints = Effect.map(fake.requests, (log) => log.map((r) => r.endpoint))
          yield* fake.clearRequests
          const pushed = yield* statuspage(["metrics", "push", metric, "--file", file, "--batch-size", "20"], { env })
          assert.strictEqual(pushed.code, 0, pushed.stderr)
          assert.strictEqual(pushed.stderr, "", "no progress when stderr is not a terminal")
          assert.include(pushed.stdout, "sent 50 of 52 points in 3 requests")
          assert.match(pushed.stdout, /skipped metric \w+ \(Invalid\): 1 point .*\(line 52\)/)
          assert.match(pushed.stdout, /skipped metric \w+ \(TooOld\): 1 point older than 28 days/)
          assert.deepStrictEqual(yield* endpoints, [
            "metrics.list",
            "metrics.submitBulkData",
            "metrics.submitBulkData",
            "metrics.submitBulkData"
          ])
          assert.strictEqual(yield* storedPoints, 50)

          yield* fake.clearRequests
          const again = yield* statuspage(["metrics", "push", metric, "--json"], {
            env,
            stdin: readFileSync(file, "utf8")
          })
          assert.strictEqual(again.code, 0, again.stderr)
          const result = JSON.parse(again.stdout)
          assert.deepStrictEqual(result.writes, [])
          assert.deepStrictEqual(result.skipped.map((s: { reason: string }) => s.reason).sort(), [
            "AlreadySent",
            "Invalid",
            "TooOld"
          ])
          assert.deepStrictEqual(yield* endpoints, ["metrics.list"])

          yield* fake.clearRequests
          const unknown = yield* statuspage(["metrics", "push", "nosuchmetric", "--file", file], { env })
          assert.strictEqual(unknown.code, 0, unknown.stderr)
          assert.match(unknown.stdout, /skipped metric nosuchmetric \(UnknownMetric\): 51 points/)
          assert.include(unknown.stdout, "sent 0 of 52 points in 0 requests")
          assert.deepStrictEqual(yield* endpoints, ["metrics.list"])

          yield* fake.clearRequests
          assertFailed(
            yield* statuspage(["metrics", "push", metric, "--file", Path.join(Path.dirname(file), "none.csv")], {
              env
            }),
            ExitCode.ExitCode.File,
            /cannot read .*none\.csv: no such file/
          )
          assert.deepStrictEqual(yield* endpoints, [], "nothing sent, not even a read")
        })
      ),
    240_000
  )

  it.live(
    "metrics push: Ctrl-C stops after the request in flight and says what was pushed; a rerun sends the rest",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const { metric, file } = yield* metricFile(200)
          const env = yield* fakeEnv
          yield* fake.clearRequests
          yield* fake.setLatency("300 millis")
          const { ran, sent } = yield* interrupted((options) =>
            statuspage(["metrics", "push", metric, "--file", file, "--batch-size", "10"], { env, ...options })
          )
          const stopped = /stopped after (\d+) requests: (\d+) points sent, (\d+) of 202 rows done/.exec(ran.stderr)
          assert.isNotNull(stopped, ran.stderr)
          assert.strictEqual(sent.length, Number(stopped![1]))
          assert.isBelow(sent.length, 20)
          assert.strictEqual(yield* storedPoints, Number(stopped![2]))
          yield* fake.setLatency(0)
          const rerun = yield* statuspage(["metrics", "push", metric, "--file", file, "--batch-size", "10", "--json"], {
            env
          })
          assert.strictEqual(rerun.code, 0, rerun.stderr)
          assert.strictEqual(JSON.parse(rerun.stdout).sent, 200 - Number(stopped![2]))
          assert.strictEqual(yield* storedPoints, 200)
        })
      ),
    240_000
  )

  it.live.skipIf(!terminalAvailable)(
    "metrics push draws done/total and an ETA on a terminal",
    () =>
      withFake(
        Effect.gen(function* () {
          const { metric, file } = yield* metricFile(30)
          const env = yield* fakeEnv
          const ran = yield* runInTerminal(
            Path.join(bundle.dir, "statuspage.js"),
            ["metrics", "push", metric, "--file", file, "--batch-size", "10"],
            { env }
          )
          assert.strictEqual(ran.code, 0, ran.stdout)
          for (const done of ["0/32", "12/32", "22/32"]) assert.include(ran.stdout, `\r\u001b[2K${done}`)
          assert.match(ran.stdout, /12\/32, ETA \d/)
          assert.include(ran.stdout, "sent 30 of 32 points in 3 requests")
        })
      ),
    60_000
  )
})
