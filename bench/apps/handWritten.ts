/** The same app written by hand with `HttpClient` and `Schema`: no library, the model declared inline. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

const Component = Schema.Struct({
  id: Schema.String,
  page_id: Schema.String,
  group_id: Schema.NullOr(Schema.String),
  created_at: Schema.String,
  updated_at: Schema.String,
  group: Schema.Boolean,
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  position: Schema.Number,
  status: Schema.Literal(
    "operational",
    "under_maintenance",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    ""
  ),
  showcase: Schema.Boolean,
  only_show_if_degraded: optional(Schema.Boolean),
  automation_email: optional(Schema.NullOr(Schema.String)),
  start_date: optional(Schema.NullOr(Schema.String)),
  components: optional(Schema.Array(Schema.String))
})

const env = (name: string) => process.env[name] ?? ""

const program = Effect.gen(function* () {
  const client = (yield* HttpClient.HttpClient).pipe(HttpClient.filterStatusOk)
  const response = yield* client.get(`${env("STATUSPAGE_BASE_URL")}/pages/${env("STATUSPAGE_PAGE_ID")}/components`, {
    headers: { authorization: `OAuth ${env("STATUSPAGE_API_KEY")}`, accept: "application/json" },
    urlParams: { per_page: 100 }
  })
  const components = yield* HttpClientResponse.schemaBodyJson(Schema.Array(Component))(response)
  return components.length
})

Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer))).then((n) => console.log(n))
