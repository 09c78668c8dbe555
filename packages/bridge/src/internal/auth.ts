import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Redacted from "effect/Redacted"
import type { Credentials } from "../BridgeConfig.js"

const encoder = new TextEncoder()

/** Compares in time that depends only on the longer input's length, never on where the first difference is. */
export const constantTimeEqual = (a: string, b: string): boolean => {
  const x = encoder.encode(a)
  const y = encoder.encode(b)
  let diff = x.length ^ y.length
  const length = Math.max(x.length, y.length)
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

/**
 * Whether an `Authorization` header carries one of the credentials (bearer token or basic auth, as Alertmanager's
 * `http_config` sends them). No credentials configured: every request passes.
 */
export const authorized = (credentials: Credentials, header: string | undefined): boolean => {
  if (credentials.bearer === undefined && credentials.basic === undefined) return true
  if (header === undefined) return false
  const space = header.indexOf(" ")
  const scheme = header.slice(0, space).toLowerCase()
  const value = header.slice(space + 1).trim()
  if (scheme === "bearer" && credentials.bearer !== undefined) {
    return constantTimeEqual(value, Redacted.value(credentials.bearer))
  }
  if (scheme === "basic" && credentials.basic !== undefined) {
    const decoded = Encoding.decodeBase64String(value)
    if (Either.isLeft(decoded)) return false
    const colon = decoded.right.indexOf(":")
    if (colon === -1) return false
    // Both halves are compared whatever the first one gave, so timing says nothing about which was wrong.
    const user = constantTimeEqual(decoded.right.slice(0, colon), credentials.basic.username)
    const password = constantTimeEqual(decoded.right.slice(colon + 1), Redacted.value(credentials.basic.password))
    return user && password
  }
  return false
}
