import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Components, StatusPageConfig } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// A fake HttpClient: it records every request and answers with `answer`, without any network.
export const recordingHttpClient = (answer: (request: HttpClientRequest.HttpClientRequest) => Response) => {
  const sent: Array<HttpClientRequest.HttpClientRequest> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) => {
      sent.push(request)
      return Effect.succeed(HttpClientResponse.fromWeb(request, answer(request)))
    })
  )
  return { sent, layer }
}

// The code under test.
const addApiComponent = Components.create({ name: "API", status: "operational" })

export const fakeHttpExample = Effect.gen(function* () {
  const fake = recordingHttpClient(() =>
    Response.json(
      {
        id: "cmp1",
        page_id: "page1",
        group_id: null,
        created_at: "2024-05-14T20:22:39Z",
        updated_at: "2024-05-14T20:22:39Z",
        group: false,
        name: "API",
        description: null,
        position: 1,
        status: "operational",
        showcase: true
      },
      { status: 201 }
    )
  )
  const config = StatusPageConfig.layer({ apiKey: "test-key", pageId: "page1", organizationId: "org1" })
  const component = yield* addApiComponent.pipe(Effect.provide(Layer.merge(fake.layer, config)))
  // fake.sent[0]: POST https://api.statuspage.io/v1/pages/page1/components, body {"component":{"name":"API",...}}
  return { component, request: fake.sent[0]! }
})
