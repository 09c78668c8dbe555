/**
 * Pages: read the account's pages and this page's embed widget settings (read-only, so safe on a real page).
 */
import { Pages, StatusEmbedConfig } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const pagesExample = Effect.gen(function* () {
  const pages = yield* Pages.list()
  yield* step(`the key reaches ${pages.length} page(s): ${pages.map((p) => p.name).join(", ")}`)
  const page = yield* Pages.get()
  yield* step(`${page.name}: ${page.subdomain}.statuspage.io, time zone ${page.time_zone}`)
  const embed = yield* StatusEmbedConfig.get()
  yield* step(`status embed widget at ${embed.position ?? "(default position)"}`)
})
