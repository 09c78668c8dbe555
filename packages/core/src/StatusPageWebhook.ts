/**
 * Statuspage's webhook notifications: the two bodies (component update, incident update), a decoder that tells them
 * apart by their keys, and a handler to mount on `@effect/platform`'s HTTP server.
 *
 * Statuspage signs nothing and sends from no fixed IP range: mount the handler under a path that carries a secret
 * token (`/hooks/<token>`). A delivery must be answered 2xx within 30 seconds or it is retried, and after 10 failures
 * the subscriber is quarantined, so the handler answers as soon as the body is decoded and runs your effect in the
 * background.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Queue from "effect/Queue"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import { excerpt } from "./internal/errorBody.js"
import { ComponentUpdateEvent, IncidentUpdateEvent } from "./internal/schema/webhook.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentUpdateEvent,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentUpdateEvent,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  WebhookComponent,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  WebhookIncident,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  WebhookIncidentUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  WebhookMeta,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  WebhookPage
} from "./internal/schema/webhook.js"

/**
 * A decoded delivery: `_tag` is `ComponentUpdate` or `IncidentUpdate`.
 *
 * @since 0.1.0
 * @category Models
 */
export type WebhookEvent = ComponentUpdateEvent | IncidentUpdateEvent

/**
 * A delivery that could not be decoded: `NotJson`, `UnknownKind` (neither `incident` nor `component_update` +
 * `component`), `Decode` (the chosen kind did not match, at `path`), `Unreadable` (the body could not be read) or
 * `TooLarge` (its declared length is over the limit).
 *
 * @since 0.1.0
 * @category Errors
 */
export class WebhookError extends Schema.TaggedError<WebhookError>("@effect-statuspage/WebhookError")("WebhookError", {
  message: Schema.String,
  reason: Schema.Literal("NotJson", "UnknownKind", "Decode", "Unreadable", "TooLarge"),
  path: Schema.optionalWith(Schema.String, { exact: true }),
  excerpt: Schema.optionalWith(Schema.String, { exact: true })
}) {}

const decodeComponent: (u: unknown) => Either.Either<WebhookEvent, ParseResult.ParseError> =
  Schema.decodeUnknownEither(ComponentUpdateEvent)
const decodeIncident: (u: unknown) => Either.Either<WebhookEvent, ParseResult.ParseError> =
  Schema.decodeUnknownEither(IncidentUpdateEvent)

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Decodes a parsed body. `incident` present means an incident event; `component_update` with `component` means a
 * component event.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decode = (body: unknown): Either.Either<WebhookEvent, WebhookError> => {
  const decoder =
    isObject(body) && "incident" in body
      ? decodeIncident
      : isObject(body) && "component_update" in body && "component" in body
        ? decodeComponent
        : undefined
  if (decoder === undefined) {
    return Either.left(
      new WebhookError({
        reason: "UnknownKind",
        message: "webhook body has neither `incident` nor `component_update` with `component`"
      })
    )
  }
  return Either.mapLeft(decoder(body), (error) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
    const path = issue?.path.map(String).join(".") ?? ""
    return new WebhookError({
      reason: "Decode",
      message: `webhook body does not match at ${path === "" ? "the top level" : path}: ${issue?.message ?? error.message}`,
      path
    })
  })
}

/**
 * Parses and decodes a body as text.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeJson = (text: string): Either.Either<WebhookEvent, WebhookError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return Either.left(
      new WebhookError({ reason: "NotJson", message: "webhook body is not JSON", excerpt: excerpt(text) })
    )
  }
  return decode(json)
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface HandlerOptions {
  /** Bodies over this many bytes are refused (413, or 400 when no length was declared); default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /** How many events `onEvent` handles at once, in arrival order; default 16. */
  readonly concurrency?: number | undefined
  /**
   * How many accepted events may wait for a free handler; default 1,000. A delivery that finds the backlog full is
   * answered 503 and not kept: Statuspage delivers it again later.
   */
  readonly maxBacklog?: number | undefined
}

const reject = (status: number, error: WebhookError) =>
  Effect.as(
    Effect.logError("effect-statuspage: rejected a webhook delivery", error),
    HttpServerResponse.unsafeJson({ error: error.message }, { status })
  )

/**
 * Makes the `HttpApp` to mount (e.g. `HttpRouter.post("/hooks/<token>", app)`). A POST with a valid body is answered
 * 204 at once and its event queued; `concurrency` background fibers (16) hand the queued events to `onEvent` in
 * arrival order (its failures are logged). When `maxBacklog` events (1,000) already wait, a delivery is answered 503,
 * so that Statuspage delivers it again later, instead of holding unbounded memory or fibers. A malformed body gets 400
 * (an oversized one 413) and a `WebhookError` in the logs; other methods get 405. The background fibers are
 * interrupted, and the events still queued dropped, when the scope closes.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const makeHandler = <E, R>(
  onEvent: (event: WebhookEvent) => Effect.Effect<void, E, R>,
  options: HandlerOptions = {}
): Effect.Effect<HttpApp.Default, never, Scope.Scope | R> =>
  Effect.gen(function* () {
    const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
    const maxBodySize = Option.some(maxBodyBytes)
    const backlog = yield* Effect.acquireRelease(
      Queue.dropping<WebhookEvent>(options.maxBacklog ?? 1000),
      Queue.shutdown
    )
    const handle = (event: WebhookEvent) =>
      Effect.catchAllCause(onEvent(event), (cause) =>
        Effect.logError(`effect-statuspage: the webhook handler failed (${event._tag} event)`, cause)
      )
    yield* Effect.forkScoped(
      Effect.forEach(Array.from({ length: options.concurrency ?? 16 }), () =>
        Effect.forkScoped(Effect.forever(Effect.flatMap(Queue.take(backlog), handle)))
      )
    )
    return Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      if (request.method !== "POST") {
        return HttpServerResponse.empty({ status: 405, headers: { allow: "POST" } })
      }
      const length = Number(request.headers["content-length"] ?? 0)
      if (length > maxBodyBytes) {
        return yield* reject(
          413,
          new WebhookError({ reason: "TooLarge", message: `webhook body of ${length} bytes is over ${maxBodyBytes}` })
        )
      }
      const text = yield* HttpIncomingMessage.withMaxBodySize(Effect.either(request.text), maxBodySize)
      if (Either.isLeft(text)) {
        return yield* reject(
          400,
          new WebhookError({ reason: "Unreadable", message: `webhook body could not be read: ${text.left.reason}` })
        )
      }
      const event = decodeJson(text.right)
      if (Either.isLeft(event)) return yield* reject(400, event.left)
      if (!Queue.unsafeOffer(backlog, event.right)) {
        return yield* Effect.as(
          Effect.logWarning(`effect-statuspage: webhook backlog full (${backlog.capacity()} events); answered 503`),
          HttpServerResponse.empty({ status: 503, headers: { "retry-after": "60" } })
        )
      }
      return HttpServerResponse.empty({ status: 204 })
    })
  })
