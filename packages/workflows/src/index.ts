/**
 * @since 0.1.0
 */

/**
 * Component status: set many components' statuses by name or id, one write per component that differs.
 *
 * @since 0.1.0
 */
export * as ComponentStatus from "./ComponentStatus.js"

/**
 * Incident by key: ensure, resolve and find the one open incident for a caller's stable key.
 *
 * @since 0.1.0
 */
export * as IncidentByKey from "./IncidentByKey.js"
/**
 * The errors of every job: a failed request (with what was written before it) or bad input (nothing written).
 *
 * @since 0.1.0
 */
export * as JobError from "./JobError.js"
/**
 * What a job did, as a value every job's result extends, and its text form.
 *
 * @since 0.1.0
 */
export * as JobSummary from "./JobSummary.js"
/**
 * Maintenance windows by name: schedule, start, complete, extend, cancel; idempotent.
 *
 * @since 0.1.0
 */
export * as MaintenanceWindow from "./MaintenanceWindow.js"
/**
 * Metric backfill: points from an array, a CSV file or a Stream, in as few bulk requests as allowed, resumable.
 *
 * @since 0.1.0
 */
export * as MetricBackfill from "./MetricBackfill.js"
