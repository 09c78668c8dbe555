import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { ExitCode, GitHubAction } from "@effect-statuspage/cli"
import { Components, Metrics, MetricsProviders } from "@effect-statuspage/core"
import { StatusPageFakeServer } from "@effect-statuspage/testing"
import * as StatusPageTest from "@effect-statuspage/testing/StatusPageTest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { fakeEnv, run, useBundle } from "./support.js"

const bundle = useBundle()

/** Parses a `GITHUB_OUTPUT` file written with the runner's `name<<DELIMITER` syntax. */
const readOutputs = (file: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const lines = readFileSync(file, "utf8").split("\n")
  for (let i = 0; i < lines.length; i++) {
    const match = /^([\w-]+)<<(\S+)$/.exec(lines[i]!)
    if (match === null) continue
    const end = lines.indexOf(match[2]!, i + 1)
    out[match[1]!] = lines.slice(i + 1, end).join("\n")
    i = end
  }
  return out
}

/** Runs the bundled entry point as the runner does: inputs as INPUT_* variables, outputs to a fresh file. */
const action = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const output = Path.join(mkdtempSync(Path.join(tmpdir(), "gh-output-")), "output")
    const variables = Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    )
    const ran = yield* run(Path.join(bundle.dir, "action.js"), [], {
      env: { ...env, ...variables, GITHUB_OUTPUT: output }
    })
    return { ...ran, outputs: readOutputs(output) }
  })

/** The connection inputs that point the Action at the fake of the current `layerTest`. */
const connection = Effect.map(fakeEnv, (env) => ({
  "api-key": env.STATUSPAGE_API_KEY,
  "page-id": env.STATUSPAGE_PAGE_ID,
  "base-url": env.STATUSPAGE_BASE_URL
}))

const withFake = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, StatusPageFakeServer.layerTest({ seed: "action" }))

describe("GitHub Action entry point", () => {
  it("maps inputs to a command line; the key is never on it", () => {
    const env = {
      INPUT_COMMAND: "incidents  open",
      "INPUT_API-KEY": "secret",
      "INPUT_PAGE-ID": "p1",
      INPUT_KEY: "deploy-failed",
      INPUT_NAME: "Deploy failed",
      INPUT_COMPONENTS: "API=major_outage\n\n Web=degraded_performance \n",
      INPUT_NOTIFY: "true",
      INPUT_PRUNE: "false",
      INPUT_ARGS: "--impact\nminor"
    }
    assert.deepStrictEqual(GitHubAction.argv(env), [
      "incidents",
      "open",
      "--page",
      "p1",
      "--key",
      "deploy-failed",
      "--name",
      "Deploy failed",
      "--component",
      "API=major_outage",
      "--component",
      "Web=degraded_performance",
      "--notify",
      "--impact",
      "minor"
    ])
  })

  it("maps the maintenance toggles: true gives --<flag>, false --no-<flag>, empty neither", () => {
    assert.deepStrictEqual(
      GitHubAction.argv({
        INPUT_COMMAND: "maintenance schedule",
        INPUT_NAME: "Deploy",
        INPUT_START: "now",
        INPUT_END: "2030-01-01T03:00:00Z",
        "INPUT_AUTO-START": "true",
        "INPUT_AUTO-COMPLETE": "false",
        "INPUT_REMIND-PRIOR": ""
      }),
      [
        "maintenance",
        "schedule",
        "--name",
        "Deploy",
        "--start",
        "now",
        "--end",
        "2030-01-01T03:00:00Z",
        "--auto-start",
        "--no-auto-complete"
      ]
    )
  })

  it("action.yml declares exactly the inputs the entry point reads", () => {
    const yml = readFileSync("action.yml", "utf8")
    const inputs = yml.slice(yml.indexOf("\ninputs:\n"), yml.indexOf("\noutputs:\n"))
    const declared = [...inputs.matchAll(/^ {2}"?([\w-]+)"?:$/gm)].map((m) => m[1]!)
    const read = [
      "command",
      "api-key",
      "page-id",
      "base-url",
      ...GitHubAction.flagInputs.map(([input]) => input),
      ...GitHubAction.toggleInputs,
      "metric",
      "args"
    ]
    assert.sameMembers(declared, read)
  })

  it("outputs: changed from the result's writes, incident-id from its incident", () => {
    assert.deepStrictEqual(
      GitHubAction.outputs(0, Option.some({ writes: [{ method: "POST" }], incident: { id: "abc" } })),
      {
        "exit-code": "0",
        result: JSON.stringify({ writes: [{ method: "POST" }], incident: { id: "abc" } }),
        changed: "true",
        "incident-id": "abc"
      }
    )
    assert.deepStrictEqual(GitHubAction.outputs(6, Option.none()), { "exit-code": "6" })
  })

  it.live("runs a command against the fake and writes its outputs", () =>
    withFake(
      Effect.gen(function* () {
        yield* Components.create({ name: "API", status: "partial_outage" })
        const { STATUSPAGE_API_KEY, STATUSPAGE_PAGE_ID, STATUSPAGE_BASE_URL } = yield* fakeEnv
        const ran = yield* action({
          command: "components list",
          "api-key": STATUSPAGE_API_KEY,
          "page-id": STATUSPAGE_PAGE_ID,
          "base-url": STATUSPAGE_BASE_URL
        })
        assert.strictEqual(ran.code, 0, ran.stdout + ran.stderr)
        assert.include(ran.stdout, `::add-mask::${STATUSPAGE_API_KEY}`)
        assert.include(ran.stdout, "partial_outage")
        assert.strictEqual(ran.outputs["exit-code"], "0")
        assert.strictEqual(ran.outputs.changed, "false")
        assert.deepStrictEqual(
          (JSON.parse(ran.outputs.result!) as Array<{ name: string }>).map((c) => c.name),
          ["API"]
        )
      })
    )
  )

  it.live(
    "incidents open: changed and incident-id on the first run, changed=false on the rerun",
    () =>
      withFake(
        Effect.gen(function* () {
          yield* Components.create({ name: "API" })
          const inputs = {
            ...(yield* connection),
            command: "incidents open",
            key: "deploy-failed-main",
            name: "Deploy failed",
            impact: "major",
            components: "API=partial_outage"
          }
          const first = yield* action(inputs)
          assert.strictEqual(first.code, 0, first.stdout + first.stderr)
          assert.strictEqual(first.outputs.changed, "true")
          assert.match(first.outputs["incident-id"]!, /^[a-z0-9]{12}$/)
          const second = yield* action(inputs)
          assert.strictEqual(second.code, 0, second.stdout + second.stderr)
          assert.strictEqual(second.outputs.changed, "false")
          assert.strictEqual(second.outputs["incident-id"], first.outputs["incident-id"])
          const resolved = yield* action({
            ...inputs,
            command: "incidents resolve",
            name: "",
            impact: "",
            components: ""
          })
          assert.strictEqual(resolved.code, 0, resolved.stdout + resolved.stderr)
          assert.strictEqual(resolved.outputs.changed, "true")
          assert.strictEqual(resolved.outputs["incident-id"], first.outputs["incident-id"])
        })
      ),
    240_000
  )

  it.live(
    "maintenance schedule, start, complete: changed and incident-id (the window's id); a rerun changes nothing",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const api = yield* Components.create({ name: "API" })
          const window = { ...(yield* connection), name: "Deploy" }
          const schedule = {
            ...window,
            command: "maintenance schedule",
            start: "now",
            end: "2099-01-01T00:00:00Z",
            components: "API",
            "auto-complete": "false"
          }
          const first = yield* action(schedule)
          assert.strictEqual(first.code, 0, first.stdout + first.stderr)
          assert.strictEqual(first.outputs.changed, "true")
          const [created] = (yield* fake.state).incidents as Array<{ id: string; scheduled_auto_completed: boolean }>
          assert.strictEqual(first.outputs["incident-id"], created!.id)
          assert.strictEqual(created!.scheduled_auto_completed, false)
          assert.strictEqual(JSON.parse(first.outputs.result!).outcome, "created")
          const rerun = yield* action({
            ...schedule,
            start: JSON.parse(first.outputs.result!).maintenance.scheduled_for
          })
          assert.strictEqual(rerun.code, 0, rerun.stdout + rerun.stderr)
          assert.strictEqual(rerun.outputs.changed, "false")
          const started = yield* action({ ...window, command: "maintenance start" })
          assert.strictEqual(started.outputs.changed, "true", started.stdout)
          assert.strictEqual(started.outputs["incident-id"], created!.id)
          assert.strictEqual((yield* Components.get(api.id)).status, "under_maintenance")
          const completed = yield* action({ ...window, command: "maintenance complete" })
          assert.strictEqual(completed.outputs.changed, "true", completed.stdout)
          assert.strictEqual((yield* Components.get(api.id)).status, "operational")
          const again = yield* action({ ...window, command: "maintenance complete" })
          assert.strictEqual(again.code, 0, again.stdout)
          assert.strictEqual(again.outputs.changed, "false")
        })
      ),
    240_000
  )

  it.live("metrics push: the metric input is the argument; changed from the batches sent, false on the rerun", () =>
    withFake(
      Effect.gen(function* () {
        const provider = yield* MetricsProviders.create({ type: "Self" })
        const metric = yield* Metrics.create(provider.id, { name: "Latency" })
        const now = Math.floor(Date.now() / 1000)
        const file = Path.join(mkdtempSync(Path.join(tmpdir(), "gh-points-")), "points.csv")
        writeFileSync(file, Array.from({ length: 5 }, (_, i) => `${now - 300 + i * 30},${i}`).join("\n"))
        const inputs = {
          ...(yield* connection),
          command: "metrics push",
          metric: metric.id,
          file
        }
        const first = yield* action(inputs)
        assert.strictEqual(first.code, 0, first.stdout + first.stderr)
        assert.strictEqual(first.outputs.changed, "true")
        assert.strictEqual(JSON.parse(first.outputs.result!).sent, 5)
        const second = yield* action(inputs)
        assert.strictEqual(second.code, 0, second.stdout + second.stderr)
        assert.strictEqual(second.outputs.changed, "false")
      })
    )
  )

  it.live("a failure: an error annotation, the exit code as output and as the process's code, nothing written", () =>
    withFake(
      Effect.gen(function* () {
        const fake = yield* StatusPageTest.FakeStatusPage
        const { STATUSPAGE_API_KEY, STATUSPAGE_BASE_URL } = yield* fakeEnv
        const ran = yield* action({
          command: "incidents list",
          "api-key": STATUSPAGE_API_KEY,
          "page-id": "nosuchpage00",
          "base-url": STATUSPAGE_BASE_URL
        })
        assert.strictEqual(ran.code, ExitCode.ExitCode.NotFound)
        assert.match(ran.stdout, /^::error::statuspage: .*404/m)
        assert.deepStrictEqual(ran.outputs, { "exit-code": "6" })
        const missingKey = yield* action({ command: "components list", "base-url": STATUSPAGE_BASE_URL })
        assert.strictEqual(missingKey.code, ExitCode.ExitCode.Configuration)
        assert.match(missingKey.stdout, /^::error::statuspage: .*the api-key input or set STATUSPAGE_API_KEY/m)
        assert.notInclude(missingKey.stdout, "--api-key-file")
        const missingPage = yield* action({
          command: "components list",
          "api-key": STATUSPAGE_API_KEY,
          "base-url": STATUSPAGE_BASE_URL
        })
        assert.strictEqual(missingPage.code, ExitCode.ExitCode.Configuration)
        assert.match(missingPage.stdout, /^::error::statuspage: no page id is set: .*the page-id input/m)
        assert.notInclude(missingPage.stdout, "--page")
        const usage = yield* action({ command: "components frobnicate", "api-key": STATUSPAGE_API_KEY })
        assert.strictEqual(usage.code, ExitCode.ExitCode.Usage)
        assert.include(usage.stdout, "::error::")
        assert.deepStrictEqual(
          (yield* fake.requests).map((r) => r.method),
          ["GET"]
        )
      })
    )
  )
})
