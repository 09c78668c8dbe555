/**
 * @since 0.1.0
 */

/**
 * Applying a plan: dependency order, exactly the plan's writes, progress with an ETA, the prune guard.
 *
 * @since 0.1.0
 */
export * as DesiredStateApply from "./DesiredStateApply.js"

/**
 * The errors of desired state.
 *
 * @since 0.1.0
 */
export * as DesiredStateError from "./DesiredStateError.js"

/**
 * Export a page as a file, and import a file into another page.
 *
 * @since 0.1.0
 */
export * as DesiredStateExport from "./DesiredStateExport.js"

/**
 * The file: schema, parsing with line-precise errors, printing, JSON Schema.
 *
 * @since 0.1.0
 */
export * as DesiredStateFile from "./DesiredStateFile.js"

/**
 * The plan: read the page, diff against the file, print or serialise.
 *
 * @since 0.1.0
 */
export * as DesiredStatePlan from "./DesiredStatePlan.js"

/**
 * Subscribers in their own file (JSON Lines), streamed page by page: export and import.
 *
 * @since 0.1.0
 */
export * as DesiredStateSubscribers from "./DesiredStateSubscribers.js"
