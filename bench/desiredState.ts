/**
 * Desired state at scale, against the in-process fake with its rolling-window limit on and the production policies
 * (pacing, retries) in front: apply of a large file to an empty page, the second apply, and a subscriber export.
 */
import * as V8 from "node:v8"
import * as Vm from "node:vm"
import * as HttpClient from "@effect/platform/HttpClient"
import { Policies, StatusPageConfig, Subscribers } from "@effect-statuspage/core"
import { DesiredStateApply, DesiredStatePlan, DesiredStateSubscribers } from "@effect-statuspage/desired-state"
import { StatusPageTest } from "@effect-statuspage/testing"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

export interface Options {
  readonly components: number
  readonly groups: number
  readonly subscribers: number
  /** The fake's (and the limiter's) window, scaled down from Statuspage's 60 s so the bench takes seconds. */
  readonly limit: number
  readonly window: Duration.DurationInput
}

export interface Result {
  readonly apply: {
    readonly reads: number
    readonly writes: number
    readonly creates: number
    readonly rejections: number
    readonly wallMillis: number
    readonly unpacedMillis: number
    readonly requests: number
    readonly windows: number
    readonly windowMillis: number
  }
  readonly secondApply: { readonly reads: number; readonly writes: number }
  readonly exportSubscribers: {
    readonly subscribers: number
    readonly requests: number
    readonly subscriberPages: number
    readonly heapGrowthBytes: number
    readonly fileBytes: number
    readonly heapGrowthSmallBytes: number
    readonly smallSubscribers: number
  }
}

const gc: () => void = (() => {
  V8.setFlagsFromString("--expose_gc")
  return Vm.runInNewContext("gc")
})()

/** A file of `components` components, the first `groups * 5` of them in groups of five. */
const bigFile = (components: number, groups: number) => ({
  version: 1 as const,
  components: Array.from({ length: components }, (_, i) => ({
    name: `Component ${i + 1}`,
    description: `part ${i + 1}`
  })),
  groups: Array.from({ length: groups }, (_, g) => ({
    name: `Group ${g + 1}`,
    components: Array.from({ length: 5 }, (_, m) => `Component ${g * 5 + m + 1}`)
  }))
})

const layerFor = (fake: StatusPageTest.Service, options: Options) =>
  Policies.layer({ rateLimit: { limit: options.limit, window: options.window } }).pipe(
    Layer.provideMerge(
      Layer.merge(
        Layer.succeed(HttpClient.HttpClient, StatusPageTest.httpClient(fake)),
        Layer.effect(StatusPageConfig.StatusPageConfig, StatusPageTest.config(fake))
      )
    )
  )

const split = (log: ReadonlyArray<StatusPageTest.LoggedRequest>) => ({
  reads: log.filter((r) => r.method === "GET").length,
  writes: log.filter((r) => r.method !== "GET" && r.status !== undefined && r.status < 400).length,
  rejections: log.filter((r) => r.status === 420 || r.status === 429).length
})

const applyBench = (options: Options) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.make({
      seed: "bench",
      rateLimit: { limit: options.limit, window: options.window }
    })
    const file = bigFile(options.components, options.groups)
    const run = Effect.flatMap(DesiredStatePlan.make(file), (plan) =>
      Effect.map(DesiredStateApply.apply(plan), () => plan)
    ).pipe(Effect.provide(layerFor(fake, options)))
    const start = performance.now()
    const plan = yield* run
    const wallMillis = performance.now() - start
    const first = split(yield* fake.requests)
    yield* fake.clearRequests
    yield* run
    const second = split(yield* fake.requests)
    const requests = first.reads + first.writes + first.rejections
    // the same apply with no limit anywhere: what the work itself costs on this machine
    const unpacedFake = yield* StatusPageTest.make({ seed: "bench" })
    const unpacedStart = performance.now()
    yield* Effect.flatMap(DesiredStatePlan.make(file), (p) => DesiredStateApply.apply(p)).pipe(
      Effect.provide(layerFor(unpacedFake, { ...options, limit: 1_000_000 }))
    )
    const unpacedMillis = performance.now() - unpacedStart
    return {
      apply: {
        ...first,
        creates: plan.changes.filter((c) => c._tag === "Create").length,
        wallMillis,
        unpacedMillis,
        requests,
        windows: Math.ceil(requests / options.limit),
        windowMillis: Duration.toMillis(Duration.decode(options.window))
      },
      secondApply: { reads: second.reads, writes: second.writes }
    }
  })

/** Peak retained heap above the baseline while streaming every subscriber of a page holding `count` into a byte counter. */
const exportBench = (count: number) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.make({ seed: "bench-subscribers" })
    const provide = Effect.provide(
      Layer.merge(
        Layer.succeed(HttpClient.HttpClient, StatusPageTest.httpClient(fake)),
        Layer.effect(StatusPageConfig.StatusPageConfig, StatusPageTest.config(fake))
      )
    )
    yield* Effect.forEach(
      Array.from({ length: count }, (_, i) => i),
      (i) => Subscribers.create({ email: `person${i}@example.com`, skip_confirmation_notification: true }),
      { discard: true }
    ).pipe(provide)
    yield* fake.clearRequests
    gc()
    const baseline = process.memoryUsage().heapUsed
    // retained memory: collected after every page's worth of lines, so garbage does not count
    let peak = Number.NEGATIVE_INFINITY
    let lines = 0
    let bytes = 0
    yield* DesiredStateSubscribers.toLines(DesiredStateSubscribers.exportSubscribers()).pipe(
      Stream.runForEach((line) =>
        Effect.sync(() => {
          bytes += line.length
          if (++lines % 100 === 0) {
            gc()
            peak = Math.max(peak, process.memoryUsage().heapUsed - baseline)
          }
        })
      ),
      provide
    )
    const log = yield* fake.requests
    return {
      requests: log.length,
      subscriberPages: log.filter((r) => r.endpoint === "subscribers.list").length,
      heapGrowthBytes: peak,
      fileBytes: bytes
    }
  })

export const run = (options: Options): Promise<Result> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const { apply, secondApply } = yield* applyBench(options)
      const smallSubscribers = Math.max(100, Math.round(options.subscribers / 5))
      const small = yield* exportBench(smallSubscribers)
      const large = yield* exportBench(options.subscribers)
      return {
        apply,
        secondApply,
        exportSubscribers: {
          subscribers: options.subscribers,
          requests: large.requests,
          subscriberPages: large.subscriberPages,
          heapGrowthBytes: large.heapGrowthBytes,
          fileBytes: large.fileBytes,
          heapGrowthSmallBytes: small.heapGrowthBytes,
          smallSubscribers
        }
      }
    })
  )
