import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { BridgeConfig, BridgePublisher } from "@effect-statuspage/bridge"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"

export type Call =
  | { readonly op: "ensure"; readonly key: string; readonly value: BridgePublisher.Ensure }
  | { readonly op: "resolve"; readonly key: string; readonly value: BridgePublisher.Resolve }
  | { readonly op: "setComponents"; readonly value: Readonly<Record<string, string>> }
  | { readonly op: "recordPending"; readonly key: string; readonly value: BridgePublisher.PendingResolve | undefined }

/**
 * A publisher that records the calls it gets (and can be told to fail the next ones, or to hold each write on a gate
 * before it is recorded); `listPending` answers what the page records (none by default).
 */
export const recordingPublisher = (
  listPending: Effect.Effect<ReadonlyArray<BridgePublisher.Pending>, BridgePublisher.PublishError> = Effect.succeed([])
) => {
  const calls: Array<Call> = []
  let failures = 0
  let gate: Effect.Effect<void> = Effect.void
  const record = (call: Call) =>
    Effect.suspend(() => {
      if (failures > 0) {
        failures--
        return Effect.fail(
          new BridgePublisher.PublishError({ operation: call.op, tag: "ServerError", message: "injected", cause: null })
        )
      }
      return Effect.zipRight(
        gate,
        Effect.sync(() => {
          calls.push(call)
        })
      )
    })
  const layer = Layer.succeed(BridgePublisher.BridgePublisher, {
    ensure: (key, value) => record({ op: "ensure", key, value }),
    resolve: (key, value) => Effect.as(record({ op: "resolve", key, value }), "resolved" as const),
    setComponents: (value) => record({ op: "setComponents", value }),
    recordPending: (key, value) => record({ op: "recordPending", key, value }),
    listPending
  })
  return {
    calls,
    layer,
    failNext: (n: number) => {
      failures = n
    },
    holdWrites: (until: Effect.Effect<void>) => {
      gate = until
    }
  }
}

export const config = (yaml: string): BridgeConfig.BridgeConfig => Either.getOrThrow(BridgeConfig.parse(yaml))

export interface Reply {
  readonly status: number
  readonly text: string
  readonly headers: Headers
}

/** Runs one request through an app, as a server would. */
export const request = (
  app: HttpApp.Default,
  path: string,
  init: { readonly method?: string; readonly body?: unknown; readonly headers?: Record<string, string> } = {}
): Effect.Effect<Reply> => {
  const body =
    init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body)
  const web = new Request(`http://bridge.test${path}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
    ...(body === undefined ? {} : { body })
  })
  return app.pipe(
    Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(web)),
    Effect.orDie,
    Effect.flatMap((response) =>
      Effect.promise(async () => {
        const reply = HttpServerResponse.toWeb(response)
        return { status: reply.status, text: await reply.text(), headers: reply.headers }
      })
    )
  )
}

/** An Alertmanager webhook v4 body. */
export const alertmanager = (
  groupKey: string,
  alerts: ReadonlyArray<{
    readonly status?: "firing" | "resolved"
    readonly labels: Record<string, string>
    readonly annotations?: Record<string, string>
    readonly startsAt?: string
    readonly endsAt?: string
    readonly fingerprint?: string
  }>
) => ({
  version: "4",
  groupKey,
  truncatedAlerts: 0,
  status: alerts.some((a) => (a.status ?? "firing") === "firing") ? "firing" : "resolved",
  receiver: "statuspage",
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: "http://alertmanager.test",
  alerts: alerts.map((a) => ({
    status: a.status ?? "firing",
    labels: a.labels,
    annotations: a.annotations ?? {},
    startsAt: a.startsAt ?? "2026-01-01T00:00:00Z",
    endsAt: a.endsAt ?? "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.test/graph",
    fingerprint: a.fingerprint ?? Object.values(a.labels).join("-")
  }))
})
