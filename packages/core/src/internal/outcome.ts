/** Whether a failed request may have reached the server, and so whether it may be repeated. */

/** POST and PATCH may have taken effect when they fail; they are never repeated, and their failures say so. */
export const isIdempotent = (method: string): boolean => method === "GET" || method === "PUT" || method === "DELETE"

/** The code of a cause that says a request was never sent: it was still waiting in the rate limiter's line. */
export const QUEUED_CODE = "ERR_STATUSPAGE_QUEUED"

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", QUEUED_CODE])

/** True when the cause chain shows the connection was never made, so the server cannot have seen the request. */
export const neverSent = (cause: unknown): boolean => {
  for (let c: any = cause, depth = 0; c != null && depth < 8; c = c.cause, depth++) {
    if (typeof c.code === "string" && NOT_SENT_CODES.has(c.code)) return true
  }
  return false
}
