/**
 * Incoming alerts: the three payloads the bridge accepts (Alertmanager webhook v4, Grafana unified alerting, and a
 * small generic format), decoded into one `Alert` shape.
 *
 * The generic format, for anything else (CI jobs, cron checks, custom monitors):
 *
 * ```json
 * { "group": "optional, shared by the alerts of one notification",
 *   "alerts": [{ "status": "firing", "labels": { "alertname": "backup", "service": "db" },
 *                "annotations": { "summary": "nightly backup failed" },
 *                "id": "optional stable id (default: the labels)", "startsAt": "optional RFC 3339",
 *                "endsAt": "optional RFC 3339" }] }
 * ```
 *
 * A single alert object (without the `alerts` wrapper) is accepted too.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { deepestIssue } from "./internal/issue.js"

/**
 * The payload formats: each has its own path on the handler (`/webhook/<format>`).
 *
 * @since 0.1.0
 * @category Models
 */
export type Format = "alertmanager" | "grafana" | "generic"

/**
 * @since 0.1.0
 * @category Constants
 */
export const formats: ReadonlyArray<Format> = ["alertmanager", "grafana", "generic"]

/**
 * One alert, whatever its source. `fingerprint` identifies it across notifications (the sender's, or a digest of
 * its labels); times are epoch milliseconds, `undefined` when the sender gave none (or Go's zero time).
 *
 * @since 0.1.0
 * @category Models
 */
export interface Alert {
  readonly status: "firing" | "resolved"
  readonly fingerprint: string
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly startsAt: number | undefined
  readonly endsAt: number | undefined
}

/**
 * A decoded notification: its alerts and the sender's group key, when it has one.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Notification {
  readonly format: Format
  readonly groupKey: string | undefined
  readonly alerts: ReadonlyArray<Alert>
}

/**
 * A payload the bridge could not decode: `NotJson`, or `Decode` (the body did not match the format at `path`).
 *
 * @since 0.1.0
 * @category Errors
 */
export class PayloadError extends Schema.TaggedError<PayloadError>("@effect-statuspage/bridge/PayloadError")(
  "PayloadError",
  {
    format: Schema.Literal("alertmanager", "grafana", "generic"),
    reason: Schema.Literal("NotJson", "Decode"),
    message: Schema.String,
    path: Schema.optionalWith(Schema.String, { exact: true })
  }
) {}

const Labels = Schema.Record({ key: Schema.String, value: Schema.String })
const Status = Schema.Literal("firing", "resolved")
const optionalString = Schema.optionalWith(Schema.String, { exact: true })

// Alertmanager (webhook v4) and Grafana share the alert shape; unknown keys (generatorURL, values, ...) are ignored.
const SenderAlert = Schema.Struct({
  status: Status,
  labels: Labels,
  annotations: Schema.optionalWith(Labels, { default: () => ({}) }),
  startsAt: optionalString,
  endsAt: optionalString,
  fingerprint: optionalString
})

const AlertmanagerPayload = Schema.Struct({
  version: Schema.Literal("4"),
  groupKey: Schema.String,
  status: Status,
  alerts: Schema.Array(SenderAlert)
})

const GrafanaPayload = Schema.Struct({
  groupKey: optionalString,
  status: Status,
  alerts: Schema.Array(SenderAlert)
})

const GenericAlert = Schema.Struct({
  status: Status,
  labels: Labels,
  annotations: Schema.optionalWith(Labels, { default: () => ({}) }),
  id: optionalString,
  startsAt: optionalString,
  endsAt: optionalString
})

const GenericPayload = Schema.Struct({ group: optionalString, alerts: Schema.Array(GenericAlert) })

// Go's zero time (`0001-01-01T00:00:00Z`) is how Alertmanager and Grafana say "no end yet".
const epoch = (text: string | undefined, path: string): Either.Either<number | undefined, string> => {
  if (text === undefined || text.startsWith("0001-01-01")) return Either.right(undefined)
  const millis = Date.parse(text)
  return Number.isNaN(millis)
    ? Either.left(`${path} is not an RFC 3339 time: ${JSON.stringify(text)}`)
    : Either.right(millis)
}

/**
 * The fingerprint of an alert without one: its labels, sorted, as text.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const labelsFingerprint = (labels: Readonly<Record<string, string>>): string =>
  Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(",")

type RawAlert = {
  readonly status: "firing" | "resolved"
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly startsAt?: string
  readonly endsAt?: string
  readonly id?: string
  readonly fingerprint?: string
}

const toAlerts = (format: Format, raws: ReadonlyArray<RawAlert>): Either.Either<ReadonlyArray<Alert>, PayloadError> => {
  const alerts: Array<Alert> = []
  for (const [i, raw] of raws.entries()) {
    const times = Either.all([epoch(raw.startsAt, `alerts.${i}.startsAt`), epoch(raw.endsAt, `alerts.${i}.endsAt`)])
    if (Either.isLeft(times)) {
      return Either.left(new PayloadError({ format, reason: "Decode", message: times.left, path: `alerts.${i}` }))
    }
    alerts.push({
      status: raw.status,
      fingerprint: raw.fingerprint ?? raw.id ?? labelsFingerprint(raw.labels),
      labels: raw.labels,
      annotations: raw.annotations,
      startsAt: times.right[0],
      endsAt: times.right[1]
    })
  }
  return Either.right(alerts)
}

type Payload =
  | { readonly groupKey?: string; readonly alerts: ReadonlyArray<RawAlert> }
  | { readonly group?: string; readonly alerts: ReadonlyArray<RawAlert> }
  | RawAlert

const decodeGenericPayload = Schema.decodeUnknownEither(GenericPayload, { errors: "all" })
const decodeGenericAlert = Schema.decodeUnknownEither(GenericAlert, { errors: "all" })

const decoders: Record<Format, (u: unknown) => Either.Either<Payload, ParseResult.ParseError>> = {
  alertmanager: Schema.decodeUnknownEither(AlertmanagerPayload, { errors: "all" }),
  grafana: Schema.decodeUnknownEither(GrafanaPayload, { errors: "all" }),
  // The wrapper when there is an `alerts` key, else one bare alert: each body is checked against one shape only.
  generic: (u) =>
    typeof u === "object" && u !== null && "alerts" in u ? decodeGenericPayload(u) : decodeGenericAlert(u)
}

const decodeError = (format: Format, error: ParseResult.ParseError): PayloadError => {
  const issue = deepestIssue(error)
  const path = issue?.path.map(String).join(".") ?? ""
  return new PayloadError({
    format,
    reason: "Decode",
    message: `${format} payload does not match at ${path === "" ? "the top level" : path}: ${issue?.message ?? error.message}`,
    path
  })
}

/**
 * Decodes a parsed body of the given format.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decode = (format: Format, body: unknown): Either.Either<Notification, PayloadError> =>
  Either.flatMap(
    Either.mapLeft(decoders[format](body), (error) => decodeError(format, error)),
    (payload) => {
      const raws: ReadonlyArray<RawAlert> = "alerts" in payload ? payload.alerts : [payload]
      const groupKey: string | undefined =
        "groupKey" in payload ? payload.groupKey : "group" in payload ? payload.group : undefined
      return Either.map(toAlerts(format, raws), (alerts): Notification => ({ format, groupKey, alerts }))
    }
  )

/**
 * Parses and decodes a body as text.
 *
 * @since 0.1.0
 * @category Decoding
 */
export const decodeJson = (format: Format, text: string): Either.Either<Notification, PayloadError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return Either.left(new PayloadError({ format, reason: "NotJson", message: `${format} payload is not JSON` }))
  }
  return decode(format, json)
}
