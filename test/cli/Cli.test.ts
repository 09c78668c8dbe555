import { readFileSync, writeFileSync } from "node:fs"
import * as Path from "node:path"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import { assert, describe, it } from "@effect/vitest"
import { Cli, ExitCode } from "@effect-statuspage/cli"
import { ComponentGroups, Components, Incidents } from "@effect-statuspage/core"
import { StatusPageFakeServer } from "@effect-statuspage/testing"
import * as StatusPageTest from "@effect-statuspage/testing/StatusPageTest"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { commandsOf, fakeEnv, lines, run, useBundle } from "./support.js"

const bundle = useBundle()
const statuspage = (args: ReadonlyArray<string>, options?: Parameters<typeof run>[2]) =>
  run(Path.join(bundle.dir, "statuspage.js"), args, options)
const withFake = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, StatusPageFakeServer.layerTest({ seed: "cli" }))

const version = JSON.parse(readFileSync("packages/cli/package.json", "utf8")).version as string

/** One line on stderr, naming `what`; nothing on stdout. */
const assertOneLine = (ran: { stdout: string; stderr: string }, what: RegExp) => {
  assert.strictEqual(ran.stdout, "")
  assert.lengthOf(lines(ran.stderr), 1, ran.stderr)
  assert.match(ran.stderr, /^statuspage: /)
  assert.match(ran.stderr, what)
}

describe("statuspage (built bin, fake Statuspage on loopback)", () => {
  it.live("--version prints the package version; --help shows usage and an example", () =>
    Effect.gen(function* () {
      const v = yield* statuspage(["--version"])
      assert.strictEqual(v.code, 0)
      assert.strictEqual(v.stdout.trim(), version)
      const help = yield* statuspage(["components", "list", "--help"])
      assert.strictEqual(help.code, 0)
      assert.include(help.stdout, "--api-key-file")
      assert.include(help.stdout, "$ statuspage components list")
    })
  )

  it.effect("every command's help has an example", () =>
    Effect.sync(() => {
      const commands = commandsOf(Cli.command.descriptor)
      const visited = commands.map((c) => c.path)
      // The HelpDoc's structure, not its rendering: the examples are paragraphs of code spans.
      const missing = commands
        .filter(({ command }) => {
          const help = JSON.stringify(Descriptor.getHelp(command, CliConfig.defaultConfig))
          return !/Examples?:/.test(help) || !help.includes("$ statuspage")
        })
        .map((c) => c.path)
      assert.includeMembers(visited, [
        "statuspage components list",
        "statuspage incidents list",
        "statuspage maintenance schedule",
        "statuspage maintenance extend",
        "statuspage metrics push",
        "statuspage bridge serve",
        "statuspage fake"
      ])
      assert.deepStrictEqual(missing, [])
    })
  )

  it.live("--completions bash prints a completion script", () =>
    Effect.gen(function* () {
      const ran = yield* statuspage(["--completions", "bash"])
      assert.strictEqual(ran.code, 0)
      assert.include(ran.stdout, "complete -F")
      assert.include(ran.stdout, "components")
    })
  )

  it.live("components list: a table, or every component as JSON", () =>
    withFake(
      Effect.gen(function* () {
        const group = yield* Components.create({ name: "Backend" })
        const api = yield* Components.create({ name: "API", status: "major_outage" })
        yield* Components.create({ name: "Website" })
        yield* ComponentGroups.create({ name: "Core", components: [api.id] })
        const env = yield* fakeEnv
        const table = yield* statuspage(["components", "list"], { env })
        assert.strictEqual(table.code, 0, table.stderr)
        assert.strictEqual(table.stderr, "")
        assert.match(table.stdout, /^ID\s+NAME\s+STATUS\s+GROUP$/m)
        assert.match(table.stdout, new RegExp(`^${api.id}\\s+API\\s+major_outage\\s+Core$`, "m"))
        assert.include(table.stdout, group.name)
        const json = yield* statuspage(["components", "list", "--json"], { env })
        assert.strictEqual(json.code, 0, json.stderr)
        const listed = JSON.parse(json.stdout) as Array<{ name: string; status: string }>
        assert.deepStrictEqual(listed.map((c) => c.name).sort(), ["API", "Backend", "Core", "Website"])
        assert.strictEqual(listed.find((c) => c.name === "API")?.status, "major_outage")
      })
    )
  )

  it.live("incidents list --unresolved: only the open ones", () =>
    withFake(
      Effect.gen(function* () {
        const open = yield* Incidents.create({ name: "Open one", status: "investigating" })
        yield* Incidents.create({ name: "Closed one", status: "resolved" })
        const env = yield* fakeEnv
        const unresolved = yield* statuspage(["incidents", "list", "--unresolved", "--json"], { env })
        assert.strictEqual(unresolved.code, 0, unresolved.stderr)
        assert.deepStrictEqual(
          (JSON.parse(unresolved.stdout) as Array<{ id: string }>).map((i) => i.id),
          [open.id]
        )
        const all = yield* statuspage(["incidents", "list"], { env })
        assert.strictEqual(all.code, 0, all.stderr)
        assert.include(all.stdout, "Open one")
        assert.include(all.stdout, "Closed one")
      })
    )
  )

  it.live("the key from a file or stdin, never a flag; --page and --base-url override the environment", () =>
    withFake(
      Effect.gen(function* () {
        const { STATUSPAGE_API_KEY: key, ...env } = yield* fakeEnv
        const file = Path.join(bundle.dir, "key.txt")
        writeFileSync(file, `${key}\n`)
        const fromFile = yield* statuspage(["components", "list", "--api-key-file", file, "--json"], { env })
        assert.strictEqual(fromFile.code, 0, fromFile.stderr)
        const fromStdin = yield* statuspage(["components", "list", "--api-key-file", "-", "--json"], {
          env,
          stdin: key
        })
        assert.strictEqual(fromStdin.code, 0, fromStdin.stderr)
        const flags = yield* statuspage(
          ["components", "list", "--page", env.STATUSPAGE_PAGE_ID, "--base-url", env.STATUSPAGE_BASE_URL, "--json"],
          { env: { STATUSPAGE_API_KEY: key, STATUSPAGE_PAGE_ID: "nosuchpage00", STATUSPAGE_BASE_URL: "http://x" } }
        )
        assert.strictEqual(flags.code, 0, flags.stderr)
        const asFlag = yield* statuspage(["components", "list", "--api-key", key], { env })
        assert.strictEqual(asFlag.code, ExitCode.ExitCode.Usage)
      })
    )
  )

  it.live("configuration errors: one line naming the setting, exit 3, no request", () =>
    withFake(
      Effect.gen(function* () {
        const fake = yield* StatusPageTest.FakeStatusPage
        const { STATUSPAGE_API_KEY: _key, ...env } = yield* fakeEnv
        const missing = yield* statuspage(["components", "list"], { env })
        assert.strictEqual(missing.code, ExitCode.ExitCode.Configuration)
        assertOneLine(missing, /STATUSPAGE_API_KEY/)
        const unreadable = yield* statuspage(["incidents", "list", "--api-key-file", "/nonexistent/key"], { env })
        assert.strictEqual(unreadable.code, ExitCode.ExitCode.Configuration)
        assertOneLine(unreadable, /cannot read the API key file \/nonexistent\/key/)
        const badUrl = yield* statuspage(["components", "list", "--base-url", "ftp://nope"], {
          env: { ...env, STATUSPAGE_API_KEY: "k" }
        })
        assert.strictEqual(badUrl.code, ExitCode.ExitCode.Configuration)
        assertOneLine(badUrl, /STATUSPAGE_BASE_URL/)
        assert.lengthOf(yield* fake.requests, 0)
      })
    )
  )

  it.live("a page command without a page: one line naming --page and STATUSPAGE_PAGE_ID, exit 3, no request", () =>
    withFake(
      Effect.gen(function* () {
        const fake = yield* StatusPageTest.FakeStatusPage
        const { STATUSPAGE_PAGE_ID: _page, ...env } = yield* fakeEnv
        const expected = "no page id is set: pass --page <id> or set STATUSPAGE_PAGE_ID"
        const read = yield* statuspage(["components", "list"], { env })
        assert.strictEqual(read.code, ExitCode.ExitCode.Configuration, read.stderr)
        assert.deepStrictEqual(lines(read.stderr), [`statuspage: ${expected}`])
        // A job carries core's error as its cause: the same advice, in the job's line.
        const job = yield* statuspage(["components", "set", "API", "--status", "major_outage"], { env })
        assert.strictEqual(job.code, ExitCode.ExitCode.Configuration, job.stderr)
        assertOneLine(
          job,
          /^statuspage: ComponentStatus\.set failed: no page id is set: pass --page <id> or set STATUSPAGE_PAGE_ID; nothing was written/
        )
        assert.notInclude(job.stderr, "pageId")
        assert.lengthOf(yield* fake.requests, 0)
      })
    )
  )

  it.live(
    "request errors: one line, distinct exit codes, the key never printed",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const env = yield* fakeEnv
          const wrongKey = "sk-wrong-key-0123456789"
          const unauthorized = yield* statuspage(["components", "list"], {
            env: { ...env, STATUSPAGE_API_KEY: wrongKey }
          })
          assert.strictEqual(unauthorized.code, ExitCode.ExitCode.Request)
          assertOneLine(unauthorized, /401/)
          assert.notInclude(unauthorized.stderr, wrongKey)
          const notFound = yield* statuspage(["components", "list", "--page", "nosuchpage00"], { env })
          assert.strictEqual(notFound.code, ExitCode.ExitCode.NotFound)
          assertOneLine(notFound, /404/)
          yield* fake.failNext({ status: 422, body: { error: ["name is invalid"] }, times: 1 })
          const rejected = yield* statuspage(["components", "list"], { env })
          assert.strictEqual(rejected.code, ExitCode.ExitCode.Rejected, rejected.stderr)
          assertOneLine(rejected, /name is invalid/)
        })
      ),
    240_000
  )

  it.live(
    "server errors and rate limits, after the retries: exit 8 and 9",
    () =>
      withFake(
        Effect.gen(function* () {
          const fake = yield* StatusPageTest.FakeStatusPage
          const env = yield* fakeEnv
          yield* fake.failNext({ status: 429, headers: { "retry-after": "1" }, times: 4 })
          const limited = yield* statuspage(["incidents", "list"], { env })
          assert.strictEqual(limited.code, ExitCode.ExitCode.RateLimited, limited.stderr)
          assertOneLine(limited, /429/)
          yield* fake.failNext({ status: 503, times: 4 })
          const server = yield* statuspage(["components", "list"], { env })
          assert.strictEqual(server.code, ExitCode.ExitCode.Server, server.stderr)
          assertOneLine(server, /503/)
          // four attempts each (the default retry policy), then the error
          assert.lengthOf(yield* fake.requests, 8)
        })
      ),
    240_000
  )

  it.live("fake serves a page the other commands can use; Ctrl-C stops it with 130", () =>
    Effect.gen(function* () {
      let child: import("node:child_process").ChildProcess | undefined
      let read = () => ""
      const served = yield* statuspage(["fake", "--port", "0", "--seed", "demo", "--json"], {
        onSpawn: (c, stdout) => {
          child = c
          read = stdout
        },
        timeout: 60_000
      }).pipe(Effect.fork)
      const settings = yield* Effect.try(() => JSON.parse(read()) as Record<string, string>).pipe(
        Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("30 seconds")))
      )
      assert.match(settings.baseUrl!, /^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      const listed = yield* statuspage(["components", "list", "--json"], {
        env: {
          STATUSPAGE_API_KEY: settings.apiKey!,
          STATUSPAGE_PAGE_ID: settings.pageId!,
          STATUSPAGE_BASE_URL: settings.baseUrl!,
          STATUSPAGE_ORGANIZATION_ID: settings.organizationId!
        }
      })
      assert.strictEqual(listed.code, 0, listed.stderr)
      assert.deepStrictEqual(JSON.parse(listed.stdout), [])
      child!.kill("SIGINT")
      const exited = yield* served.await
      assert.isTrue(exited._tag === "Success")
      if (exited._tag === "Success") {
        assert.strictEqual(exited.value.code, ExitCode.ExitCode.Interrupted)
        assert.include(exited.value.stderr, "interrupted")
      }
    })
  )
})
