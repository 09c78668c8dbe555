/**
 * The plan: what it takes to make the page match a file. `make` reads the page (each list once, paged to the end)
 * and diffs; `diff` is the pure part. A plan is plain data: it prints as a readable diff (`render`) and serialises
 * to JSON (`Plan` is its schema), so it can be reviewed, saved and applied later.
 *
 * Statuses are runtime state: no plan ever contains one.
 *
 * Over 300 lines on purpose: `diff` is one pass over the kinds in the order apply writes them, and later kinds use
 * what earlier ones decided (a group's members and their moves, a metric's provider id), with one set of claims and
 * notes; split by kind, those would have to travel between modules.
 *
 * @since 0.1.0
 */
import type { Endpoint, StatusPageError } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { MetricSpec, PageFile } from "./DesiredStateFile.js"
import { componentFields, metricFields, templateFields } from "./internal/fields.js"
import { read, type Snapshot } from "./internal/read.js"

/**
 * @since 0.1.0
 * @category Schemas
 */
export const Kind = Schema.Literal(
  "page",
  "status_embed_config",
  "component",
  "group",
  "template",
  "metrics_provider",
  "metric"
)
export type Kind = typeof Kind.Type

/**
 * One field's change.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const FieldChange = Schema.Struct({ field: Schema.String, old: Schema.Unknown, new: Schema.Unknown })
export type FieldChange = typeof FieldChange.Type

/** Names a resource: `parent` is a metric's provider type. */
const target = {
  kind: Kind,
  name: Schema.String,
  parent: Schema.optionalWith(Schema.String, { exact: true })
}

/**
 * One write. `set` is what will be sent, with references by name (group members, template components, a metric's
 * provider) that apply resolves to ids.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Change = Schema.Union(
  Schema.TaggedStruct("Create", { ...target, set: Schema.Record({ key: Schema.String, value: Schema.Unknown }) }),
  Schema.TaggedStruct("Update", {
    ...target,
    id: Schema.String,
    set: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
    changes: Schema.Array(FieldChange)
  }),
  Schema.TaggedStruct("Delete", { ...target, id: Schema.String })
)
export type Change = typeof Change.Type

/**
 * A component changing group, and which write carries it.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Move = Schema.Struct({
  component: Schema.String,
  from: Schema.NullOr(Schema.String),
  to: Schema.NullOr(Schema.String)
})
export type Move = typeof Move.Type

/**
 * A resource on the page the file does not name; left alone unless pruning.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Unmanaged = Schema.Struct({ ...target, id: Schema.String })
export type Unmanaged = typeof Unmanaged.Type

/**
 * Something the plan cannot do or wants you to know (a field the API cannot change, a duplicate name).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Note = Schema.Struct({ ...target, message: Schema.String })
export type Note = typeof Note.Type

/**
 * A plan. `changes` are in apply order; `ids` maps the page's names to ids for apply (no per-item reads).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Plan = Schema.Struct({
  version: Schema.Literal(1),
  prune: Schema.Boolean,
  changes: Schema.Array(Change),
  moves: Schema.Array(Move),
  unmanaged: Schema.Array(Unmanaged),
  notes: Schema.Array(Note),
  /** Resources of the managed kinds on the page, for the prune guard. */
  managedOnPage: Schema.Number,
  ids: Schema.Struct({
    components: Schema.Record({ key: Schema.String, value: Schema.String }),
    groups: Schema.Record({ key: Schema.String, value: Schema.String }),
    providers: Schema.Record({ key: Schema.String, value: Schema.String })
  }),
  /** Requests the plan made to read the page. */
  reads: Schema.Number
}).annotations({ identifier: "Plan" })
export type Plan = typeof Plan.Type

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Plan a delete for every unmanaged resource (apply's guard still applies). Default `false`. */
  readonly prune?: boolean
}

/** `null`, absent and `""` are the same "nothing" on Statuspage's text fields. */
const same = (a: unknown, b: unknown): boolean =>
  (a ?? "") === (b ?? "") ||
  (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i])))

const sameSet = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) => {
  const set = new Set(a)
  return a.length === b.length && b.every((x) => set.has(x))
}

/** The fields the file states that differ on the page. */
const fieldChanges = (
  wanted: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
  fields: ReadonlyArray<string>
): Array<FieldChange> =>
  fields.flatMap((field) =>
    wanted[field] === undefined || same(wanted[field], current[field])
      ? []
      : [{ field, old: current[field] ?? null, new: wanted[field] }]
  )

const pick = (value: Readonly<Record<string, unknown>>, fields: ReadonlyArray<string>) =>
  Object.fromEntries(fields.flatMap((f) => (value[f] === undefined ? [] : [[f, value[f]]])))

/** What a metric PATCH accepts; the rest is fixed at creation. */
const metricUpdatable = new Set(["name", "metric_identifier"])

const createMetric = (metric: MetricSpec, provider: string): Change => ({
  _tag: "Create",
  kind: "metric",
  name: metric.name,
  parent: provider,
  set: pick(metric, metricFields)
})

/** Claims page items by name (first of a duplicated name wins); what is left over is unmanaged. */
class Claims<A extends { readonly id: string; readonly name: string }> {
  readonly byName = new Map<string, A>()
  readonly claimed = new Set<string>()
  readonly duplicates: Array<A> = []
  constructor(readonly items: ReadonlyArray<A>) {
    for (const item of items) {
      if (this.byName.has(item.name)) this.duplicates.push(item)
      else this.byName.set(item.name, item)
    }
  }
  claim(name: string, renamedFrom?: string): A | undefined {
    const found =
      [name, renamedFrom].flatMap((n) => {
        const item = n === undefined ? undefined : this.byName.get(n)
        return item !== undefined && !this.claimed.has(item.id) ? [item] : []
      })[0] ?? undefined
    if (found !== undefined) this.claimed.add(found.id)
    return found
  }
  get unclaimed(): Array<A> {
    return this.items.filter((i) => !this.claimed.has(i.id))
  }
}

/**
 * The plan for `file` against a snapshot of the page: pure, no requests.
 *
 * @since 0.1.0
 * @category Planning
 */
export const diff = (file: PageFile, page: Snapshot, options: Options = {}): Plan => {
  const prune = options.prune ?? false
  const creates: Array<Change> = []
  const updates: Array<Change> = []
  const groupWrites: Array<Change> = []
  const templateWrites: Array<Change> = []
  const providerWrites: Array<Change> = []
  const deletes: Array<Change> = []
  const moves: Array<Move> = []
  const unmanaged: Array<Unmanaged> = []
  const notes: Array<Note> = []
  let managedOnPage = 0

  const leftOver = (kind: Kind, items: ReadonlyArray<{ id: string; name: string }>, parent?: string) => {
    for (const item of items) {
      const at = { kind, name: item.name, id: item.id, ...(parent === undefined ? {} : { parent }) }
      unmanaged.push(at)
      if (prune && kind !== "template") deletes.push({ _tag: "Delete", ...at })
    }
  }

  // the page's own settings and the status embed config: one update each, only the fields the file states
  const settings = (kind: "page" | "status_embed_config", wanted: object | undefined, current: object | undefined) => {
    if (wanted === undefined || current === undefined) return
    const changes = fieldChanges(
      wanted as Record<string, unknown>,
      current as Record<string, unknown>,
      Object.keys(wanted)
    )
    if (changes.length > 0) {
      updates.push({
        _tag: "Update",
        kind,
        name: kind,
        id: kind,
        set: Object.fromEntries(changes.map((c) => [c.field, c.new])),
        changes
      })
    }
  }
  settings("page", file.page, page.page)
  settings("status_embed_config", file.status_embed_config, page.embed)

  // components
  const pageComponents = new Claims(page.components ?? [])
  const componentNameById = new Map((page.components ?? []).map((c) => [c.id, c.name]))
  const groupById = new Map((page.groups ?? []).map((g) => [g.id, g]))
  const groupSpecByMember = new Map((file.groups ?? []).flatMap((g) => g.components.map((m) => [m, g.name] as const)))
  const fileGroupNames = new Set(
    (file.groups ?? []).flatMap((g) => [g.name, ...(g.renamed_from ? [g.renamed_from] : [])])
  )
  const componentIds: Record<string, string> = {}
  for (const c of page.components ?? []) componentIds[c.name] ??= c.id

  if (file.components !== undefined) {
    managedOnPage += pageComponents.items.length
    for (const spec of file.components) {
      const current = pageComponents.claim(spec.name, spec.renamed_from)
      if (current === undefined) {
        creates.push({ _tag: "Create", kind: "component", name: spec.name, set: pick(spec, componentFields) })
        continue
      }
      componentIds[spec.name] = current.id
      const changes = fieldChanges(spec, current, componentFields)
      const set: Record<string, unknown> = Object.fromEntries(changes.map((c) => [c.field, c.new]))
      // leaving a group the file does not manage is this component's own write; other moves ride on group writes
      if (file.groups !== undefined && current.group_id !== null && !groupSpecByMember.has(spec.name)) {
        const from = groupById.get(current.group_id)
        if (from !== undefined && !fileGroupNames.has(from.name)) {
          changes.push({ field: "group", old: from.name, new: null })
          set.group_id = null
          moves.push({ component: spec.name, from: from.name, to: null })
        }
      }
      if (spec.position !== undefined && spec.position !== current.position) {
        notes.push({
          kind: "component",
          name: spec.name,
          message: `position is ${current.position}, the file says ${spec.position}: the API cannot set positions`
        })
      }
      if (changes.length > 0)
        updates.push({ _tag: "Update", kind: "component", name: spec.name, id: current.id, set, changes })
    }
    for (const dup of pageComponents.duplicates) {
      notes.push({
        kind: "component",
        name: dup.name,
        message: `another component on the page is named "${dup.name}" too (id ${dup.id})`
      })
    }
  }

  // groups: each write states the whole member list, so it also moves components in and out
  const pageGroups = new Claims(page.groups ?? [])
  const groupIds: Record<string, string> = {}
  for (const g of page.groups ?? []) groupIds[g.name] ??= g.id
  const knownComponent = (name: string) =>
    file.components?.some((c) => c.name === name) === true || componentIds[name] !== undefined
  if (file.groups !== undefined) {
    managedOnPage += pageGroups.items.length
    for (const spec of file.groups) {
      const members = spec.components.filter((m) => {
        if (knownComponent(m)) return true
        notes.push({
          kind: "group",
          name: spec.name,
          message: `no component "${m}" on the page or in the file: left out`
        })
        return false
      })
      if (members.length === 0) continue
      const current = pageGroups.claim(spec.name, spec.renamed_from)
      const wanted = { name: spec.name, components: members, ...pick(spec, ["description"]) }
      const currentMembers = (current?.components ?? []).flatMap((id) => componentNameById.get(id) ?? [])
      for (const m of members) {
        if (currentMembers.includes(m)) continue
        const id = componentIds[m]
        const fromId = id === undefined ? undefined : page.components?.find((c) => c.id === id)?.group_id
        moves.push({ component: m, from: fromId ? (groupById.get(fromId)?.name ?? null) : null, to: spec.name })
      }
      for (const m of currentMembers) {
        if (!members.includes(m) && !groupSpecByMember.has(m)) moves.push({ component: m, from: spec.name, to: null })
      }
      if (current === undefined) {
        groupWrites.push({ _tag: "Create", kind: "group", name: spec.name, set: wanted })
        continue
      }
      groupIds[spec.name] = current.id
      const changes = fieldChanges(wanted, current, ["name", "description"])
      if (!sameSet(members, currentMembers)) changes.push({ field: "components", old: currentMembers, new: members })
      if (changes.length > 0) {
        groupWrites.push({ _tag: "Update", kind: "group", name: spec.name, id: current.id, set: wanted, changes })
      }
    }
  }

  // templates: create-only on the API
  if (file.templates !== undefined) {
    const pageTemplates = new Claims(page.templates ?? [])
    managedOnPage += pageTemplates.items.length
    for (const spec of file.templates) {
      const current = pageTemplates.claim(spec.name)
      if (current === undefined) {
        templateWrites.push({
          _tag: "Create",
          kind: "template",
          name: spec.name,
          set: { name: spec.name, ...pick(spec, [...templateFields, "components"]) }
        })
        continue
      }
      const changes = fieldChanges(spec, current, templateFields)
      if (
        spec.components !== undefined &&
        !sameSet(
          spec.components,
          current.components.map((c) => c.name)
        )
      ) {
        changes.push({ field: "components", old: current.components.map((c) => c.name), new: spec.components })
      }
      if (changes.length > 0) {
        notes.push({
          kind: "template",
          name: spec.name,
          message: `differs in ${changes.map((c) => c.field).join(", ")}: the API cannot change a template (edit it in the dashboard)`
        })
      }
    }
    leftOver("template", pageTemplates.unclaimed)
    if (prune && pageTemplates.unclaimed.length > 0) {
      notes.push({ kind: "template", name: "*", message: "the API cannot delete templates: unmanaged ones stay" })
    }
  }

  // metrics providers (by type) and their metrics (by name)
  const providerIds: Record<string, string> = {}
  if (file.metrics_providers !== undefined) {
    const providers = new Claims((page.providers ?? []).map((p) => ({ ...p, name: p.type })))
    managedOnPage += providers.items.length + (page.metrics ?? []).length
    const metricWrites: Array<Change> = []
    for (const spec of file.metrics_providers) {
      const current = providers.claim(spec.type)
      if (current === undefined) {
        providerWrites.push({
          _tag: "Create",
          kind: "metrics_provider",
          name: spec.type,
          set: { type: spec.type, ...pick(spec, ["metric_base_uri", "credentials_from"]) }
        })
        for (const metric of spec.metrics ?? []) {
          metricWrites.push(createMetric(metric, spec.type))
        }
        continue
      }
      providerIds[spec.type] = current.id
      const changes = fieldChanges(spec, current, ["metric_base_uri"])
      if (changes.length > 0) {
        providerWrites.push({
          _tag: "Update",
          kind: "metrics_provider",
          name: spec.type,
          id: current.id,
          set: { metric_base_uri: spec.metric_base_uri },
          changes
        })
      }
      const metrics = new Claims((page.metrics ?? []).filter((m) => m.metrics_provider_id === current.id))
      if (spec.metrics === undefined) continue
      for (const metric of spec.metrics) {
        const existing = metrics.claim(metric.name)
        if (existing === undefined) {
          metricWrites.push(createMetric(metric, spec.type))
          continue
        }
        const all = fieldChanges(metric, existing, metricFields)
        const writable = all.filter((c) => metricUpdatable.has(c.field))
        const fixed = all.filter((c) => !metricUpdatable.has(c.field))
        if (writable.length > 0) {
          metricWrites.push({
            _tag: "Update",
            kind: "metric",
            name: metric.name,
            parent: spec.type,
            id: existing.id,
            set: Object.fromEntries(writable.map((c) => [c.field, c.new])),
            changes: writable
          })
        }
        if (fixed.length > 0) {
          notes.push({
            kind: "metric",
            name: metric.name,
            parent: spec.type,
            message: `differs in ${fixed.map((c) => c.field).join(", ")}: fixed at creation (delete the metric on the page to have it recreated)`
          })
        }
      }
      leftOver("metric", metrics.unclaimed, spec.type)
    }
    // an unmanaged provider's metrics go with it
    for (const provider of providers.unclaimed) {
      leftOver("metrics_provider", [provider])
      for (const m of (page.metrics ?? []).filter((m) => m.metrics_provider_id === provider.id)) {
        unmanaged.push({ kind: "metric", name: m.name, id: m.id, parent: provider.type })
      }
    }
    providerWrites.push(...metricWrites)
  }

  if (file.groups !== undefined) leftOver("group", pageGroups.unclaimed)
  if (file.components !== undefined) leftOver("component", pageComponents.unclaimed)

  const deleteOrder: ReadonlyArray<Kind> = ["metric", "metrics_provider", "group", "component"]
  deletes.sort((a, b) => deleteOrder.indexOf(a.kind) - deleteOrder.indexOf(b.kind))

  return {
    version: 1,
    prune,
    changes: [
      ...updates.filter((c) => c.kind !== "component"),
      ...creates,
      ...updates.filter((c) => c.kind === "component"),
      ...orderGroupWrites(groupWrites, page, notes),
      ...templateWrites,
      ...providerWrites,
      ...deletes
    ],
    moves,
    unmanaged,
    notes,
    managedOnPage,
    ids: { components: componentIds, groups: groupIds, providers: providerIds },
    reads: page.reads
  }
}

/**
 * Group writes in an order that never empties a group by accident: Statuspage deletes a group whose last member
 * leaves, so a group that keeps none of its members is written before any group that takes them.
 */
const orderGroupWrites = (writes: ReadonlyArray<Change>, page: Snapshot, notes: Array<Note>): Array<Change> => {
  const nameOfId = new Map((page.components ?? []).map((c) => [c.id, c.name]))
  const holder = new Map<string, string>()
  for (const g of page.groups ?? []) for (const id of g.components) holder.set(nameOfId.get(id) ?? id, g.name)
  const byName = new Map(writes.map((w) => [w.name, w]))
  const keepsNone = (w: Change) => {
    const group = page.groups?.find((g) => g.name === w.name)
    if (w._tag !== "Update" || group === undefined) return false
    const members = (w.set.components as ReadonlyArray<string>) ?? []
    return group.components.every((id) => !members.includes(nameOfId.get(id) ?? id))
  }
  const ordered: Array<Change> = []
  const state = new Map<string, "visiting" | "done">()
  const visit = (w: Change) => {
    if (state.get(w.name) === "done") return
    if (state.get(w.name) === "visiting") {
      notes.push({
        kind: "group",
        name: w.name,
        message:
          "groups swap all their members: one of them may be emptied and deleted by Statuspage; rerun plan + apply"
      })
      return
    }
    state.set(w.name, "visiting")
    if (w._tag !== "Delete") {
      for (const member of (w.set.components as ReadonlyArray<string>) ?? []) {
        const from = holder.get(member)
        const before = from === undefined || from === w.name ? undefined : byName.get(from)
        if (before !== undefined && keepsNone(before)) visit(before)
      }
    }
    state.set(w.name, "done")
    ordered.push(w)
  }
  writes.forEach(visit)
  return ordered
}

/**
 * Reads the page (only the kinds the file manages; each list once, paged to the end) and plans.
 *
 * @since 0.1.0
 * @category Planning
 */
export const make = (
  file: PageFile,
  options: Options = {}
): Effect.Effect<Plan, StatusPageError.StatusPageError, Endpoint.Requirements> =>
  Effect.map(
    read({
      page: file.page !== undefined,
      embed: file.status_embed_config !== undefined,
      components: file.components !== undefined || file.groups !== undefined || file.templates !== undefined,
      groups: file.groups !== undefined,
      templates: file.templates !== undefined,
      providers: file.metrics_providers !== undefined
    }),
    (snapshot) => diff(file, snapshot, options)
  ).pipe(Effect.withSpan("DesiredState.plan"))

/**
 * Whether the plan writes nothing.
 *
 * @since 0.1.0
 * @category Planning
 */
export const isEmpty = (plan: Plan): boolean => plan.changes.length === 0

/**
 * The plan as JSON (decode it back with `Schema.decodeUnknown(Plan)`).
 *
 * @since 0.1.0
 * @category Printing
 */
export const toJson = (plan: Plan): string => `${JSON.stringify(plan, null, 2)}\n`

const show = (value: unknown) => JSON.stringify(value ?? null)
const label = (c: { kind: Kind; name: string; parent?: string }) =>
  c.kind === "page" || c.kind === "status_embed_config"
    ? c.kind
    : `${c.kind} ${show(c.parent === undefined ? c.name : `${c.parent}/${c.name}`)}`

/**
 * The plan as a readable diff: `+` create, `~` update (field by field, old -> new), `-` delete, `>` move,
 * `?` unmanaged, `!` note, then a summary line.
 *
 * @since 0.1.0
 * @category Printing
 */
export const render = (plan: Plan): string => {
  const lines: Array<string> = []
  for (const c of plan.changes) {
    if (c._tag === "Create") {
      lines.push(`+ ${label(c)}`)
      for (const [field, value] of Object.entries(c.set))
        if (field !== "name" && field !== "type") lines.push(`    ${field}: ${show(value)}`)
    } else if (c._tag === "Update") {
      lines.push(`~ ${label(c)}`)
      for (const f of c.changes) lines.push(`    ${f.field}: ${show(f.old)} -> ${show(f.new)}`)
    } else {
      lines.push(`- ${label(c)} (${c.id})`)
    }
  }
  for (const m of plan.moves) lines.push(`> component ${show(m.component)}: group ${show(m.from)} -> ${show(m.to)}`)
  if (!plan.prune) for (const u of plan.unmanaged) lines.push(`? ${label(u)} (${u.id}): not in the file, left alone`)
  for (const n of plan.notes) lines.push(`! ${label(n)}: ${n.message}`)
  const count = (tag: Change["_tag"]) => plan.changes.filter((c) => c._tag === tag).length
  lines.push(
    `Plan: ${count("Create")} to create, ${count("Update")} to update, ${count("Delete")} to delete, ` +
      `${plan.moves.length} moves, ${plan.unmanaged.length} unmanaged, ${plan.notes.length} notes.`
  )
  return `${lines.join("\n")}\n`
}
