/** Reading a 2xx answer: parse the body as JSON and decode it with the endpoint's schema. */
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import { type RequestError, ServerError } from "../StatusPageError.js"
import { excerpt } from "./errorBody.js"
import { base, errorFromHttpClient, firstIssue, type RequestInfo, scrubTexts } from "./errorMapping.js"
import type { Scrub } from "./scrub.js"

const decodeFailure = (
  info: RequestInfo,
  status: number,
  text: string,
  scrub: Scrub,
  problem: string,
  path?: string
): ServerError =>
  new ServerError(
    scrubTexts(scrub, {
      ...base(info, `${info.method} ${info.urlTemplate} answered ${status} with a body that ${problem}`),
      httpStatus: status,
      reason: "Decode" as const,
      ...(path === undefined ? {} : { path }),
      // scrubbed before it is cut, so that a cut cannot leave a prefix of a secret
      excerpt: excerpt(scrub(text))
    })
  )

/** Parses a 2xx body as JSON; a body that is not JSON is a `ServerError`. */
export const parseJson = (
  info: RequestInfo,
  status: number,
  text: string,
  scrub: Scrub
): Either.Either<unknown, ServerError> => {
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(decodeFailure(info, status, text, scrub, "is not JSON"))
  }
}

/** Parses and decodes a 2xx body; a mismatch is a `ServerError` naming the field that drifted. */
export const decodeJson = <A>(
  info: RequestInfo,
  status: number,
  text: string,
  scrub: Scrub,
  decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>
): Either.Either<A, ServerError> =>
  Either.flatMap(parseJson(info, status, text, scrub), (json) =>
    Either.mapLeft(decode(json), (error) => {
      const issue = firstIssue(error, scrub)
      return decodeFailure(
        info,
        status,
        text,
        scrub,
        `does not match the schema at ${issue.path || "the top level"}: ${issue.message}`,
        issue.path
      )
    })
  )

/** Reads a response body; a failure while reading is a transport failure. */
export const readText = (
  info: RequestInfo,
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<string, RequestError | ServerError> =>
  Effect.mapError(response.text, (error) => errorFromHttpClient(info, error))

/** What to do with a 2xx answer: read it, parse it, decode it. */
export const decodeResponse =
  <A>(info: RequestInfo, decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>) =>
  (response: HttpClientResponse.HttpClientResponse, scrub: Scrub): Effect.Effect<A, RequestError | ServerError> =>
    Effect.flatMap(readText(info, response), (text) => decodeJson(info, response.status, text, scrub, decode))
