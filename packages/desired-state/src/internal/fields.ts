/** The fields of each kind that plan compares and export writes, taken from the schemas so the lists cannot drift. */
import { Pages, StatusEmbedConfig } from "@effect-statuspage/core"
import { ComponentSpec, MetricSpec, TemplateSpec } from "../DesiredStateFile.js"

const keys = <F extends object>(fields: F) => Object.keys(fields) as Array<keyof F & string>

/** A component's managed fields (`renamed_from` and `position` are handled apart). */
export const componentFields = keys(ComponentSpec.fields).filter((f) => f !== "renamed_from" && f !== "position")

/** A template's fields besides its name and components. */
export const templateFields = keys(TemplateSpec.fields).filter((f) => f !== "name" && f !== "components")

/** What a metric is created with. */
export const metricFields = keys(MetricSpec.fields)

/** The page settings the API can change. */
export const pageFields = keys(Pages.PageUpdate.fields)

/** The status embed config's settings. */
export const embedFields = keys(StatusEmbedConfig.StatusEmbedConfig.fields).filter((f) => f !== "page_id")
