/**
 * Lenient reading of whatever an error response carries: Statuspage's `{"error": "..."}`, lists of messages,
 * `{"message": ...}`, `{"errors": {...}}` maps, HTML pages, or nothing at all.
 */
import type { ErrorDetail } from "../StatusPageError.js"

const EXCERPT_LENGTH = 200

/** The most characters an error message takes from what a server said. */
export const MESSAGE_LENGTH = 1000

/** The most details read from one error body, and the most characters of each of their texts. */
const MAX_DETAILS = 50
const DETAIL_LENGTH = 1000

/** `text` cut to `max` characters, marked with `…` when it was cut. */
export const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

/** The first characters of a body, on one line. */
export const excerpt = (text: string): string =>
  cut(
    text
      .slice(0, EXCERPT_LENGTH * 4)
      .replace(/\s+/g, " ")
      .trim(),
    EXCERPT_LENGTH
  )

const str = (u: unknown): string | undefined =>
  typeof u === "string"
    ? cut(u, DETAIL_LENGTH)
    : typeof u === "number" || typeof u === "boolean"
      ? String(u)
      : undefined

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
    return fromJson(JSON.parse(text)).slice(0, MAX_DETAILS)
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

// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must still accept.
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/
]

/**
 * `Retry-After` in milliseconds from `now`: delta-seconds (digits only) or an HTTP-date (a date in the past is 0).
 * Anything else (`-1`, `1.5`, `+5`, `5, 6`, a date in another format) is absent: `undefined`.
 */
export const parseRetryAfter = (header: string | undefined, now: number): number | undefined => {
  if (header === undefined) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) {
    const millis = Number(value) * 1000
    return Number.isSafeInteger(millis) ? millis : undefined
  }
  if (!HTTP_DATE.some((format) => format.test(value))) return undefined
  const date = Date.parse(value.endsWith("GMT") ? value : `${value} GMT`)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
