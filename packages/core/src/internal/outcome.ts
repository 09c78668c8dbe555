/** Whether a failed request may have reached the server, and so whether it may be repeated. */
import { isNotSent } from "./policyContract.js"

/** POST and PATCH may have taken effect when they fail; they are never repeated, and their failures say so. */
export const isIdempotent = (method: string): boolean => method === "GET" || method === "PUT" || method === "DELETE"

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"])

/**
 * True when the cause chain shows the request never left: the connection was never made, or a policy gave up on it
 * before sending (`NotSent`). The server cannot have seen it.
 */
export const neverSent = (cause: unknown): boolean => {
  for (let c: any = cause, depth = 0; c != null && depth < 8; c = c.cause, depth++) {
    if (isNotSent(c) || (typeof c.code === "string" && NOT_SENT_CODES.has(c.code))) return true
  }
  return false
}
