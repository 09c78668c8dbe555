/**
 * Lenient reading of whatever an error response carries: Statuspage's `{"error": "..."}`, lists of messages,
 * `{"message": ...}`, `{"errors": {...}}` maps, HTML pages, or nothing at all.
 */
import type { ErrorDetail } from "../StatusPageError.js"

const EXCERPT_LENGTH = 200

/** The first characters of a body, on one line. */
export const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat
}

const str = (u: unknown): string | undefined =>
  typeof u === "string" ? u : typeof u === "number" || typeof u === "boolean" ? String(u) : undefined

const detailFromObject = (o: Record<string, unknown>, field?: string): ErrorDetail | undefined => {
  // basecrm-style items nest the detail under `error`
  const inner = typeof o.error === "object" && o.error !== null ? (o.error as Record<string, unknown>) : o
  const message = str(inner.message) ?? str(inner.error) ?? str(inner.details)
  if (message === undefined) return undefined
  const detail: { -readonly [K in keyof ErrorDetail]: ErrorDetail[K] } = { message }
  const code = str(inner.code)
  const details = str(inner.details)
  const resource = str(inner.resource)
  const fieldName = str(inner.field) ?? field
  if (code !== undefined) detail.code = code
  if (details !== undefined && details !== message) detail.details = details
  if (resource !== undefined) detail.resource = resource
  if (fieldName !== undefined) detail.field = fieldName
  return detail
}

const detailsFrom = (value: unknown, field?: string): Array<ErrorDetail> => {
  const s = str(value)
  if (s !== undefined) return s === "" ? [] : [field === undefined ? { message: s } : { message: s, field }]
  if (Array.isArray(value)) return value.flatMap((item) => detailsFrom(item, field))
  if (typeof value === "object" && value !== null) {
    const detail = detailFromObject(value as Record<string, unknown>, field)
    if (detail !== undefined) return [detail]
    // a map of field name -> message(s), as in {"errors": {"name": ["can't be blank"]}}
    return Object.entries(value).flatMap(([key, v]) => detailsFrom(v, field === undefined ? key : `${field}.${key}`))
  }
  return []
}

const fromJson = (json: unknown): Array<ErrorDetail> => {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return detailsFrom(json)
  const o = json as Record<string, unknown>
  const out: Array<ErrorDetail> = []
  if (o.error !== undefined) out.push(...detailsFrom(o.error))
  if (o.errors !== undefined) out.push(...detailsFrom(o.errors))
  if (out.length === 0 && o.message !== undefined) out.push(...detailsFrom(o.message))
  return out
}

const looksLikeHtml = (text: string) => /^\s*</.test(text)

/** The details of an error body; never throws. */
export const parseErrorBody = (text: string): Array<ErrorDetail> => {
  if (text.trim() === "") return []
  try {
    return fromJson(JSON.parse(text))
  } catch {
    if (looksLikeHtml(text)) {
      const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1]
      return title !== undefined && title.trim() !== "" ? [{ message: excerpt(title) }] : []
    }
    return [{ message: excerpt(text) }]
  }
}

/** `meta.logref` from a JSON error body, if there is one. */
export const logrefFromBody = (text: string): string | undefined => {
  if (!text.includes("logref")) return undefined
  try {
    const json = JSON.parse(text)
    return str(json?.meta?.logref)
  } catch {
    return undefined
  }
}

/**
 * `Retry-After` in milliseconds from `now`: either delay-seconds or an HTTP date. Negative or unreadable values give
 * `undefined`.
 */
export const parseRetryAfter = (header: string | undefined, now: number): number | undefined => {
  if (header === undefined) return undefined
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
