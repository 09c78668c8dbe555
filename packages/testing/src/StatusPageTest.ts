/**
 * A fake Statuspage: a stateful, in-memory implementation of the Manage API for tests, examples and anyone who
 * cannot try things against a real page. Its routes come from the client's own endpoint declarations, so the two
 * cannot drift apart.
 *
 * It runs in-process as an `HttpClient` (no sockets: `StatusPageTest.layer()`), or over real HTTP on loopback
 * from `@effect-statuspage/platform-node` (`StatusPageFakeServer`, and the `statuspage-fake` bin). Knobs on the
 * `FakeStatusPage` service read the request log and the state, enforce a rate limit, add latency, inject answers
 * and drop connections.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { makeApp } from "./internal/app.js"
import {
  type ConnectionDropped,
  Control,
  type Fault,
  type LoggedRequest,
  type RateLimit,
  type WebhookDelivery
} from "./internal/control.js"
import { idGenerator } from "./internal/ids.js"
import { routes } from "./internal/router.js"
import { Store } from "./internal/store.js"
import { quarantine } from "./internal/subscribers.js"

export type {
  /**
   * @since 0.1.0
   * @category Models
   */
  Fault,
  /**
   * @since 0.1.0
   * @category Models
   */
  LoggedRequest,
  /**
   * @since 0.1.0
   * @category Models
   */
  RateLimit,
  /**
   * @since 0.1.0
   * @category Models
   */
  WebhookDelivery
} from "./internal/control.js"
export {
  /**
   * The app's one failure: close the connection without answering (see `FakeStatusPage.dropNext`).
   *
   * @since 0.1.0
   * @category Errors
   */
  ConnectionDropped
} from "./internal/control.js"

/**
 * Statuspage's own limit: 60 requests per rolling 60 seconds per key, answered with 420.
 *
 * @since 0.1.0
 * @category Constants
 */
export const realRateLimit: RateLimit = { limit: 60, window: "60 seconds", status: 420 }

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Seed of the id generator: the same seed gives the same ids in the same order. Default `0`. */
  readonly seed?: number | string
  /** The key the fake accepts (`Authorization: OAuth <key>`). Default `demoApiKey`. */
  readonly apiKey?: string
  /** The account's page. Default: the first id of the seed. */
  readonly pageId?: string
  /** More pages of the same account, for actions called with a per-call `pageId`. */
  readonly morePageIds?: ReadonlyArray<string>
  /** The account's organization. Default: the second id of the seed. */
  readonly organizationId?: string
  /** A rate limit to enforce from the start (see `realRateLimit`). */
  readonly rateLimit?: RateLimit
  /** Latency added to every request. */
  readonly latency?: Duration.DurationInput
  /** The request log keeps the newest this many requests (a positive integer). Default 10,000. */
  readonly maxLoggedRequests?: number
  /** The webhook delivery log keeps the newest this many deliveries (a positive integer). Default 1,000. */
  readonly maxLoggedWebhooks?: number
  /**
   * A request body above this many bytes (a positive integer) is answered 413 before anything else, the key check
   * included, and is not read further. Default 1 MiB.
   */
  readonly maxRequestBodyBytes?: number
}

/**
 * The declared endpoints the fake has no handler for (it answers them 501), e.g. `["pages.get"]`. Empty when the
 * fake covers the whole client.
 *
 * @since 0.1.0
 * @category Constants
 */
export const unhandled: ReadonlyArray<string> = routes
  .filter((r) => r.handler === undefined)
  .map((r) => r.endpoint.name)

/**
 * The key the fake accepts unless told otherwise.
 *
 * @since 0.1.0
 * @category Constants
 */
export const demoApiKey = "statuspage-fake-demo-key"

/**
 * A running fake: its identity, its app, and its knobs.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Service {
  readonly apiKey: string
  readonly pageId: string
  readonly organizationId: string
  /** The fake as an `HttpApp`; serve it with any `HttpServer` (close the connection on `ConnectionDropped`). */
  readonly app: Effect.Effect<
    HttpServerResponse.HttpServerResponse,
    ConnectionDropped,
    HttpServerRequest.HttpServerRequest
  >
  /** Every request so far, oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<LoggedRequest>>
  readonly clearRequests: Effect.Effect<void>
  /** A copy of the state: every non-empty table (`components`, `incidents`, ...) as a list of rows. */
  readonly state: Effect.Effect<Readonly<Record<string, ReadonlyArray<unknown>>>>
  /** Enforces a rate limit from now on, or none with `undefined`. */
  readonly setRateLimit: (limit: RateLimit | undefined) => Effect.Effect<void>
  readonly setLatency: (latency: Duration.DurationInput) => Effect.Effect<void>
  /** Answers the next requests with `fault` instead of running them (queued after earlier faults). */
  readonly failNext: (fault: Fault) => Effect.Effect<void>
  /**
   * Closes the connection of the next `times` requests (default 1) without an answer: `before` the handler runs
   * (nothing changes) or `after` it ran (the change is made, the client never hears of it).
   */
  readonly dropNext: (options: { readonly when: "before" | "after"; readonly times?: number }) => Effect.Effect<void>
  /**
   * From now on, POSTs a page's webhooks to `url` through the `HttpClient` in context, as Statuspage does for a
   * webhook subscriber: when a Manage API call changed a component's status, or created or updated an incident (or
   * maintenance). Deliveries run in the background after the call is answered.
   */
  readonly subscribeWebhooks: (
    url: string,
    options?: { readonly pageId?: string }
  ) => Effect.Effect<void, never, HttpClient.HttpClient>
  /** The webhooks delivered so far, oldest first: the newest `maxLoggedWebhooks` (default 1,000). */
  readonly webhookDeliveries: Effect.Effect<ReadonlyArray<WebhookDelivery>>
  /**
   * Quarantines a page subscriber, as Statuspage does after ten failed webhook deliveries (the fake delivers only to
   * `subscribeWebhooks` URLs, not to subscribers), so that `Subscribers.reactivate` has something to do. Fails when
   * there is no such live subscriber.
   */
  readonly quarantineSubscriber: (subscriberId: string) => Effect.Effect<void, Cause.NoSuchElementException>
}

/**
 * @since 0.1.0
 * @category Context
 */
export class FakeStatusPage extends Context.Tag("@effect-statuspage/FakeStatusPage")<FakeStatusPage, Service>() {}

/** A bound of the options, checked: a wrong one is a bug in the test that sets it, so it is a defect. */
const positiveInteger = (name: string, value: number): number => {
  if (Number.isSafeInteger(value) && value > 0) return value
  throw new Cause.IllegalArgumentException(`StatusPageTest: ${name} must be a positive integer, not ${value}`)
}

/**
 * Builds a fake with an empty page. Dies when `maxLoggedRequests`, `maxLoggedWebhooks` or `maxRequestBodyBytes` is not
 * a positive integer.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options = {}): Effect.Effect<Service> =>
  Effect.sync(() => {
    const newId = idGenerator(options.seed ?? 0)
    const pageId = options.pageId ?? newId()
    const organizationId = options.organizationId ?? newId()
    const store = new Store({ newId, pageIds: [pageId, ...(options.morePageIds ?? [])], organizationId })
    const apiKey = options.apiKey ?? demoApiKey
    const control = new Control(
      store,
      apiKey,
      positiveInteger("maxRequestBodyBytes", options.maxRequestBodyBytes ?? 1024 * 1024),
      positiveInteger("maxLoggedRequests", options.maxLoggedRequests ?? 10_000),
      positiveInteger("maxLoggedWebhooks", options.maxLoggedWebhooks ?? 1_000)
    )
    control.rateLimit = options.rateLimit
    if (options.latency !== undefined) control.latency = Duration.decode(options.latency)
    return {
      apiKey,
      pageId,
      organizationId,
      app: makeApp(control),
      requests: Effect.sync(() => control.log.toArray().map((entry) => ({ ...entry }))),
      clearRequests: Effect.sync(() => control.log.clear()),
      state: Effect.sync(() => store.snapshot()),
      setRateLimit: (limit) =>
        Effect.sync(() => {
          control.rateLimit = limit
          control.hits.clear()
        }),
      setLatency: (latency) =>
        Effect.sync(() => {
          control.latency = Duration.decode(latency)
        }),
      failNext: (fault) =>
        Effect.sync(() => {
          control.faults.push({ value: fault, remaining: fault.times ?? 1 })
        }),
      dropNext: ({ when, times }) =>
        Effect.sync(() => {
          control.drops.push({ value: when, remaining: times ?? 1 })
        }),
      subscribeWebhooks: (url, options) =>
        Effect.map(HttpClient.HttpClient, (client) => {
          control.webhookTargets.push({ url, pageId: options?.pageId ?? pageId, client })
        }),
      webhookDeliveries: Effect.sync(() => control.webhookLog.toArray()),
      quarantineSubscriber: (subscriberId) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          quarantine(store, subscriberId, new Date(now).toISOString())
            ? Effect.void
            : Effect.fail(new Cause.NoSuchElementException(`the fake has no live subscriber ${subscriberId}`))
        )
    }
  })

const webRequest = (request: HttpClientRequest.HttpClientRequest, url: URL): Request => {
  const headers = new globalThis.Headers(request.headers)
  const body = request.body
  let init: BodyInit | undefined
  if (body._tag === "Uint8Array") init = body.body as BodyInit
  else if (body._tag === "Raw") init = body.body as BodyInit
  const contentType = body._tag === "Empty" ? undefined : body.contentType
  if (contentType !== undefined && !headers.has("content-type")) headers.set("content-type", contentType)
  return new Request(url, { method: request.method, headers, ...(init === undefined ? {} : { body: init }) })
}

/**
 * An `HttpClient` that hands every request to the fake in the calling fiber: no sockets, any host. A dropped
 * connection is a `Transport` error, as a reset socket would be.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const httpClient = (fake: Service): HttpClient.HttpClient =>
  HttpClient.make((request, url) =>
    fake.app.pipe(
      Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(webRequest(request, url))),
      Effect.map((response) => HttpClientResponse.fromWeb(request, HttpServerResponse.toWeb(response))),
      Effect.catchTag("ConnectionDropped", (cause) =>
        Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            cause,
            description: "the fake Statuspage closed the connection"
          })
        )
      )
    )
  )

/**
 * A fetch-style handler for the fake, for runtimes that serve `(Request) => Promise<Response>`. A dropped
 * connection rejects the promise.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const toWebHandler =
  (fake: Service) =>
  (request: Request): Promise<Response> =>
    Effect.runPromise(
      fake.app.pipe(
        Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(request)),
        Effect.map((response) => HttpServerResponse.toWeb(response)),
        Effect.catchTag("ConnectionDropped", () =>
          Effect.die(new TypeError("the fake Statuspage closed the connection"))
        )
      )
    )

/**
 * A config for the fake's key, page and organization, at `baseUrl` (any URL works in-process).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const config = (
  fake: Service,
  baseUrl: string = StatusPageConfig.defaultBaseUrl
): Effect.Effect<StatusPageConfig.Service> =>
  Effect.orDie(
    StatusPageConfig.make({
      apiKey: fake.apiKey,
      pageId: fake.pageId,
      organizationId: fake.organizationId,
      baseUrl
    })
  )

/**
 * The base URL of a page's public Status API v2 on the fake, for `StatusPagePublic.make`: `origin` is where the fake
 * answers (any URL in-process; the server's address over loopback), the page the fake's own by default. The fake
 * serves `<origin>/status/<page_id>/api/v2/*.json` with no key.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const publicBaseUrl = (
  fake: Service,
  pageId: string = fake.pageId,
  origin = "https://statuspage.fake"
): string => `${origin.replace(/\/v1\/?$/, "").replace(/\/+$/, "")}/status/${encodeURIComponent(pageId)}`

/**
 * Just the fake's control service.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layerFake = (options?: Options): Layer.Layer<FakeStatusPage> => Layer.effect(FakeStatusPage, make(options))

/**
 * Everything an action needs, served in-process by a fresh fake: `HttpClient`, a `StatusPageConfig` with the
 * fake's key, page and organization, and the `FakeStatusPage` knobs.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer = (
  options?: Options
): Layer.Layer<FakeStatusPage | HttpClient.HttpClient | StatusPageConfig.StatusPageConfig> =>
  Layer.effectContext(
    Effect.gen(function* () {
      const fake = yield* make(options)
      return Context.make(FakeStatusPage, fake).pipe(
        Context.add(HttpClient.HttpClient, httpClient(fake)),
        Context.add(StatusPageConfig.StatusPageConfig, yield* config(fake))
      )
    })
  )
