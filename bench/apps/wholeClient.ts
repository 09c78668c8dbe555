/** The same app through the facade, which imports every resource group. */

import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { StatusPageClient, StatusPageConfig } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const program = Effect.flatMap(StatusPageClient.make, (client) =>
  Effect.map(client.components.list({ per_page: 100 }), (components) => components.length)
)

Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(StatusPageConfig.layerFromEnv(), FetchHttpClient.layer)))
).then((n) => console.log(n))
