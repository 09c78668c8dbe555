/**
 * Incident by key: one open incident per caller's stable key (e.g. `alertname=HighErrorRate,service=api`). The key is
 * kept in the incident's metadata (`{"effect_statuspage": {"key": …, "data": …}}`), so that finding it again needs no
 * local state and survives restarts, redeliveries and second replicas.
 *
 * - `ensure` creates the incident when none is open for the key, else updates only what changed: the status only
 *   forward (investigating -> identified -> monitoring), impact and component statuses only up (unless
 *   `allowDowngrade`); nothing changed, no write.
 * - `update` does the same on the open incident only, without needing its name: `InputError` `NotFound` when none
 *   is open for the key.
 * - `resolve` resolves it and sets its components back to operational (or to what the caller says); no open
 *   incident, no write.
 * - `find` reads the unresolved incidents page by page and stops at the first page holding the key (one request for
 *   fewer than 100 open incidents), never a scan of every incident.
 *
 * No lock: two replicas that ensure a new key at the same instant may both create an incident. Every replica then
 * keeps the same one, the survivor (the oldest by `created_at`, then the smallest id), and deletes the others: `ensure`
 * lists the unresolved incidents once more right after it created one (only then), and `ensure` and `resolve` delete
 * any extra they find. Deleting, not resolving, leaves one incident in the page's history and sends no second trail
 * of updates; subscribers already notified of the extra's creation (`deliverNotifications`) get no resolve for it.
 *
 * @since 0.1.0
 */
import { type Endpoint, Incidents, Pagination } from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import {
  type Component,
  callOptions,
  label,
  listAll,
  lookup,
  resolve as resolveComponent,
  type Status,
  worst
} from "./internal/components.js"
import { type Journal, run } from "./internal/job.js"
import type { InputError, JobError } from "./JobError.js"
import type { Summary } from "./JobSummary.js"

/**
 * The metadata namespace that holds the key (and the caller's `data`).
 *
 * @since 0.1.0
 * @category Constants
 */
export const metadataNamespace = "effect_statuspage"

/**
 * @since 0.1.0
 * @category Models
 */
export type IncidentStatus = "investigating" | "identified" | "monitoring"

/**
 * @since 0.1.0
 * @category Models
 */
export type Impact = "none" | "minor" | "major" | "critical"

/**
 * @since 0.1.0
 * @category Models
 */
export interface EnsureOptions {
  /** The caller's stable key for this incident. */
  readonly key: string
  readonly name: string
  /** Default `investigating` on create; an open incident's status only moves forward. */
  readonly status?: IncidentStatus | undefined
  /** Sent as `impact_override`; only raised, unless `allowDowngrade`. */
  readonly impact?: Impact | undefined
  /** The first update's message; later, a new update when it differs from the latest one (or the status moves). */
  readonly body?: string | undefined
  /** Component statuses by component name or id; only raised, unless `allowDowngrade`. */
  readonly components?: Readonly<Record<string, Status>> | undefined
  /** Sent only when given (Statuspage's own default is `true`). */
  readonly deliverNotifications?: boolean | undefined
  /** Let impact and component statuses go down to what is asked. Default `false`. */
  readonly allowDowngrade?: boolean | undefined
  /**
   * Extra fields kept beside the key in the metadata (written only when they differ); or a function of the stored
   * ones (`{}` on create), to change some fields and keep the others without reading the incident first.
   */
  readonly data?: Data | ((stored: Data) => Data) | undefined
  readonly pageId?: string | undefined
}

/**
 * The caller's fields kept beside the key.
 *
 * @since 0.1.0
 * @category Models
 */
export type Data = Readonly<Record<string, unknown>>

/**
 * @since 0.1.0
 * @category Models
 */
export interface EnsureResult extends Summary {
  readonly outcome: "created" | "updated" | "unchanged"
  readonly incident: Incidents.Incident
  /** The `data` stored with the key, as it is now. */
  readonly data: Readonly<Record<string, unknown>>
}

/**
 * What `update` takes: `ensure`'s options without the name (the open incident keeps its own unless one is given).
 *
 * @since 0.1.0
 * @category Models
 */
export interface UpdateOptions extends Omit<EnsureOptions, "name"> {
  /** A new name; by default the incident keeps its name. */
  readonly name?: string | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface UpdateResult extends EnsureResult {
  readonly outcome: "updated" | "unchanged"
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface ResolveOptions {
  readonly key: string
  readonly body?: string | undefined
  /** Statuses to leave the components in, by name or id; every other component of the incident goes operational. */
  readonly components?: Readonly<Record<string, Status>> | undefined
  readonly deliverNotifications?: boolean | undefined
  /** Leave the open incident as it is when this holds for it (e.g. its metadata says to wait): outcome `held`. */
  readonly hold?: ((incident: Incidents.Incident) => boolean) | undefined
  readonly pageId?: string | undefined
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface ResolveResult extends Summary {
  readonly outcome: "resolved" | "not-open" | "held"
  /** The resolved (or held) incident; `undefined` when none was open for the key. */
  readonly incident: Incidents.Incident | undefined
}

const namespaceOf = (incident: Incidents.Incident): Readonly<Record<string, unknown>> | undefined =>
  incident.metadata?.[metadataNamespace]

/**
 * The key an incident was opened with by `ensure`, if any.
 *
 * @since 0.1.0
 * @category Accessors
 */
export const keyOf = (incident: Incidents.Incident): string | undefined => {
  const key = namespaceOf(incident)?.key
  return typeof key === "string" ? key : undefined
}

/**
 * The `data` stored beside an incident's key (empty when none).
 *
 * @since 0.1.0
 * @category Accessors
 */
export const dataOf = (incident: Incidents.Incident): Readonly<Record<string, unknown>> => {
  const data = namespaceOf(incident)?.data
  return Predicate.isRecord(data) ? data : {}
}

/** The open incidents of one key: the survivor every replica keeps, and the extras a race between replicas made. */
interface Open {
  readonly survivor: Incidents.Incident
  readonly extras: ReadonlyArray<Incidents.Incident>
}

// Oldest first (`created_at`, then id), so that every replica picks the same survivor.
const byAge = (a: Incidents.Incident, b: Incidents.Incident) =>
  Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Reads the unresolved incidents page by page up to the first page holding the key, and on while a full page ends with
 * it (incidents created together are listed side by side), so that the copies of a race are read together.
 */
const findOpen = (key: string, pageId: string | undefined) =>
  Effect.suspend(() => {
    let found = false
    const pages = Stream.takeUntil(
      Stream.chunks(Pagination.stream(Incidents.listUnresolved, undefined, callOptions(pageId))),
      (page) => {
        if (Chunk.some(page, (incident) => keyOf(incident) === key)) found = true
        return found && Option.match(Chunk.last(page), { onNone: () => true, onSome: (last) => keyOf(last) !== key })
      }
    )
    return Effect.map(Stream.runCollect(Stream.flattenChunks(pages)), (incidents) => {
      const [survivor, ...extras] = Chunk.toArray(incidents)
        .filter((incident) => keyOf(incident) === key)
        .sort(byAge)
      return survivor === undefined ? undefined : ({ survivor, extras } satisfies Open)
    })
  })

/**
 * The open (unresolved) incident with this key; when a race between replicas left several, the survivor (the oldest
 * by `created_at`, then the smallest id), the one `ensure` and `resolve` keep.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const find = (
  key: string,
  options: { readonly pageId?: string | undefined } = {}
): Effect.Effect<Option.Option<Incidents.Incident>, JobError | InputError, Endpoint.Requirements> =>
  run("IncidentByKey.find", key, (journal) =>
    Effect.zipRight(
      checkKey(journal, key),
      Effect.map(findOpen(key, options.pageId), (open) => Option.fromNullable(open?.survivor))
    )
  )

const checkKey = (journal: Journal, key: string) =>
  key.trim() === "" ? Effect.fail(journal.inputError("Invalid", "the key is empty")) : Effect.void

const STATUS_ORDER: ReadonlyArray<string> = ["investigating", "identified", "monitoring", "resolved"]
const IMPACT_ORDER: ReadonlyArray<string> = ["none", "minor", "major", "critical"]

/** JSON with sorted keys, to compare stored data with asked data whatever the key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v) =>
    Predicate.isRecord(v) && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]])
        )
      : v
  )

/**
 * Resolves component names or ids against the incident's own components first, and lists the page's components
 * (one paged read) only when some are not among them. Several names for one component: the worst status wins.
 */
const resolveStatuses = (
  journal: Journal,
  known: ReadonlyArray<Component>,
  asked: Readonly<Record<string, Status>>,
  pageId: string | undefined
) =>
  Effect.gen(function* () {
    const found = new Map<string, { component: Component; status: Status }>()
    let page: ReadonlyArray<Component> | undefined
    for (const [nameOrId, status] of Object.entries(asked)) {
      let component = yield* lookup(journal, known, nameOrId)
      if (component === undefined) {
        page ??= yield* listAll(pageId)
        component = yield* resolveComponent(journal, page, nameOrId)
      }
      const previous = found.get(component.id)
      found.set(component.id, { component, status: previous === undefined ? status : worst(previous.status, status) })
    }
    return [...found.values()]
  })

const incidentLabel = (incident: Pick<Incidents.Incident, "id" | "name">) =>
  `incident ${incident.id} "${incident.name}"`

/** The data to store: what is asked (or computed from the stored data), else the stored data as it is. */
const askedData = (options: Pick<EnsureOptions, "data">, stored: Data): Data =>
  options.data === undefined ? stored : typeof options.data === "function" ? options.data(stored) : options.data

const notify = (deliver: boolean | undefined) => (deliver === undefined ? {} : { deliver_notifications: deliver })

/**
 * Deletes the extras of a key (copies a race between replicas opened), after the survivor's write: a rerun after a
 * failure in between finds them again. One already deleted (by the other replica) counts as done.
 */
const deleteExtras = (journal: Journal, open: Open, pageId: string | undefined) =>
  Effect.forEach(
    open.extras,
    (extra) =>
      journal
        .write(
          {
            method: "DELETE",
            target: incidentLabel(extra),
            detail: `a second incident for the key; ${open.survivor.id} is kept`
          },
          Incidents.delete(extra.id, callOptions(pageId))
        )
        .pipe(
          Effect.catchIf(
            (error) => error._tag === "ResourceError" && error.reason === "NotFound",
            () => Effect.void
          )
        ),
    { discard: true }
  )

const create = (journal: Journal, options: EnsureOptions) =>
  Effect.gen(function* () {
    const targets = yield* resolveStatuses(journal, [], options.components ?? {}, options.pageId)
    const status = options.status ?? "investigating"
    const incident = yield* journal.write(
      {
        method: "POST",
        target: `incident "${options.name}"`,
        detail: [
          `status ${status}`,
          ...(options.impact === undefined ? [] : [`impact ${options.impact}`]),
          ...targets.map((t) => `${label(t.component)} ${t.status}`)
        ].join("; ")
      },
      Incidents.create(
        {
          name: options.name,
          status,
          ...(options.impact === undefined ? {} : { impact_override: options.impact }),
          ...(options.body === undefined ? {} : { body: options.body }),
          ...(targets.length === 0
            ? {}
            : { components: Object.fromEntries(targets.map((t) => [t.component.id, t.status])) }),
          metadata: {
            [metadataNamespace]: {
              key: options.key,
              ...(options.data === undefined ? {} : { data: askedData(options, {}) })
            }
          },
          ...notify(options.deliverNotifications)
        },
        callOptions(options.pageId)
      )
    )
    journal.created.push(incidentLabel(incident))
    return incident
  })

/**
 * Brings the survivor to what is asked, in at most one PATCH (see the module doc for the direction rules), taking over the components of
 * the extras it does not list at their current status (so that its resolve sets them back), then deletes the extras.
 * Shared by `ensure` and `update`.
 */
const updateOpen = (journal: Journal, open: Open, options: UpdateOptions) =>
  Effect.gen(function* () {
    const current = open.survivor
    const changes: Record<string, unknown> = {}
    const details: Array<string> = []
    if (options.name !== undefined && options.name !== current.name) {
      changes.name = options.name
      details.push(`name "${current.name}" -> "${options.name}"`)
    }
    if (options.status !== undefined && STATUS_ORDER.indexOf(options.status) > STATUS_ORDER.indexOf(current.status)) {
      changes.status = options.status
      details.push(`status ${current.status} -> ${options.status}`)
    }
    if (options.impact !== undefined) {
      const effective = current.impact_override ?? current.impact
      const move = options.allowDowngrade
        ? options.impact !== effective
        : IMPACT_ORDER.indexOf(options.impact) > IMPACT_ORDER.indexOf(effective)
      if (move) {
        changes.impact_override = options.impact
        details.push(`impact ${effective} -> ${options.impact}`)
      }
    }
    const targets = yield* resolveStatuses(journal, current.components, options.components ?? {}, options.pageId)
    const onSurvivor = new Set([...current.components.map((c) => c.id), ...targets.map((t) => t.component.id)])
    for (const component of open.extras.flatMap((extra) => extra.components)) {
      if (onSurvivor.has(component.id) || component.status === "") continue
      onSurvivor.add(component.id)
      targets.push({ component, status: component.status })
    }
    const componentChanges: Record<string, Status> = {}
    for (const { component, status } of targets) {
      const onIncident = current.components.find((c) => c.id === component.id)
      const from = (onIncident ?? component).status
      const to = options.allowDowngrade || from === "" ? status : worst(from as Status, status)
      if (to !== from || onIncident === undefined) {
        componentChanges[component.id] = to
        details.push(`${label(component)} ${from === "" ? "(none)" : from} -> ${to}`)
      }
    }
    if (Object.keys(componentChanges).length > 0) changes.components = componentChanges
    if (
      options.body !== undefined &&
      (changes.status !== undefined || options.body !== current.incident_updates[0]?.body)
    ) {
      changes.body = options.body
      details.push("new update")
    }
    const stored = dataOf(current)
    const data = askedData(options, stored)
    if (canonical(data) !== canonical(stored)) {
      changes.metadata = {
        ...current.metadata,
        [metadataNamespace]: { ...namespaceOf(current), key: options.key, data }
      }
      details.push("data")
    }

    let incident = current
    if (details.length === 0) {
      journal.unchanged.push(incidentLabel(current))
    } else {
      incident = yield* journal.write(
        { method: "PATCH", target: incidentLabel(current), detail: details.join("; ") },
        Incidents.update(
          current.id,
          { ...changes, ...notify(options.deliverNotifications) } as Incidents.IncidentChanges,
          callOptions(options.pageId)
        )
      )
      journal.updated.push(incidentLabel(incident))
    }
    yield* deleteExtras(journal, open, options.pageId)
    const outcome = details.length === 0 ? ("unchanged" as const) : ("updated" as const)
    return { ...journal.summary(), outcome, incident, data }
  })

/** A job on the key's open incidents (`undefined` when none is open): the key checked, then the unresolved list. */
const onOpen = <A, E, R>(
  job: string,
  options: { readonly key: string; readonly pageId?: string | undefined },
  body: (journal: Journal, open: Open | undefined) => Effect.Effect<A, E, R>
) =>
  run(job, options.key, (journal) =>
    Effect.zipRight(
      checkKey(journal, options.key),
      Effect.flatMap(findOpen(options.key, options.pageId), (open) => body(journal, open))
    )
  )

/**
 * Creates the incident for `key`, or updates the open one where it differs from what is asked (see the module doc
 * for the direction rules). Requests: the unresolved list, a components list only for names not already on the
 * incident, then at most one POST or one PATCH; after a POST, the unresolved list once more (a replica may have
 * created one at the same instant); one DELETE per extra incident found for the key.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const ensure = (
  options: EnsureOptions
): Effect.Effect<EnsureResult, JobError | InputError, Endpoint.Requirements> =>
  onOpen("IncidentByKey.ensure", options, (journal, open) =>
    Effect.gen(function* () {
      if (open !== undefined) return yield* updateOpen(journal, open, options)
      const created = yield* create(journal, options)
      const after = yield* findOpen(options.key, options.pageId)
      if (after === undefined || (after.survivor.id === created.id && after.extras.length === 0)) {
        return { ...journal.summary(), outcome: "created" as const, incident: created, data: askedData(options, {}) }
      }
      // Another replica created one too: the survivor gets what was asked, the others go (this one included).
      const updated = yield* updateOpen(journal, after, options)
      return after.survivor.id === created.id ? { ...updated, outcome: "created" as const } : updated
    })
  )

/**
 * Updates the open incident for `key` where it differs from what is asked, like `ensure` on an open incident but
 * without needing its name; fails with `InputError` `NotFound` when no incident with the key is open (nothing is
 * written). Requests: the unresolved list, a components list only for names not already on the incident, then at
 * most one PATCH; one DELETE per extra incident found for the key.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const update = (
  options: UpdateOptions
): Effect.Effect<UpdateResult, JobError | InputError, Endpoint.Requirements> =>
  onOpen("IncidentByKey.update", options, (journal, open) =>
    open === undefined
      ? Effect.fail(journal.inputError("NotFound", `no open incident has the key ${options.key}`))
      : updateOpen(journal, open, options)
  )

/**
 * Resolves the open incident for `key` and sets its components back to operational (or to `components`). No open
 * incident: no write. Requests: the unresolved list and one PATCH (plus a components list only for names that are
 * not on the incident); one DELETE per extra incident found for the key (their components go back with it). `hold`
 * holding for the open incident: no write, outcome `held`.
 *
 * @since 0.1.0
 * @category Jobs
 */
export const resolve = (
  options: ResolveOptions
): Effect.Effect<ResolveResult, JobError | InputError, Endpoint.Requirements> =>
  onOpen("IncidentByKey.resolve", options, (journal, open) =>
    Effect.gen(function* () {
      if (open === undefined) {
        return { ...journal.summary(), outcome: "not-open" as const, incident: undefined }
      }
      const current = open.survivor
      if (options.hold?.(current)) {
        journal.unchanged.push(incidentLabel(current))
        return { ...journal.summary(), outcome: "held" as const, incident: current }
      }
      // The extras' components too: they are deleted below, so their components go back with the survivor's.
      const targets = new Map<string, { component: Component; status: Status }>(
        [...open.extras, current]
          .flatMap((incident) => incident.components)
          .map((component) => [component.id, { component, status: "operational" as const }])
      )
      const asked = yield* resolveStatuses(journal, current.components, options.components ?? {}, options.pageId)
      for (const target of asked) targets.set(target.component.id, target)
      const componentChanges: Record<string, Status> = {}
      const details = [`status ${current.status} -> resolved`]
      for (const { component, status } of targets.values()) {
        if (component.status !== status) {
          componentChanges[component.id] = status
          details.push(`${label(component)} ${component.status} -> ${status}`)
        }
      }
      const incident = yield* journal.write(
        { method: "PATCH", target: incidentLabel(current), detail: details.join("; ") },
        Incidents.update(
          current.id,
          {
            status: "resolved",
            ...(Object.keys(componentChanges).length === 0 ? {} : { components: componentChanges }),
            ...(options.body === undefined ? {} : { body: options.body }),
            ...notify(options.deliverNotifications)
          },
          callOptions(options.pageId)
        )
      )
      journal.updated.push(incidentLabel(incident))
      yield* deleteExtras(journal, open, options.pageId)
      return { ...journal.summary(), outcome: "resolved" as const, incident }
    })
  )
