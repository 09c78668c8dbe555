import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as StatusPageFakeServer from "@effect-statuspage/testing/StatusPageFakeServer"
import * as StatusPageTest from "@effect-statuspage/testing/StatusPageTest"
import * as Effect from "effect/Effect"
import { listenError } from "../errors.js"
import { describe } from "../help.js"
import * as Output from "../output.js"

const options = {
  port: Options.integer("port").pipe(
    Options.withDescription("The port to listen on (0: a free one)."),
    Options.withDefault(4010)
  ),
  host: Options.text("host").pipe(
    Options.withDescription("The address to listen on."),
    Options.withDefault("127.0.0.1")
  ),
  seed: Options.text("seed").pipe(
    Options.withDescription("Seed of the ids: the same seed gives the same page, organization and ids."),
    Options.withDefault("demo")
  ),
  rateLimit: Options.boolean("rate-limit").pipe(
    Options.withDescription("Enforce Statuspage's real limit (60 requests per rolling 60 s, then 420).")
  ),
  json: Output.json
}

export const command = Command.make("fake", options, (args) =>
  Effect.gen(function* () {
    const fake = yield* StatusPageTest.FakeStatusPage
    const baseUrl = yield* StatusPageFakeServer.baseUrl
    const settings = {
      STATUSPAGE_BASE_URL: baseUrl,
      STATUSPAGE_API_KEY: fake.apiKey,
      STATUSPAGE_PAGE_ID: fake.pageId,
      STATUSPAGE_ORGANIZATION_ID: fake.organizationId
    }
    yield* Output.emit(
      {
        json: { baseUrl, apiKey: fake.apiKey, pageId: fake.pageId, organizationId: fake.organizationId },
        text: [
          `fake Statuspage listening on ${baseUrl} (Ctrl-C stops it; its state lives in memory only)`,
          "",
          ...Object.entries(settings).map(([name, value]) => `export ${name}=${value}`)
        ].join("\n")
      },
      args.json
    )
    return yield* Effect.never
  }).pipe(
    Effect.provide(
      StatusPageFakeServer.layer({
        port: args.port,
        host: args.host,
        seed: args.seed,
        ...(args.rateLimit ? { rateLimit: StatusPageTest.realRateLimit } : {})
      })
    ),
    Effect.catchTag("ServeError", (error) => Effect.fail(listenError(args.host, args.port)(error)))
  )
).pipe(
  Command.withDescription(
    describe(
      "Serve a fake Statuspage (in memory, same API and errors) to try commands and scripts without touching a real page.",
      "statuspage fake --port 4010 --seed demo",
      "statuspage fake --port 0 --json   # a free port; prints the base URL, key and ids as one JSON document"
    )
  )
)
