import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Components } from "@effect-statuspage/core"
import * as RedisRateLimiter from "@effect-statuspage/platform-node/RedisRateLimiter"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { Redis } from "ioredis"
import { API_KEY, configLayer } from "./support/fixtures.js"
import * as RollingWindowHttpClient from "./support/RollingWindowHttpClient.js"
import * as RedisServer from "./support/redisServer.js"

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

// Whether `ioredis` is in the CommonJS module cache of a fresh process after importing `modules`.
const loadsIoredis = (modules: ReadonlyArray<string>): boolean => {
  const script = `
    for (const m of ${JSON.stringify(modules)}) await import(m)
    const { createRequire } = await import("node:module")
    const cache = createRequire(process.cwd() + "/").cache
    console.log(Object.keys(cache).some((k) => k.includes("/ioredis/")))`
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8"
  })
  assert.strictEqual(run.status, 0, run.stderr)
  return JSON.parse(run.stdout.trim()) as boolean
}

describe("RedisRateLimiter entry point", () => {
  it("importing @effect-statuspage/platform-node does not load ioredis; its own entry point does", {
    timeout: 60_000
  }, () => {
    assert.isFalse(loadsIoredis(["@effect-statuspage/platform-node"]))
    assert.isTrue(loadsIoredis(["@effect-statuspage/platform-node/RedisRateLimiter"]))
  })

  it("importing the bridge's Node server does not load ioredis (its limiter loads when a Redis URL is given)", {
    timeout: 60_000
  }, () => {
    assert.isFalse(loadsIoredis(["@effect-statuspage/bridge/BridgeServer"]))
  })
})

if (!RedisServer.available && !RedisServer.required) {
  console.warn("RedisRateLimiter tests SKIPPED: redis-server is not installed (apt-get install redis-server)")
}

describe.skipIf(!RedisServer.available && !RedisServer.required)("RedisRateLimiter", () => {
  let server: RedisServer.RedisServer
  beforeAll(async () => {
    if (!RedisServer.available) {
      throw new Error("STATUSPAGE_TEST_REQUIRE_REDIS=1 but redis-server is not installed")
    }
    server = await RedisServer.start()
  })
  afterAll(() => server?.stop())

  it.live(
    "two limiters with separate Redis connections sharing one key stay within one budget together",
    () =>
      Effect.gen(function* () {
        const limit = 10
        const windowMillis = 500
        const fake = RollingWindowHttpClient.make({ limit, windowMillis })
        // Each "process": its own limiter instance and Redis connection, in front of the same server.
        const processLayer = () =>
          Layer.merge(
            RedisRateLimiter.layer({ redis: server.url, prefix: "shared-test:", limit, window: windowMillis }).pipe(
              Layer.provide(fake.layer)
            ),
            configLayer()
          )
        const run = (layer: ReturnType<typeof processLayer>, tag: string) =>
          Effect.forEach(range(20), (i) => Components.get(`${tag}${i}`), { concurrency: 5 }).pipe(Effect.provide(layer))
        yield* Effect.all([run(processLayer(), "a"), run(processLayer(), "b")], { concurrency: "unbounded" })
        const arrivals = fake.arrivals
        assert.strictEqual(arrivals.length, 40)
        assert.deepStrictEqual(
          arrivals.filter((a) => a.status !== 200),
          []
        )
        assert.isAtMost(RollingWindowHttpClient.maxInWindow(arrivals, windowMillis), limit)
        // Both processes' requests were interleaved in the one budget: 40 requests need at least 3 more windows.
        assert.isAtLeast(arrivals[arrivals.length - 1]!.at - arrivals[0]!.at, 3 * windowMillis)
        assert.isTrue(arrivals.some((a) => a.path.endsWith("/a0")) && arrivals.some((a) => a.path.endsWith("/b0")))
      }),
    20_000
  )

  it.live("keeps only a SHA-256 of the API key in Redis", () =>
    Effect.gen(function* () {
      const fake = RollingWindowHttpClient.make({ limit: 100, windowMillis: 1_000 })
      yield* Components.get("c1").pipe(
        Effect.provide(
          Layer.merge(
            RedisRateLimiter.layer({ redis: server.url, prefix: "hash-test:" }).pipe(Layer.provide(fake.layer)),
            configLayer()
          )
        )
      )
      const redis = new Redis(server.url)
      const keys = yield* Effect.promise(() => redis.keys("hash-test:*"))
      const members = yield* Effect.promise(() => redis.zrange(keys[0]!, 0, -1))
      redis.disconnect()
      const digest = createHash("sha256").update(`OAuth ${API_KEY}`).digest("hex")
      assert.deepStrictEqual(keys, [`hash-test:${digest}`])
      for (const text of [...keys, ...members]) assert.notInclude(text, API_KEY)
    })
  )

  it.live("sends unpaced, rather than failing, when Redis does not answer", () =>
    Effect.gen(function* () {
      const fake = RollingWindowHttpClient.make({ limit: 100, windowMillis: 1_000 })
      // Nothing listens on port 1; a budget of 1 per hour would hold the second request if pacing applied.
      const layer = Layer.merge(
        RedisRateLimiter.layer({
          redis: { host: "127.0.0.1", port: 1, maxRetriesPerRequest: 0, retryStrategy: () => null },
          commandTimeout: "200 millis",
          limit: 1,
          window: "1 hour"
        }).pipe(Layer.provide(fake.layer)),
        configLayer()
      )
      yield* Effect.forEach(range(3), (i) => Components.get(`c${i}`)).pipe(Effect.provide(layer))
      assert.strictEqual(fake.arrivals.length, 3)
    })
  )

  describe("a Redis that does not answer never holds a request longer than about the command timeout", () => {
    // A budget of 1 per hour: every request after the first would wait an hour if Redis still paced it.
    const frozenLayer = (
      fake: ReturnType<typeof RollingWindowHttpClient.make>,
      url: string,
      commandTimeout: Duration.DurationInput
    ) =>
      Layer.merge(
        RedisRateLimiter.layer({
          redis: url,
          prefix: `frozen-${Math.random()}:`,
          commandTimeout,
          limit: 1,
          window: "1 hour"
        }).pipe(Layer.provide(fake.layer)),
        configLayer()
      )
    const elapsed = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.map(Effect.timed(Effect.exit(effect)), ([d, exit]) => [Duration.toMillis(d), exit] as const)

    it.live(
      "frozen (SIGSTOP): paced requests go out unpaced, and a caller's timeout interrupts the wait",
      () =>
        Effect.gen(function* () {
          const frozen = yield* Effect.promise(() => RedisServer.start())
          yield* Effect.addFinalizer(() => Effect.promise(() => frozen.stop()))
          const fake = RollingWindowHttpClient.make({ limit: 100, windowMillis: 1_000 })
          const quick = yield* Layer.build(frozenLayer(fake, frozen.url, "300 millis"))
          // A long command timeout: only the caller's own timeout can end the wait for Redis.
          const patient = RollingWindowHttpClient.make({ limit: 100, windowMillis: 1_000 })
          const slow = yield* Layer.build(frozenLayer(patient, frozen.url, "30 seconds"))
          yield* Components.get("before").pipe(Effect.provide(quick))
          frozen.freeze()
          // The first asks Redis and gives up after 300 ms; the others skip Redis for the bypass period.
          const [took] = yield* elapsed(Effect.forEach(range(3), (i) => Components.get(`frozen${i}`))).pipe(
            Effect.provide(quick)
          )
          assert.strictEqual(fake.arrivals.length, 4)
          assert.isBelow(took, 2_000, `3 requests took ${took} ms with Redis frozen`)

          const [waited, exit] = yield* elapsed(
            Components.get("impatient").pipe(Effect.timeout("200 millis"), Effect.provide(slow))
          )
          assert.isTrue(Exit.isFailure(exit))
          assert.isBelow(waited, 2_000, `the caller's 200 ms timeout took ${waited} ms`)
          assert.strictEqual(patient.arrivals.length, 0)
          frozen.thaw()
        }).pipe(Effect.scoped),
      30_000
    )

    it.live(
      "not running: requests go out unpaced at once, with ioredis's default reconnect settings",
      () =>
        Effect.gen(function* () {
          const port = yield* Effect.promise(() => RedisServer.freePort())
          const fake = RollingWindowHttpClient.make({ limit: 100, windowMillis: 1_000 })
          const [took] = yield* elapsed(
            Effect.forEach(range(3), (i) => Components.get(`down${i}`)).pipe(
              Effect.provide(frozenLayer(fake, `redis://127.0.0.1:${port}`, "300 millis"))
            )
          )
          assert.strictEqual(fake.arrivals.length, 3)
          assert.isBelow(took, 2_000, `3 requests took ${took} ms with Redis down`)
        }),
      30_000
    )
  })
})
