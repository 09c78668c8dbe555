/**
 * A lean `HttpClient` straight over `undici`: no client span of its own, no `FinalizationRegistry`, no URL object per
 * request. The actions already run in their own client span (method, URL template, status), so a second span per
 * request would only repeat it. Trace context still goes out: the current span (the action's) is sent as
 * `traceparent`, as the platform's clients send theirs; `HttpClient.withTracerPropagation(false)` turns it off.
 *
 * Interrupting a request aborts it (and destroys a body being read); transport failures are `RequestError`s with
 * reason `Transport` and the undici error as `cause`, body read failures `ResponseError`s with reason `Decode`.
 *
 * @since 0.1.0
 */
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import * as Undici from "undici"

/** The request URL with its query string and hash, without parsing it into a `URL`. */
const urlOf = (request: HttpClientRequest.HttpClientRequest): string => {
  let url = request.url
  if (request.urlParams.length > 0) url += (url.includes("?") ? "&" : "?") + UrlParams.toString(request.urlParams)
  if (request.hash._tag === "Some") url += `#${request.hash.value}`
  return url
}

const bodyOf = (
  body: HttpClientRequest.HttpClientRequest["body"]
): Effect.Effect<Exclude<Undici.Dispatcher.DispatchOptions["body"], undefined>> => {
  switch (body._tag) {
    case "Empty":
      return Effect.succeed(null)
    case "Uint8Array":
    case "Raw":
      return Effect.succeed(body.body as Uint8Array)
    case "FormData":
      return Effect.succeed(body.formData as Undici.FormData)
    case "Stream":
      return NodeStream.toReadable(body.stream)
  }
}

/** A promise as an effect whose interruption runs `onInterrupt` (abort the request, destroy the body). */
const interruptible = <A, E>(
  run: () => Promise<A>,
  onError: (cause: unknown) => E,
  onInterrupt: () => void
): Effect.Effect<A, E> =>
  Effect.async<A, E>((resume) => {
    const fail = (cause: unknown) => resume(Effect.fail(onError(cause)))
    try {
      run().then((a) => resume(Effect.succeed(a)), fail)
    } catch (cause) {
      // undici throws synchronously on arguments it rejects (an unparsable URL)
      fail(cause)
    }
    return Effect.sync(onInterrupt)
  })

/** The request headers, with `traceparent` for the current span unless propagation is off or there is no span. */
const headersOf = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<Headers.Headers> =>
  Effect.flatMap(FiberRef.get(HttpClient.currentTracerPropagation), (propagate) =>
    propagate
      ? Effect.map(Effect.serviceOption(Tracer.ParentSpan), (span) =>
          span._tag === "None"
            ? request.headers
            : Headers.set(
                request.headers,
                "traceparent",
                `00-${span.value.traceId}-${span.value.spanId}-${span.value.sampled ? "01" : "00"}`
              )
        )
      : Effect.succeed(request.headers)
  )

const send = (dispatcher: Undici.Dispatcher) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(Effect.zip(bodyOf(request.body), headersOf(request)), ([body, headers]) => {
    const url = urlOf(request)
    const controller = new AbortController()
    return interruptible(
      () =>
        Undici.request(url, {
          dispatcher,
          method: request.method,
          headers,
          body,
          signal: controller.signal
          // undici's own headers and body timeouts (300 s each) stay as a backstop under the action's `timeout`
        }),
      (cause) =>
        new HttpClientError.RequestError({
          request,
          reason: URL.canParse(url) ? "Transport" : "InvalidUrl",
          cause
        }),
      () => controller.abort()
    ).pipe(Effect.map((source) => new Response(request, source)))
  })

function ignore(_: unknown) {}

class Response extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly remoteAddress = Option.none<string>()

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly source: Undici.Dispatcher.ResponseData
  ) {
    super()
    // an error while nobody reads the body must not crash the process
    source.body.on("error", ignore)
  }

  get status(): number {
    return this.source.statusCode
  }

  private cachedHeaders?: Headers.Headers
  get headers(): Headers.Headers {
    this.cachedHeaders ??= Headers.fromInput(this.source.headers as Record<string, string | Array<string>>)
    return this.cachedHeaders
  }

  private cachedCookies?: Cookies.Cookies
  get cookies(): Cookies.Cookies {
    const header = this.source.headers["set-cookie"]
    this.cachedCookies ??=
      header === undefined ? Cookies.empty : Cookies.fromSetCookie(Array.isArray(header) ? header : [header])
    return this.cachedCookies
  }

  private decodeError(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /** Reads the body once; later reads get the same result. */
  private read<A>(read: (body: Undici.Dispatcher.ResponseData["body"]) => Promise<A>) {
    return interruptible(
      () => read(this.source.body),
      (cause) => this.decodeError(cause),
      () => this.source.body.destroy()
    ).pipe(Effect.cached, Effect.runSync)
  }

  private textBody?: Effect.Effect<string, HttpClientError.ResponseError>
  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    this.textBody ??= this.read((body) => body.text())
    return this.textBody
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => (text === "" ? null : JSON.parse(text)), catch: (cause) => this.decodeError(cause) })
    )
  }

  private arrayBufferBody?: Effect.Effect<ArrayBuffer, HttpClientError.ResponseError>
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    this.arrayBufferBody ??= this.read((body) => body.arrayBuffer())
    return this.arrayBufferBody
  }

  private formDataBody?: Effect.Effect<FormData, HttpClientError.ResponseError>
  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    this.formDataBody ??= this.read((body) => body.formData() as Promise<FormData>)
    return this.formDataBody
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return NodeStream.fromReadable(
      () => this.source.body,
      (cause) => this.decodeError(cause)
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

/**
 * The client over a given undici dispatcher (an `Agent`, a `Pool`, a `MockAgent`).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient =>
  HttpClient.makeWith<HttpClientError.HttpClientError, never, HttpClientError.HttpClientError, never>(
    (request) => Effect.flatMap(request, send(dispatcher)),
    Effect.succeed
  )

/**
 * The client over its own undici `Agent`, destroyed with the layer.
 *
 * @since 0.1.0
 * @category Layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Undici.Agent()),
      (agent) => Effect.promise(() => agent.destroy())
    ),
    make
  )
)
