/**
 * Real payloads captured by other projects (`shared/peer-fixtures/`, beside the repository: never copied into it)
 * decode through the matching action, the public client or the webhook decoder. The folder's `manifest.json` names
 * each file's target; `SOURCES.md` says where each came from. Skipped, saying so, when the folder is not there.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import { StatusPageClient, StatusPagePublic, StatusPageWebhook } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { decoder } from "../packages/core/src/internal/fastDecode.js"
import { configLayer } from "./support/fixtures.js"

/** The nearest `shared/peer-fixtures` above the repository (the main checkout and worktrees sit at different depths). */
const folder = ((): string | undefined => {
  const fromEnv = process.env.STATUSPAGE_PEER_FIXTURES
  if (fromEnv !== undefined) return fromEnv
  let dir = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..")
  while (true) {
    const candidate = Path.join(dir, "..", "shared", "peer-fixtures")
    if (Fs.existsSync(Path.join(candidate, "manifest.json"))) return candidate
    const parent = Path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
})()

if (folder === undefined) {
  console.warn("PeerFixtures tests SKIPPED: no shared/peer-fixtures/manifest.json above the repository")
}

/** Judged not real in SOURCES.md (assembled or hand-edited documentation examples): they must keep failing. */
const notReal = new Set(["carsonkey-summary-none.json", "noracami-incident-doc-example.json"])

/** An `HttpClient` that answers every request with `status` and `text`. */
const answering = (status: number, text: string) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.succeed(
        HttpClientResponse.fromWeb(
          request,
          new Response(text, { status, headers: { "content-type": "application/json" } })
        )
      )
    )
  )

const publicSchemas: Record<string, Schema.Schema<any, any>> = {
  summary: StatusPagePublic.Summary,
  status: StatusPagePublic.StatusResponse,
  components: StatusPagePublic.ComponentsResponse,
  incidents: StatusPagePublic.IncidentsResponse,
  unresolvedIncidents: StatusPagePublic.IncidentsResponse,
  scheduledMaintenances: StatusPagePublic.MaintenancesResponse,
  upcomingMaintenances: StatusPagePublic.MaintenancesResponse,
  activeMaintenances: StatusPagePublic.MaintenancesResponse
}

const actionsByName = new Map(StatusPageClient.actions().map(([, , action]) => [action.endpoint.name, action] as const))

/** Decodes `text` the way the client would for `target`; the schema, when there is one, for the fast-path check. */
const decodeAs = (
  target: string,
  text: string
): { readonly run: Effect.Effect<unknown, unknown>; readonly schema: Schema.Schema<any, any> | undefined } => {
  if (target === "webhook") {
    return { run: StatusPageWebhook.decodeJson(text), schema: undefined }
  }
  if (target.startsWith("public:")) {
    const name = target.slice("public:".length) as keyof StatusPagePublic.Client
    const run = Effect.flatMap(StatusPagePublic.make({ baseUrl: "https://status.example.com" }), (client) =>
      (client[name] as () => Effect.Effect<unknown, unknown, HttpClient.HttpClient>)()
    ).pipe(Effect.provide(answering(200, text)))
    return { run, schema: publicSchemas[name] }
  }
  const action = actionsByName.get(target)
  if (action === undefined) throw new Error(`manifest names an unknown action: ${target}`)
  const { endpoint } = action
  const ids = endpoint.idParams.map((_, i) => `id${i}`)
  const args = endpoint.query !== undefined || endpoint.body !== undefined ? [...ids, {}] : ids
  const run = action(...args).pipe(
    Effect.provide(Layer.merge(answering(endpoint.successStatus, text), configLayer()))
  ) as Effect.Effect<unknown, unknown>
  return { run, schema: endpoint.success }
}

describe.skipIf(folder === undefined)("peer fixtures: real payloads decode", () => {
  const manifest: Record<string, string> =
    folder === undefined ? {} : JSON.parse(Fs.readFileSync(Path.join(folder, "manifest.json"), "utf8"))

  it("the manifest lists every payload in the folder", () => {
    const files = Fs.readdirSync(folder!).filter(
      (f) => f.endsWith(".json") && f !== "manifest.json" && f !== "sources.json"
    )
    assert.deepStrictEqual(Object.keys(manifest).sort(), files.sort())
  })

  for (const [file, target] of Object.entries(manifest)) {
    const real = !notReal.has(file)
    it.effect(`${file} (${target}) ${real ? "decodes" : "is not real and does not decode"}`, () =>
      Effect.gen(function* () {
        const text = Fs.readFileSync(Path.join(folder!, file), "utf8")
        const { run, schema } = decodeAs(target, text)
        const exit = yield* Effect.either(run)
        if (real) {
          assert.isTrue(Either.isRight(exit), `${file}: ${Either.isLeft(exit) ? String(exit.left) : ""}`)
        } else {
          assert.isTrue(Either.isLeft(exit), `${file} is marked not real in SOURCES.md but decoded`)
        }
        // The compiled decoder and Schema's own agree on the payload, value or failure.
        if (schema !== undefined) {
          const json = JSON.parse(text)
          const fast = decoder(schema)(json)
          const general = Schema.decodeUnknownEither(schema)(json)
          assert.strictEqual(fast._tag, general._tag)
          if (Either.isRight(fast) && Either.isRight(general)) assert.deepStrictEqual(fast.right, general.right)
        }
      })
    )
  }
})
