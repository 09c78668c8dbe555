import * as Schema from "effect/Schema"

/**
 * The status embed: the small iframe a site shows while an incident or maintenance is on. `position` is a corner of
 * the page (the spec gives no list of values).
 */
const settings = {
  position: Schema.String,
  incident_background_color: Schema.String,
  incident_text_color: Schema.String,
  maintenance_background_color: Schema.String,
  maintenance_text_color: Schema.String
}

/** Unset colours may come back as `null`. */
const Setting = Schema.NullOr(Schema.String)

export const StatusEmbedConfig = Schema.Struct({
  page_id: Schema.String,
  position: Setting,
  incident_background_color: Setting,
  incident_text_color: Setting,
  maintenance_background_color: Setting,
  maintenance_text_color: Setting
}).annotations({ identifier: "StatusEmbedConfig" })
export type StatusEmbedConfig = typeof StatusEmbedConfig.Type

/** The writable settings, each optional: PATCH and PUT both change only the fields given. */
export const StatusEmbedConfigUpdate = Schema.partialWith(Schema.Struct(settings), { exact: true }).annotations({
  identifier: "StatusEmbedConfigUpdate"
})
export type StatusEmbedConfigUpdate = typeof StatusEmbedConfigUpdate.Type
