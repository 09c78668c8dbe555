/**
 * The five tagged errors every action can fail with.
 *
 * | HTTP status / cause                   | error                | reason             |
 * | ------------------------------------- | -------------------- | ------------------ |
 * | 400                                   | `RequestError`       | `BadRequest`       |
 * | 401                                   | `RequestError`       | `Unauthorized`     |
 * | 403                                   | `RequestError`       | `Forbidden`        |
 * | 405                                   | `RequestError`       | `MethodNotAllowed` |
 * | other 3xx / 4xx                       | `RequestError`       | `UnexpectedStatus` |
 * | input rejected before sending         | `RequestError`       | `InvalidInput`     |
 * | connection failed, nothing was sent   | `RequestError`       | `Transport`        |
 * | no answer in time (GET, PUT, DELETE)  | `RequestError`       | `Timeout`          |
 * | POST/PATCH failed after it was sent   | `RequestError`       | `OutcomeUnknown`   |
 * | `Pagination.collect` past its `max`   | `RequestError`       | `TooManyItems`     |
 * | 404                                   | `ResourceError`      | `NotFound`         |
 * | 409                                   | `ResourceError`      | `Conflict`         |
 * | 422                                   | `ResourceError`      | `Unprocessable`    |
 * | 5xx                                   | `ServerError`        | `Status`           |
 * | 2xx whose body does not match         | `ServerError`        | `Decode`           |
 * | body larger than `maxResponseSize`    | `ServerError`        | `TooLarge`         |
 * | 420, 429                              | `RateLimitError`     | `RateLimited`      |
 * | missing or invalid setting            | `ConfigurationError` | `Missing`/`Invalid`|
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * Carried by each of the five errors (on the prototype), so that a guard tells them from `@effect/platform`'s
 * `HttpClientError.RequestError`, whose `_tag` is also `"RequestError"`.
 *
 * @since 0.1.0
 * @category Symbols
 */
export const TypeId: unique symbol = Symbol.for("@effect-statuspage/StatusPageError")

/**
 * @since 0.1.0
 * @category Symbols
 */
export type TypeId = typeof TypeId

/**
 * One problem reported by the server, parsed from whatever body came back.
 *
 * @since 0.1.0
 * @category Models
 */
export const ErrorDetail = Schema.Struct({
  message: Schema.String,
  code: Schema.optionalWith(Schema.String, { exact: true }),
  details: Schema.optionalWith(Schema.String, { exact: true }),
  resource: Schema.optionalWith(Schema.String, { exact: true }),
  field: Schema.optionalWith(Schema.String, { exact: true })
})

/**
 * @since 0.1.0
 * @category Models
 */
export type ErrorDetail = typeof ErrorDetail.Type

/** Fields shared by every error that comes from an HTTP exchange (or an attempt at one). */
const HttpFields = {
  message: Schema.String,
  /** The HTTP method of the request. */
  method: Schema.String,
  /** The endpoint's path template, e.g. `/pages/{page_id}/components`; never a filled URL. */
  urlTemplate: Schema.String,
  /** The response status, when a response arrived. */
  httpStatus: Schema.optionalWith(Schema.Number, { exact: true }),
  /** The server's request id (`x-request-id` header or `meta.logref` in the body), when it sent one. */
  logref: Schema.optionalWith(Schema.String, { exact: true }),
  /** What the server said was wrong, parsed leniently from the body. */
  errors: Schema.Array(ErrorDetail)
}

/**
 * The request was refused or never answered, or its input was rejected before anything was sent.
 *
 * @since 0.1.0
 * @category Errors
 */
export class RequestError extends Schema.TaggedError<RequestError>("@effect-statuspage/RequestError")("RequestError", {
  ...HttpFields,
  reason: Schema.Literal(
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "MethodNotAllowed",
    "UnexpectedStatus",
    "InvalidInput",
    "Transport",
    "Timeout",
    "OutcomeUnknown",
    "TooManyItems"
  )
}) {
  /** @since 0.1.0 */
  get [TypeId](): TypeId {
    return TypeId
  }
}

/**
 * The resource is missing or its attributes are invalid (404, 409, 422).
 *
 * @since 0.1.0
 * @category Errors
 */
export class ResourceError extends Schema.TaggedError<ResourceError>("@effect-statuspage/ResourceError")(
  "ResourceError",
  {
    ...HttpFields,
    reason: Schema.Literal("NotFound", "Conflict", "Unprocessable")
  }
) {
  /** @since 0.1.0 */
  get [TypeId](): TypeId {
    return TypeId
  }
}

/**
 * The server failed (5xx), answered 2xx with a body that does not match the schema, or sent a body larger than
 * `maxResponseSize`.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("@effect-statuspage/ServerError")("ServerError", {
  ...HttpFields,
  reason: Schema.Literal("Status", "Decode", "TooLarge"),
  /** For `Decode`: the path of the field that drifted, e.g. `[3].status`. */
  path: Schema.optionalWith(Schema.String, { exact: true }),
  /** A short excerpt of the body that came back. */
  excerpt: Schema.optionalWith(Schema.String, { exact: true })
}) {
  /** @since 0.1.0 */
  get [TypeId](): TypeId {
    return TypeId
  }
}

/**
 * Statuspage's rate limit was hit (420 or 429). The request was not processed.
 *
 * @since 0.1.0
 * @category Errors
 */
export class RateLimitError extends Schema.TaggedError<RateLimitError>("@effect-statuspage/RateLimitError")(
  "RateLimitError",
  {
    ...HttpFields,
    reason: Schema.Literal("RateLimited"),
    /** How long the server asked us to wait (from `Retry-After`), in milliseconds. */
    retryAfterMillis: Schema.optionalWith(Schema.Number, { exact: true })
  }
) {
  /** @since 0.1.0 */
  get [TypeId](): TypeId {
    return TypeId
  }
}

/**
 * A setting is missing or invalid; the message says what to set.
 *
 * @since 0.1.0
 * @category Errors
 */
export class ConfigurationError extends Schema.TaggedError<ConfigurationError>("@effect-statuspage/ConfigurationError")(
  "ConfigurationError",
  {
    message: Schema.String,
    /** The option (and environment variable) at fault, e.g. `pageId (STATUSPAGE_PAGE_ID)`. */
    setting: Schema.String,
    reason: Schema.Literal("Missing", "Invalid")
  }
) {
  constructor(
    props: { readonly message: string; readonly setting: string; readonly reason: "Missing" | "Invalid" },
    options?: Schema.MakeOptions
  ) {
    super(props, options)
    // A setting's error is about the environment, not the code: its message says what to set, and the frames a
    // stack would add (printed by `NodeRuntime.runMain`, `Cause.pretty`) only bury it.
    this.stack = `${this.name}: ${this.message}`
  }

  /** @since 0.1.0 */
  get [TypeId](): TypeId {
    return TypeId
  }
}

/**
 * Every error a page-scoped action can fail with.
 *
 * @since 0.1.0
 * @category Errors
 */
export type HttpError = RequestError | ResourceError | ServerError | RateLimitError

/**
 * Every error of this library.
 *
 * @since 0.1.0
 * @category Errors
 */
export type StatusPageError = HttpError | ConfigurationError

/**
 * True for any of the five errors of this library, and for nothing else: not for `@effect/platform`'s
 * `RequestError`/`ResponseError` (a program using both can tell them apart with this guard, whatever their `_tag`).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isStatusPageError = (u: unknown): u is StatusPageError => Predicate.hasProperty(u, TypeId)

const guard =
  <T extends StatusPageError>(tag: T["_tag"]) =>
  (u: unknown): u is T =>
    isStatusPageError(u) && u._tag === tag

/**
 * Our `RequestError`, never `@effect/platform`'s `HttpClientError.RequestError` of the same `_tag`.
 *
 * @since 0.1.0
 * @category Guards
 */
export const isRequestError: (u: unknown) => u is RequestError = guard<RequestError>("RequestError")

/**
 * @since 0.1.0
 * @category Guards
 */
export const isResourceError: (u: unknown) => u is ResourceError = guard<ResourceError>("ResourceError")

/**
 * @since 0.1.0
 * @category Guards
 */
export const isServerError: (u: unknown) => u is ServerError = guard<ServerError>("ServerError")

/**
 * @since 0.1.0
 * @category Guards
 */
export const isRateLimitError: (u: unknown) => u is RateLimitError = guard<RateLimitError>("RateLimitError")

/**
 * @since 0.1.0
 * @category Guards
 */
export const isConfigurationError: (u: unknown) => u is ConfigurationError =
  guard<ConfigurationError>("ConfigurationError")

/**
 * One of the four errors of an HTTP exchange (everything but `ConfigurationError`).
 *
 * @since 0.1.0
 * @category Guards
 */
export const isHttpError = (u: unknown): u is HttpError => isStatusPageError(u) && u._tag !== "ConfigurationError"
