import { writeFileSync } from "node:fs"
import { createServer } from "node:net"
import * as Path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { ExitCode } from "@effect-statuspage/cli"
import { Components } from "@effect-statuspage/core"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Redis } from "ioredis"
import * as Alertmanager from "../bridge/support/alertmanager.js"
import { alertmanager } from "../bridge/support/bridge.js"
import * as RedisServer from "../support/redisServer.js"
import { fakeEnv, lines, run, useBundle } from "./support.js"

const bundle = useBundle()
const statuspage = (args: ReadonlyArray<string>, options?: Parameters<typeof run>[2]) =>
  run(Path.join(bundle.dir, "statuspage.js"), args, options)
const withFake = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, StatusPageFakeServer.layerTest({ seed: "bridge-cli" }))

const token = "cli-bridge-token"

/** A routing config in the bundle's folder; `settle` is how long the bridge gathers changes before writing. */
const configFile = (name: string, settle: string) => {
  const path = Path.join(bundle.dir, name)
  writeFileSync(
    path,
    [
      `settle: ${settle}`,
      "auth: { bearer_token_env: BRIDGE_TOKEN }",
      "routes:",
      "  - name: api",
      "    match: { service: api }",
      '    components: ["{{ labels.component }}"]',
      "    status: { critical: major_outage, warning: degraded_performance }",
      "    incident:",
      '      name: "{{ labels.alertname }} on the API"',
      "      impact: { critical: major, default: minor }",
      '    key: "{{ labels.alertname }}"',
      ""
    ].join("\n")
  )
  return path
}

const firing = alertmanager('{}:{alertname="ApiDown"}', [
  { labels: { alertname: "ApiDown", service: "api", severity: "critical", component: "API" } }
])

const post = (url: string, body: unknown, authorization: string) =>
  Effect.promise(() =>
    fetch(`${url}/webhook/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify(body)
    }).then((response) => response.status)
  )

const page = Effect.flatMap(StatusPageTest.FakeStatusPage, (fake) =>
  Effect.map(fake.state, (state) => {
    const incidents = (state.incidents ?? []) as ReadonlyArray<{ name: string; status: string }>
    return {
      incidents: incidents.map((i) => i.name),
      resolved: incidents.filter((i) => i.status === "resolved").length,
      api: ((state.components ?? []) as ReadonlyArray<{ name: string; status: string }>).find((c) => c.name === "API")
        ?.status
    }
  })
)

type Page = Effect.Effect.Success<typeof page>

/** Polls the fake page until `check` holds (bounded: 20 s). */
const until = (check: (p: Page) => boolean) =>
  page.pipe(Effect.filterOrFail(check), Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("20 seconds"))))

/**
 * Starts `bridge serve --port 0 --json` against the fake (with an API component); returns its URL, `stop`, which
 * sends SIGTERM and waits for it to exit, `signal`, which only sends it, and the fiber waiting for the exit.
 */
const serve = (config: string, extraEnv: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function* () {
    yield* Components.create({ name: "API", status: "operational" })
    const env = { ...(yield* fakeEnv), BRIDGE_TOKEN: token, ...extraEnv }
    let child: import("node:child_process").ChildProcess | undefined
    let stdout = () => ""
    const exit = yield* statuspage(["bridge", "serve", "--config", config, "--port", "0", "--json"], {
      env,
      timeout: 60_000,
      onSpawn: (c, read) => {
        child = c
        stdout = read
      }
    }).pipe(Effect.fork)
    const { url } = yield* Effect.try(() => JSON.parse(stdout()) as { url: string }).pipe(
      Effect.retry(Schedule.spaced("100 millis").pipe(Schedule.upTo("30 seconds")))
    )
    const signal = () => child!.kill("SIGTERM")
    const stop = Effect.suspend(() => {
      signal()
      return Effect.flatten(exit.await)
    })
    return { url, stop, signal, exit }
  })

/** A TCP server on a free loopback port that accepts connections and never answers; its port. */
const listening = Effect.map(
  Effect.acquireRelease(
    Effect.async<import("node:net").Server>((resume) => {
      const server = createServer().listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.sync(() => server.close())
  ),
  (server) => (server.address() as import("node:net").AddressInfo).port
)

describe("statuspage bridge serve (built bin, fake Statuspage on loopback)", () => {
  it.live(
    "an Alertmanager v4 webhook over 127.0.0.1 opens the incident and sets the component; SIGTERM stops it with 0",
    () =>
      withFake(
        Effect.gen(function* () {
          const { url, stop } = yield* serve(configFile("serve.yaml", "200ms"))
          assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
          assert.strictEqual(yield* post(url, firing, "Bearer wrong"), 401)
          assert.strictEqual(yield* post(url, firing, `Bearer ${token}`), 202)
          const written = yield* until((p) => p.incidents.length === 1 && p.api === "major_outage")
          assert.deepStrictEqual(written.incidents, ["ApiDown on the API"])
          const ran = yield* stop
          assert.strictEqual(ran.code, ExitCode.ExitCode.Ok, ran.stderr)
          assert.match(ran.stderr, /Listening on http:\/\/127\.0\.0\.1:\d+/)
          assert.match(ran.stderr, /bridge stopped/)
        })
      ),
    90_000
  )

  it.live(
    "SIGTERM right after a webhook: what it answered 202 is written before it exits",
    () =>
      withFake(
        Effect.gen(function* () {
          // The bridge waits `settle` before writing: the stop comes while the key is still pending.
          const { url, stop } = yield* serve(configFile("drain.yaml", "2s"))
          assert.strictEqual(yield* post(url, firing, `Bearer ${token}`), 202)
          const ran = yield* stop
          assert.strictEqual(ran.code, ExitCode.ExitCode.Ok, ran.stderr)
          assert.deepStrictEqual(yield* page, { incidents: ["ApiDown on the API"], resolved: 0, api: "major_outage" })
        })
      ),
    90_000
  )

  it.live(
    "a page that never answers: SIGTERM waits for the write in flight, a second SIGTERM stops at once (130) naming the key left",
    () =>
      withFake(
        Effect.gen(function* () {
          // Accepts connections and never answers: the bridge's first request hangs (the client's timeout is 30 s).
          const port = yield* listening
          const { url, signal, exit } = yield* serve(configFile("silent.yaml", "100ms"), {
            STATUSPAGE_BASE_URL: `http://127.0.0.1:${port}/v1`
          })
          assert.strictEqual(yield* post(url, firing, `Bearer ${token}`), 202)
          yield* Effect.sleep("1 second")
          signal()
          yield* Effect.sleep("1 second")
          assert.isNull(exit.unsafePoll(), "the first SIGTERM waits for the write in flight")
          signal()
          const ran = yield* Effect.flatten(exit.await).pipe(
            Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => "the second SIGTERM did not stop it" })
          )
          assert.strictEqual(ran.code, ExitCode.ExitCode.Interrupted, ran.stderr)
          assert.match(ran.stderr, /stop cut short with 1 key\(s\) not written .*: ApiDown;/)
        }).pipe(Effect.scoped)
      ),
    90_000
  )

  it.live("a bad config: one line with file, line and column, exit 4, nothing started or sent", () =>
    withFake(
      Effect.gen(function* () {
        const fake = yield* StatusPageTest.FakeStatusPage
        const env = { ...(yield* fakeEnv), BRIDGE_TOKEN: token }
        const config = Path.join(bundle.dir, "bad.yaml")
        writeFileSync(config, "routes:\n  - name: api\n    status: { critical: red }\n")
        const ran = yield* statuspage(["bridge", "serve", "--config", config, "--port", "0"], { env })
        assert.strictEqual(ran.code, ExitCode.ExitCode.File, ran.stderr)
        assert.lengthOf(lines(ran.stderr), 1, ran.stderr)
        assert.match(ran.stderr, new RegExp(`^statuspage: ${config}:3:25: routes\\.0\\.status\\.critical: `))
        const missing = yield* statuspage(["bridge", "serve", "--config", Path.join(bundle.dir, "none.yaml")], { env })
        assert.strictEqual(missing.code, ExitCode.ExitCode.File, missing.stderr)
        assert.match(missing.stderr, /^statuspage: cannot read .*none\.yaml: no such file\n$/)
        assert.lengthOf(yield* fake.requests, 0)
      })
    )
  )

  it.live(
    "cannot listen (port in use, not this machine's address), a credential variable or the page not set: exit 3, one line why",
    () =>
      withFake(
        Effect.gen(function* () {
          const env = { ...(yield* fakeEnv), BRIDGE_TOKEN: token }
          const config = configFile("busy.yaml", "1s")
          const port = yield* listening
          const busy = yield* statuspage(["bridge", "serve", "--config", config, "--port", String(port)], { env })
          assert.strictEqual(busy.code, ExitCode.ExitCode.Configuration, busy.stderr)
          assert.deepStrictEqual(lines(busy.stderr), [
            `statuspage: cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE)`
          ])
          // Beyond loopback without auth: a warning first (192.0.2.1, a documentation address, is not this machine's).
          const open = Path.join(bundle.dir, "open.yaml")
          writeFileSync(open, "routes:\n  - name: api\n    components: [API]\n")
          const elsewhere = yield* statuspage(["bridge", "serve", "--config", open, "--host", "192.0.2.1"], { env })
          assert.strictEqual(elsewhere.code, ExitCode.ExitCode.Configuration, elsewhere.stderr)
          assert.deepStrictEqual(lines(elsewhere.stderr), [
            `statuspage: warning: ${open} has no auth and the bridge listens on 192.0.2.1: whoever reaches it can open incidents on the page`,
            "statuspage: cannot listen on 192.0.2.1:9095: the address is not one of this machine's (EADDRNOTAVAIL)"
          ])
          const { BRIDGE_TOKEN: _, ...withoutToken } = env
          const noToken = yield* statuspage(["bridge", "serve", "--config", config, "--port", "0"], {
            env: withoutToken
          })
          assert.strictEqual(noToken.code, ExitCode.ExitCode.Configuration, noToken.stderr)
          assert.deepStrictEqual(lines(noToken.stderr), [
            `statuspage: ${config}: auth names the environment variable BRIDGE_TOKEN, which is not set`
          ])
          // Every alert acts on the page: without one it does not start (rather than answer 202 and fail each write).
          const fake = yield* StatusPageTest.FakeStatusPage
          const sent = (yield* fake.requests).length
          const { STATUSPAGE_PAGE_ID: _page, ...withoutPage } = env
          const noPage = yield* statuspage(["bridge", "serve", "--config", config, "--port", "0"], { env: withoutPage })
          assert.strictEqual(noPage.code, ExitCode.ExitCode.Configuration, noPage.stderr)
          assert.deepStrictEqual(lines(noPage.stderr), [
            "statuspage: no page id is set: pass --page <id> or set STATUSPAGE_PAGE_ID"
          ])
          assert.lengthOf(yield* fake.requests, sent)
        }).pipe(Effect.scoped)
      )
  )
})

if (!Alertmanager.available && !Alertmanager.required) {
  console.warn(
    "statuspage bridge serve with a real Alertmanager SKIPPED: prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)"
  )
}

describe.skipIf(!Alertmanager.available && !Alertmanager.required)(
  "statuspage bridge serve with a real Alertmanager",
  () => {
    it.live(
      "alerts posted to Alertmanager's API open the incident and set the component through the built bin, then resolve",
      () =>
        withFake(
          Effect.gen(function* () {
            const { url, stop } = yield* serve(configFile("alertmanager.yaml", "200ms"))
            const am = yield* Effect.acquireRelease(
              Effect.promise(() => Alertmanager.start(`${url}/webhook/alertmanager`, token)),
              (am) => Effect.promise(() => am.stop())
            )
            const alert = { labels: { alertname: "ApiDown", service: "api", severity: "critical", component: "API" } }
            yield* Effect.promise(() => am.post([alert]))
            yield* until((p) => p.incidents.length === 1 && p.api === "major_outage")
            yield* Effect.promise(() => am.post([{ ...alert, endsAt: new Date().toISOString() }]))
            const resolved = yield* until((p) => p.resolved === 1 && p.api === "operational")
            assert.deepStrictEqual(resolved.incidents, ["ApiDown on the API"])
            const ran = yield* stop
            assert.strictEqual(ran.code, ExitCode.ExitCode.Ok, ran.stderr)
          }).pipe(Effect.scoped)
        ),
      90_000
    )
  }
)

describe.skipIf(!RedisServer.available && !RedisServer.required)(
  "statuspage bridge serve with STATUSPAGE_REDIS_URL",
  () => {
    it.live(
      "paces its writes through the shared Redis limiter",
      () =>
        withFake(
          Effect.gen(function* () {
            const redis = yield* Effect.acquireRelease(
              Effect.promise(() => RedisServer.start()),
              (server) => Effect.promise(() => server.stop())
            )
            const { url, stop } = yield* serve(configFile("redis.yaml", "200ms"), { STATUSPAGE_REDIS_URL: redis.url })
            assert.strictEqual(yield* post(url, firing, `Bearer ${token}`), 202)
            yield* until((p) => p.incidents.length === 1 && p.api === "major_outage")
            const ran = yield* stop
            assert.strictEqual(ran.code, ExitCode.ExitCode.Ok, ran.stderr)
            const client = yield* Effect.acquireRelease(
              Effect.sync(() => new Redis(redis.url)),
              (c) => Effect.sync(() => c.disconnect())
            )
            const keys = yield* Effect.promise(() => client.keys("effect-statuspage:rate-limit:*"))
            assert.isAbove(keys.length, 0, "the limiter's budget lives in Redis")
          }).pipe(Effect.scoped)
        ),
      90_000
    )
  }
)
