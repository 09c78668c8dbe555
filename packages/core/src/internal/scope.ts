/**
 * The placeholders the config fills (`page_id`, `organization_id`): their value, or the `ConfigurationError` naming
 * the setting. Checked when a request needs one, never when the config is built, so that a config without a page id
 * serves `Pages.list` and organization actions, and one without an organization id serves page actions.
 */
import * as Either from "effect/Either"
import type * as Option from "effect/Option"
import { ConfigurationError } from "../StatusPageError.js"
import type { ScopeParam } from "./path.js"

const scopes = {
  page_id: {
    setting: "pageId (STATUSPAGE_PAGE_ID)",
    noun: "page id",
    kind: "acts on a page",
    or: " (or pass { pageId } to the call)"
  },
  organization_id: {
    setting: "organizationId (STATUSPAGE_ORGANIZATION_ID)",
    noun: "organization id",
    kind: "is an organization action",
    or: ""
  }
} as const

/** The config's value for `param`, or the error that says what to set (naming `action` when there is one). */
export const scopeValue = (
  // the config's two ids (not `StatusPageConfig.Service`, so that this module, which the config imports, imports
  // nothing back)
  config: { readonly pageId: Option.Option<string>; readonly organizationId: Option.Option<string> },
  param: ScopeParam,
  action?: string
): Either.Either<string, ConfigurationError> => {
  const value = param === "page_id" ? config.pageId : config.organizationId
  if (value._tag === "Some") return Either.right(value.value)
  const { setting, noun, kind, or } = scopes[param]
  const message =
    action === undefined
      ? `no ${noun} is set: set ${setting}`
      : `${action} ${kind} and no ${noun} is set: set ${setting}${or}`
  return Either.left(new ConfigurationError({ reason: "Missing", setting, message }))
}
