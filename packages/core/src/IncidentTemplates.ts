/**
 * Incident templates: canned names and messages for new incidents. The API only lists and creates them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import { enveloped } from "./internal/schema/common.js"
import { IncidentTemplate, IncidentTemplateCreate } from "./internal/schema/incidentTemplate.js"
import { PageQuery } from "./internal/schema/paging.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentTemplate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentTemplateCreate
} from "./internal/schema/incidentTemplate.js"

/**
 * `GET /pages/{page_id}/incident_templates`: one page of templates.
 *
 * @since 0.1.0
 * @category Actions
 */
export const list = Endpoint.make({
  name: "incidentTemplates.list",
  method: "GET",
  path: "/pages/{page_id}/incident_templates",
  query: Schema.Struct(PageQuery),
  success: Schema.Array(IncidentTemplate),
  paging: "page"
})

/**
 * `POST /pages/{page_id}/incident_templates`: creates a template (`name`, `title` and `body` required).
 *
 * @since 0.1.0
 * @category Actions
 */
export const create = Endpoint.make({
  name: "incidentTemplates.create",
  method: "POST",
  path: "/pages/{page_id}/incident_templates",
  body: enveloped("template", IncidentTemplateCreate),
  success: IncidentTemplate
})
