/**
 * Export: a page's configuration as a file which, applied to the same page, plans to nothing. Import: that file
 * applied to another page (the page of the `StatusPageConfig` in context, or a per-call `pageId` there), going on
 * past what the API refuses and reporting it.
 *
 * @since 0.1.0
 */
import type { Endpoint, StatusPageError } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as DesiredStateApply from "./DesiredStateApply.js"
import type { ApplyError, PruneGuardError } from "./DesiredStateError.js"
import type { ComponentSpec, GroupSpec, MetricSpec, PageFile, ProviderSpec, TemplateSpec } from "./DesiredStateFile.js"
import * as DesiredStatePlan from "./DesiredStatePlan.js"
import { componentFields, embedFields, metricFields, pageFields, templateFields } from "./internal/fields.js"
import { read } from "./internal/read.js"

/** The fields of `value` that are set (neither `null` nor absent). */
const present = <K extends string>(value: Readonly<Record<string, unknown>>, fields: ReadonlyArray<K>) =>
  Object.fromEntries(fields.flatMap((f) => (value[f] === null || value[f] === undefined ? [] : [[f, value[f]]])))

/**
 * @since 0.1.0
 * @category Models
 */
export interface Exported {
  readonly file: PageFile
  /** What the file leaves out and why (a second resource with a taken name, a value the format cannot hold). */
  readonly notes: ReadonlyArray<string>
}

/**
 * Reads the whole configuration of the page (each list once) and writes it as a file. Provider credentials cannot
 * be read back: add `credentials_from` before importing to another page.
 *
 * @since 0.1.0
 * @category Export
 */
export const exportPage = (): Effect.Effect<Exported, StatusPageError.StatusPageError, Endpoint.Requirements> =>
  Effect.map(
    read({ page: true, embed: true, components: true, groups: true, templates: true, providers: true }),
    (page) => {
      const notes: Array<string> = []
      const firstByName = <A extends { readonly name: string }>(kind: string, items: ReadonlyArray<A>) => {
        const seen = new Set<string>()
        return items.filter((item) => {
          if (!seen.has(item.name)) return seen.add(item.name)
          notes.push(`${kind} "${item.name}" appears twice on the page: only the first is exported`)
          return false
        })
      }
      const components = firstByName("component", page.components ?? [])
      const nameOf = new Map(components.map((c) => [c.id, c.name]))
      const componentSpecs: Array<ComponentSpec> = components.map((c) => ({
        name: c.name,
        ...present(
          c,
          componentFields.filter((f) => f !== "name")
        )
      }))
      const groupSpecs: Array<GroupSpec> = firstByName("group", page.groups ?? []).flatMap((g) => {
        const members = g.components.flatMap((id) => nameOf.get(id) ?? [])
        if (members.length > 0) return [{ name: g.name, ...present(g, ["description"]), components: members }]
        notes.push(`group "${g.name}" has no members: left out (a group cannot be empty)`)
        return []
      })
      const templateSpecs: Array<TemplateSpec> = firstByName("template", page.templates ?? []).map((t) => ({
        name: t.name,
        ...present(t, templateFields),
        ...(t.components.length > 0 ? { components: t.components.map((c) => c.name) } : {})
      })) as unknown as Array<TemplateSpec>
      const providerSpecs: Array<ProviderSpec> = (page.providers ?? []).map((p) => ({
        type: p.type as ProviderSpec["type"],
        ...present(p, ["metric_base_uri"]),
        metrics: firstByName(
          `metric of ${p.type}`,
          (page.metrics ?? []).filter((m) => m.metrics_provider_id === p.id)
        ).map((m) => {
          // `transform` is not on the model: it cannot be read back
          const spec = present(m, metricFields)
          for (const axis of ["y_axis_min", "y_axis_max"] as const) {
            if (spec[axis] !== undefined && !Number.isInteger(spec[axis])) {
              notes.push(`metric "${m.name}": ${axis} ${spec[axis]} is not an integer, which creation takes: left out`)
              delete spec[axis]
            }
          }
          return spec as MetricSpec
        })
      }))
      const file: PageFile = {
        version: 1,
        ...(page.page === undefined ? {} : { page: present(page.page, pageFields) }),
        ...(page.embed === undefined ? {} : { status_embed_config: present(page.embed, embedFields) }),
        components: componentSpecs,
        groups: groupSpecs,
        templates: templateSpecs,
        metrics_providers: providerSpecs
      }
      return { file, notes }
    }
  ).pipe(Effect.withSpan("DesiredState.export"))

/**
 * @since 0.1.0
 * @category Models
 */
export interface Imported {
  readonly plan: DesiredStatePlan.Plan
  readonly result: DesiredStateApply.Result
}

/**
 * Applies a file to the page in context (usually another page than the one it was exported from): plan without
 * prune, then apply going on past refusals, which the result lists (`refused`, and `skipped` for what needed them).
 *
 * @since 0.1.0
 * @category Import
 */
export const importFile = (
  file: PageFile,
  options: Omit<DesiredStateApply.Options, "continueOnRefusal"> = {}
): Effect.Effect<Imported, StatusPageError.StatusPageError | ApplyError | PruneGuardError, Endpoint.Requirements> =>
  Effect.gen(function* () {
    const plan = yield* DesiredStatePlan.make(file)
    const result = yield* DesiredStateApply.apply(plan, { ...options, continueOnRefusal: true })
    return { plan, result }
  })
