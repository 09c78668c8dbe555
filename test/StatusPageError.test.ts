import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import { StatusPageError } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Equal from "effect/Equal"

const fields = { message: "m", method: "GET", urlTemplate: "/pages/{page_id}", errors: [] }
const ours = [
  new StatusPageError.RequestError({ ...fields, reason: "Transport" }),
  new StatusPageError.ResourceError({ ...fields, reason: "NotFound" }),
  new StatusPageError.ServerError({ ...fields, reason: "Status" }),
  new StatusPageError.RateLimitError({ ...fields, reason: "RateLimited" }),
  new StatusPageError.ConfigurationError({ message: "m", setting: "pageId (STATUSPAGE_PAGE_ID)", reason: "Missing" })
] as const
const request = HttpClientRequest.get("https://api.statuspage.io/v1/pages")
const platformRequestError = new HttpClientError.RequestError({ request, reason: "Transport" })
const platformResponseError = new HttpClientError.ResponseError({
  request,
  response: undefined as never,
  reason: "StatusCode"
})

describe("StatusPageError guards", () => {
  it("tell the five errors from @effect/platform's RequestError and ResponseError, whatever their _tag", () => {
    assert.strictEqual(platformRequestError._tag, ours[0]._tag) // the clash the guards exist for
    for (const error of ours) assert.isTrue(StatusPageError.isStatusPageError(error), error._tag)
    for (const other of [platformRequestError, platformResponseError, { _tag: "RequestError" }, null, "RequestError"]) {
      assert.isFalse(StatusPageError.isStatusPageError(other))
      assert.isFalse(StatusPageError.isRequestError(other))
      assert.isFalse(StatusPageError.isHttpError(other))
    }
  })

  it("one guard per tag, and isHttpError for all but ConfigurationError", () => {
    const guards = [
      StatusPageError.isRequestError,
      StatusPageError.isResourceError,
      StatusPageError.isServerError,
      StatusPageError.isRateLimitError,
      StatusPageError.isConfigurationError
    ]
    assert.deepStrictEqual(
      guards.map((guard) => ours.map((error) => guard(error))),
      ours.map((_, i) => ours.map((_, j) => i === j))
    )
    assert.deepStrictEqual(
      ours.map((error) => StatusPageError.isHttpError(error)),
      [true, true, true, true, false]
    )
  })

  it.effect("sorts a failure that may be either library's RequestError", () =>
    Effect.gen(function* () {
      const failures: ReadonlyArray<StatusPageError.StatusPageError | HttpClientError.HttpClientError> = [
        ours[0],
        platformRequestError
      ]
      const sorted = yield* Effect.forEach(failures, (failure) =>
        Effect.fail(failure).pipe(
          Effect.catchIf(StatusPageError.isStatusPageError, (error) => Effect.succeed(`ours ${error._tag}`)),
          Effect.either
        )
      )
      assert.deepStrictEqual(sorted, [Either.right("ours RequestError"), Either.left(platformRequestError)])
    })
  )

  it("the guard's mark is not an own field: it changes neither equality nor the JSON", () => {
    const a = new StatusPageError.ConfigurationError({ message: "m", setting: "s", reason: "Missing" })
    assert.isFalse(Object.getOwnPropertySymbols(a).includes(StatusPageError.TypeId))
    assert.isTrue(
      Equal.equals(a, new StatusPageError.ConfigurationError({ message: "m", setting: "s", reason: "Missing" }))
    )
    assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), {
      _tag: "ConfigurationError",
      message: "m",
      setting: "s",
      reason: "Missing"
    })
  })
})
