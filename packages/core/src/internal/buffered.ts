/** A response whose body has been read into memory, so that a timeout and a size limit could cover the read. */
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Stream from "effect/Stream"

const decoder = new TextDecoder()

/**
 * The status, headers and request come from the original, every body accessor from the bytes, and the text is
 * decoded at most once.
 */
export class Buffered implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private decoded: string | undefined
  constructor(
    readonly original: HttpClientResponse.HttpClientResponse,
    readonly bytes: Uint8Array
  ) {}
  get request() {
    return this.original.request
  }
  get status() {
    return this.original.status
  }
  get headers() {
    return this.original.headers
  }
  get cookies() {
    return this.original.cookies
  }
  get remoteAddress() {
    return this.original.remoteAddress
  }
  private decode(): string {
    if (this.decoded === undefined) this.decoded = decoder.decode(this.bytes)
    return this.decoded
  }
  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.sync(() => this.decode())
  }
  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.try({
      try: () => {
        const text = this.decode()
        return text === "" ? null : (JSON.parse(text) as unknown)
      },
      catch: (cause) => this.decodeError(cause)
    })
  }
  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.sync(() => UrlParams.fromInput(new URLSearchParams(this.decode())))
  }
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.sync(
      () => this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer
    )
  }
  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    const headers = this.headers as Record<string, string>
    return Effect.tryPromise({
      try: () => new Response(this.bytes as Uint8Array<ArrayBuffer>, { headers }).formData(),
      catch: (cause) => this.decodeError(cause)
    })
  }
  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return this.bytes.byteLength === 0 ? Stream.empty : Stream.succeed(this.bytes)
  }
  private decodeError(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }
  toJSON() {
    return this.original.toJSON()
  }
  toString() {
    return this.original.toString()
  }
  [Inspectable.NodeInspectSymbol]() {
    return this.original.toJSON()
  }
}
