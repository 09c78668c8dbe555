/**
 * The status embed config: one row per page, made on first use with the fake's own defaults (the spec states
 * none). PATCH and PUT both change only the fields given.
 */

import type * as StatusEmbedConfigGroup from "@effect-statuspage/core/StatusEmbedConfig"
import type { StatusEmbedConfig, StatusEmbedConfigUpdate } from "@effect-statuspage/core/StatusEmbedConfig"
import * as Effect from "effect/Effect"
import type { FakeRequest, GroupHandlers } from "./handler.js"
import type { Store } from "./store.js"

const configs = (store: Store) => store.table<StatusEmbedConfig>("statusEmbedConfig")

const current = (store: Store, pageId: string): StatusEmbedConfig =>
  configs(store).get(pageId) ?? {
    page_id: pageId,
    position: "bottom-left",
    incident_background_color: "#FFFFFF",
    incident_text_color: "#000000",
    maintenance_background_color: "#FFFFFF",
    maintenance_text_color: "#000000"
  }

const change = ({ store, params, input }: FakeRequest<StatusEmbedConfigUpdate>) => {
  const next = { ...current(store, params.page_id!), ...input }
  configs(store).set(next.page_id, next)
  return Effect.succeed(next)
}

export const statusEmbedConfig: GroupHandlers<typeof StatusEmbedConfigGroup> = {
  get: ({ store, params }) => Effect.succeed(current(store, params.page_id!)),
  update: change,
  replace: change
}
