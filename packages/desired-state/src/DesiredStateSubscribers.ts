/**
 * Subscribers in their own file, JSON Lines (one subscriber a line), because they are people's contact details:
 * never part of the page's file, exported only when asked. Both ways stream page by page in flat memory; components
 * are named, so the file moves between pages.
 *
 * @since 0.1.0
 */
import { Components, type Endpoint, Pagination, type StatusPageError, Subscribers } from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/**
 * One line of the file. `components` left out means every component.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const SubscriberRecord = Schema.Struct({
  mode: Schema.String,
  email: Schema.optionalWith(Schema.String, { exact: true }),
  endpoint: Schema.optionalWith(Schema.String, { exact: true }),
  phone_number: Schema.optionalWith(Schema.String, { exact: true }),
  phone_country: Schema.optionalWith(Schema.String, { exact: true }),
  components: Schema.optionalWith(Schema.Array(Schema.String), { exact: true })
}).annotations({ identifier: "SubscriberRecord" })
export type SubscriberRecord = typeof SubscriberRecord.Type

/** The page's components (group rows left out), read once. */
const pageComponents = Effect.map(Stream.runCollect(Pagination.stream(Components.list)), (all) =>
  Chunk.toArray(all).filter((c) => !c.group)
)

/**
 * @since 0.1.0
 * @category Models
 */
export interface ExportOptions {
  /** Which subscribers: `active` (the API's default), `unconfirmed`, `quarantined` or `all`. */
  readonly state?: Subscribers.SubscriberState
}

/**
 * The page's subscribers, read a page (100) at a time as the stream is consumed: one components list, then the
 * subscriber pages.
 *
 * @since 0.1.0
 * @category Export
 */
export const exportSubscribers = (
  options: ExportOptions = {}
): Stream.Stream<SubscriberRecord, StatusPageError.StatusPageError, Endpoint.Requirements> =>
  Stream.unwrap(
    Effect.map(pageComponents, (components) => {
      const nameOf = new Map(components.map((c) => [c.id, c.name]))
      return Stream.map(
        Pagination.stream(Subscribers.list, options.state === undefined ? {} : { state: options.state }),
        (s): SubscriberRecord => {
          const followed = s.components ?? []
          const all = followed.length === 0 || followed.length >= components.length
          return {
            mode: s.mode,
            ...(s.email ? { email: s.email } : {}),
            ...(s.endpoint ? { endpoint: s.endpoint } : {}),
            ...(s.phone_number ? { phone_number: s.phone_number } : {}),
            ...(s.phone_country ? { phone_country: s.phone_country } : {}),
            ...(all ? {} : { components: followed.flatMap((id) => nameOf.get(id) ?? []) })
          }
        }
      )
    })
  )

/**
 * Records as JSON Lines, one string per line (newline included), for a file sink.
 *
 * @since 0.1.0
 * @category Export
 */
export const toLines = <E, R>(records: Stream.Stream<SubscriberRecord, E, R>): Stream.Stream<string, E, R> =>
  Stream.map(records, (r) => `${JSON.stringify(r)}\n`)

/**
 * @since 0.1.0
 * @category Models
 */
export interface ImportOptions {
  /** Create without the confirmation message (the subscriber is active at once). Required: a deliberate choice. */
  readonly skipConfirmationNotification: boolean
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface ImportReport {
  readonly created: number
  /** Already subscribed on this page (a rerun, or a crash after the server made it). */
  readonly existing: number
  /** What the API (or the format) refused: the line, the kind of subscriber, why. Never the contact itself. */
  readonly refused: ReadonlyArray<{ readonly line: number; readonly mode: string; readonly message: string }>
}

/** Kinds the API can create; Slack and integration partners cannot be. */
const creatable = new Set(["email", "sms", "webhook"])

const decodeLine = Schema.decodeUnknownEither(Schema.parseJson(SubscriberRecord))

/**
 * Creates a subscriber per line on the page in context, one line at a time (flat memory): one components list,
 * then one create per subscriber. A rerun is safe: someone already subscribed counts as `existing`.
 *
 * @since 0.1.0
 * @category Import
 */
export const importSubscribers = <E, R>(
  lines: Stream.Stream<string, E, R>,
  options: ImportOptions
): Effect.Effect<ImportReport, E | StatusPageError.StatusPageError, R | Endpoint.Requirements> =>
  Effect.gen(function* () {
    const components = yield* pageComponents
    const idOf = new Map(components.map((c) => [c.name, c.id]))
    let created = 0
    let existing = 0
    const refused: Array<{ line: number; mode: string; message: string }> = []
    yield* lines.pipe(
      Stream.zipWithIndex,
      Stream.filter(([text]) => text.trim() !== ""),
      Stream.runForEach(([text, index]) => {
        const line = index + 1
        const decoded = decodeLine(text)
        if (Either.isLeft(decoded)) {
          refused.push({ line, mode: "unknown", message: "not a subscriber record" })
          return Effect.void
        }
        const r = decoded.right
        if (!creatable.has(r.mode)) {
          refused.push({ line, mode: r.mode, message: `${r.mode} subscribers cannot be created through the API` })
          return Effect.void
        }
        const missing = (r.components ?? []).filter((name) => !idOf.has(name))
        if (missing.length > 0) {
          refused.push({
            line,
            mode: r.mode,
            message: `no component ${missing.map((m) => JSON.stringify(m)).join(", ")} on this page`
          })
          return Effect.void
        }
        const component_ids = (r.components ?? []).map((name) => idOf.get(name)!)
        return Subscribers.create({
          ...(r.email === undefined ? {} : { email: r.email }),
          ...(r.endpoint === undefined ? {} : { endpoint: r.endpoint }),
          ...(r.phone_number === undefined ? {} : { phone_number: r.phone_number }),
          ...(r.phone_country === undefined ? {} : { phone_country: r.phone_country }),
          ...(component_ids.length > 0 ? { component_ids } : {}),
          skip_confirmation_notification: options.skipConfirmationNotification
        } as Subscribers.SubscriberCreate).pipe(
          Effect.tap(() =>
            Effect.sync(() => {
              created++
            })
          ),
          Effect.catchIf(
            (e) =>
              e._tag === "ResourceError" ||
              (e._tag === "RequestError" && (e.reason === "BadRequest" || e.reason === "InvalidInput")),
            (e) =>
              Effect.sync(() => {
                if (/already been taken/i.test(e.message)) existing++
                else refused.push({ line, mode: r.mode, message: e.message })
              })
          )
        )
      })
    )
    return { created, existing, refused }
  }).pipe(Effect.withSpan("DesiredState.importSubscribers"))
