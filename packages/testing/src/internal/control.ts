/**
 * The fake's knobs and log, and the shapes they hold: what the app reads per request and `StatusPageTest` sets.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import type { Store } from "./store.js"

/**
 * A rolling-window rate limit per API key: at most `limit` accepted requests in any `window`; beyond it the fake
 * answers `status` (default 420) with `Retry-After` in seconds.
 */
export interface RateLimit {
  readonly limit: number
  readonly window: Duration.DurationInput
  readonly status?: 420 | 429
}

/**
 * An answer to give instead of running the request: `status` with `body` (JSON; none when absent) and `headers`,
 * for the next `times` requests (default 1).
 */
export interface Fault {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly times?: number
}

/**
 * One request as the fake saw it. The API key is never recorded (an `api_key` query parameter is left out of `url`).
 */
export interface LoggedRequest {
  readonly method: string
  /** Path and query, e.g. `/v1/pages/abc/components?page=2`. */
  readonly url: string
  /** The parsed JSON (or form) body, when there was one. */
  readonly body: unknown
  /** `Clock` time the request arrived, in milliseconds. */
  readonly at: number
  /** The declared endpoint it matched, e.g. `components.create`. */
  readonly endpoint?: string
  /** The status answered; absent when the connection was dropped. */
  readonly status?: number
  /** Set when the connection was dropped before or after the handler ran. */
  readonly dropped?: "before" | "after"
}

/**
 * One webhook the fake delivered (see `FakeStatusPage.subscribeWebhooks`).
 */
export interface WebhookDelivery {
  readonly url: string
  readonly kind: "ComponentUpdate" | "IncidentUpdate"
  /** The JSON body, shaped as Statuspage's (no type field: `component_update` + `component`, or `incident`). */
  readonly body: unknown
  /** The status the receiver answered, or `failed` when the connection failed. */
  readonly outcome: number | "failed"
}

/** A URL that receives a page's webhooks, and the client that posts them. */
export interface WebhookTarget {
  readonly url: string
  readonly pageId: string
  readonly client: HttpClient.HttpClient
}

/**
 * The app's one failure: the connection is to be closed without an answer. Each transport turns it into what a
 * client sees when a server resets the connection.
 */
export class ConnectionDropped extends Data.TaggedError("ConnectionDropped")<{
  readonly when: "before" | "after"
}> {}

interface Counted<A> {
  readonly value: A
  remaining: number
}

/** The newest `capacity` items, oldest first: once full, each push overwrites the oldest item in constant time. */
export class Ring<A> {
  private items: Array<A> = []
  private start = 0

  constructor(readonly capacity: number) {}

  push(item: A): void {
    if (this.items.length < this.capacity) {
      this.items.push(item)
      return
    }
    this.items[this.start] = item
    this.start = (this.start + 1) % this.capacity
  }

  toArray(): Array<A> {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)]
  }

  clear(): void {
    this.items = []
    this.start = 0
  }
}

/** The fake's mutable knobs and log. JavaScript runs one fiber step at a time, so plain fields are safe here. */
export class Control {
  readonly log: Ring<LoggedRequest>
  rateLimit: RateLimit | undefined
  latency: Duration.Duration = Duration.zero
  readonly faults: Array<Counted<Fault>> = []
  readonly drops: Array<Counted<"before" | "after">> = []
  /** Accepted request times per API key, for the rolling window. */
  readonly hits = new Map<string, Array<number>>()
  /** Where webhooks go, and the newest deliveries (see `public.ts`). */
  readonly webhookTargets: Array<WebhookTarget> = []
  readonly webhookLog: Ring<WebhookDelivery>

  constructor(
    readonly store: Store,
    readonly apiKey: string,
    /** Bodies above this size are answered 413 unread. */
    readonly maxBodyBytes: number,
    maxLoggedRequests: number,
    maxLoggedWebhooks: number
  ) {
    this.log = new Ring(maxLoggedRequests)
    this.webhookLog = new Ring(maxLoggedWebhooks)
  }

  /** Takes one use of the first queued item, if any. */
  static take<A>(queue: Array<Counted<A>>): A | undefined {
    const first = queue[0]
    if (first === undefined) return undefined
    if (--first.remaining <= 0) queue.shift()
    return first.value
  }
}
