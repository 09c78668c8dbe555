/**
 * The status embed config: how the embeddable status widget looks.
 *
 * @since 0.1.0
 */
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { StatusEmbedConfig, StatusEmbedConfigUpdate } from "./internal/schema/statusEmbedConfig.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  StatusEmbedConfig,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  StatusEmbedConfigUpdate
} from "./internal/schema/statusEmbedConfig.js"

/**
 * `GET /pages/{page_id}/status_embed_config`: the page's status embed settings.
 *
 * @since 0.1.0
 * @category Actions
 */
export const get = Endpoint.make({
  name: "statusEmbedConfig.get",
  method: "GET",
  path: "/pages/{page_id}/status_embed_config",
  success: StatusEmbedConfig
})

/**
 * `PATCH /pages/{page_id}/status_embed_config`: changes the given settings.
 *
 * @since 0.1.0
 * @category Actions
 */
export const update = Endpoint.make({
  name: "statusEmbedConfig.update",
  method: "PATCH",
  path: "/pages/{page_id}/status_embed_config",
  body: enveloped("status_embed_config", StatusEmbedConfigUpdate),
  success: StatusEmbedConfig
})

/**
 * `PUT /pages/{page_id}/status_embed_config`: changes the given settings (PUT is partial too).
 *
 * @since 0.1.0
 * @category Actions
 */
export const replace = Endpoint.make({
  name: "statusEmbedConfig.replace",
  method: "PUT",
  path: "/pages/{page_id}/status_embed_config",
  body: enveloped("status_embed_config", StatusEmbedConfigUpdate),
  success: StatusEmbedConfig
})
