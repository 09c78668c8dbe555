/**
 * @since 0.1.0
 */

/**
 * The fake Statuspage served over HTTP on loopback (Node), for examples, other processes and other languages.
 *
 * @since 0.1.0
 */
export * as StatusPageFakeServer from "./StatusPageFakeServer.js"
/**
 * A fake Statuspage: in-memory, stateful, with knobs for tests; in-process or behind any `HttpServer`.
 *
 * @since 0.1.0
 */
export * as StatusPageTest from "./StatusPageTest.js"
