/**
 * The one registry of the fake's handlers: a group's handlers live in `internal/fake/<group>.ts` and are added here
 * under the group's facade name. A test fails when a declared endpoint has none.
 */
import type { Groups } from "../../StatusPageClient.js"
import { components } from "./components.js"
import type { GroupHandlers } from "./handler.js"

export const handlers: { readonly [G in keyof Groups]?: GroupHandlers<Groups[G]> } = {
  components
}
