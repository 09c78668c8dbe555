/**
 * @since 0.1.0
 */

/**
 * The fake Statuspage served over HTTP on loopback.
 *
 * @since 0.1.0
 */
export * as StatusPageFakeServer from "./StatusPageFakeServer.js"
