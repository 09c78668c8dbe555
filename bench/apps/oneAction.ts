/** A minimal app that imports one action: lists the components and prints how many came back. */

import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Components from "@effect-statuspage/core/Components"
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const program = Effect.map(Components.list({ per_page: 100 }), (components) => components.length)

Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(StatusPageConfig.layerFromEnv(), FetchHttpClient.layer)))
).then((n) => console.log(n))
