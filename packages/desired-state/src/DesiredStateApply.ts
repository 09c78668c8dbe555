/**
 * Applying a plan: its writes in its order (settings, components, groups, templates, providers, metrics, then
 * deletes), exactly those and no reads (ids come from the plan and from create answers). Pacing is the
 * `HttpClient`'s (`Policies.layer` or `StatusPageNode.layer`); progress reports done/total and an ETA from the rate
 * limit. A failure stops the apply; plan + apply again converges, since resources are matched by name.
 *
 * @since 0.1.0
 */
import {
  ComponentGroups,
  Components,
  type Endpoint,
  IncidentTemplates,
  Metrics,
  MetricsProviders,
  Pages,
  StatusEmbedConfig,
  type StatusPageError
} from "@effect-statuspage/core"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { ApplyError, CredentialError, PruneGuardError } from "./DesiredStateError.js"
import type { CredentialVariables } from "./DesiredStateFile.js"
import type { Change, Plan } from "./DesiredStatePlan.js"

/**
 * Where an apply is: `done` of `total` writes, the next `step` (or `done` at the end), and the estimated time left.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Progress {
  readonly done: number
  readonly total: number
  readonly step: string
  /**
   * Time left: the longer of the rate limit's windows still to run for all the writes (`ceil(total / limit) - 1`
   * windows since the apply began) and the pace so far; 0 at the end.
   */
  readonly etaMillis: number
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** Called before each write and once at the end (`done === total`). */
  readonly onProgress?: (progress: Progress) => Effect.Effect<void>
  /** The largest share of the managed resources on the page a plan may delete without `confirmLargePrune`. Default 0.25. */
  readonly maxPruneShare?: number
  /** The second confirmation: lets a prune go beyond `maxPruneShare`. */
  readonly confirmLargePrune?: boolean
  /** The budget the ETA assumes. Default Statuspage's: 60 requests per 60 seconds. */
  readonly rateLimit?: { readonly limit: number; readonly window: Duration.DurationInput }
  /**
   * Go on past a write the API refuses (4xx other than rate limits, or a missing credential), reporting it in
   * `Result.refused`; writes that need what it would have made are skipped. For imports. Default `false`.
   */
  readonly continueOnRefusal?: boolean
}

/**
 * @since 0.1.0
 * @category Models
 */
export interface Result {
  /** Writes sent that succeeded. */
  readonly writes: number
  /** Writes the API refused (only with `continueOnRefusal`). */
  readonly refused: ReadonlyArray<{ readonly step: string; readonly message: string }>
  /** Writes not sent because something they need was refused. */
  readonly skipped: ReadonlyArray<{ readonly step: string; readonly reason: string }>
}

/**
 * A plan's deletes against the guard: fails with `PruneGuardError` when they are more than `maxPruneShare` of the
 * managed resources on the page and `confirmLargePrune` is not set.
 *
 * @since 0.1.0
 * @category Guards
 */
export const checkPruneGuard = (plan: Plan, options: Options = {}): Effect.Effect<void, PruneGuardError> => {
  const deletes = plan.changes.filter((c) => c._tag === "Delete").length
  const maxShare = options.maxPruneShare ?? 0.25
  return deletes > 0 && deletes > maxShare * plan.managedOnPage && options.confirmLargePrune !== true
    ? Effect.fail(new PruneGuardError({ deletes, total: plan.managedOnPage, maxShare }))
    : Effect.void
}

/**
 * A write as a short phrase: `create component "API"`.
 *
 * @since 0.1.0
 * @category Printing
 */
export const describe = (change: Change): string =>
  `${change._tag.toLowerCase()} ${change.kind.replaceAll("_", " ")}${
    change.kind === "page" || change.kind === "status_embed_config"
      ? ""
      : ` ${JSON.stringify(change.parent === undefined ? change.name : `${change.parent}/${change.name}`)}`
  }`

/** A missing reference: the write that would have made it was refused. */
class Skip {
  constructor(readonly reason: string) {}
}

type WriteError = StatusPageError.StatusPageError | CredentialError

/** A refusal is the API saying no to this write; anything else (transport, 5xx, rate limit) stops the apply. */
const isRefusal = (error: WriteError) =>
  error._tag === "CredentialError" ||
  error._tag === "ResourceError" ||
  (error._tag === "RequestError" &&
    ["BadRequest", "Forbidden", "InvalidInput", "UnexpectedStatus"].includes(error.reason))

const credentials = (provider: string, from: CredentialVariables | undefined) =>
  Effect.forEach(Object.entries(from ?? {}), ([field, variable]) =>
    Config.redacted(variable).pipe(
      Effect.map((value) => [field, value] as const),
      Effect.mapError(() => new CredentialError({ provider, variable }))
    )
  ).pipe(Effect.map(Object.fromEntries))

/**
 * Carries out `plan`. Fails with `PruneGuardError` before any write when the guard stops it, and with `ApplyError`
 * (how far it got, and why) at the first write that fails.
 *
 * @since 0.1.0
 * @category Applying
 */
export const apply = (
  plan: Plan,
  options: Options = {}
): Effect.Effect<Result, ApplyError | PruneGuardError, Endpoint.Requirements> =>
  Effect.gen(function* () {
    yield* checkPruneGuard(plan, options)
    const ids = {
      components: { ...plan.ids.components },
      groups: { ...plan.ids.groups },
      providers: { ...plan.ids.providers }
    }
    const refusedNames = new Set<string>()
    const resolve = (table: Record<string, string>, kind: string, name: string) => {
      const id = table[name]
      if (id !== undefined) return id
      throw new Skip(`${kind} ${JSON.stringify(name)} was not created`)
    }
    // a plan is data (perhaps read back from JSON): each action validates its input with its own schema
    const set = (c: Change): any => (c._tag === "Delete" ? {} : c.set)

    const write = (c: Change): Effect.Effect<void, WriteError, Endpoint.Requirements> => {
      const s = set(c)
      switch (`${c._tag}:${c.kind}`) {
        case "Update:page":
          return Pages.update(s)
        case "Update:status_embed_config":
          return StatusEmbedConfig.update(s)
        case "Create:component":
          return Effect.map(Components.create(s), (made) => {
            ids.components[c.name] = made.id
          })
        case "Update:component":
          return Components.update((c as { id: string }).id, s)
        case "Create:group":
        case "Update:group": {
          // members whose create was refused are left out; any other missing member is a skip
          const members = (s.components as Array<string>).filter((m) => !refusedNames.has(`component:${m}`))
          const input: ComponentGroups.ComponentGroupInput = {
            ...s,
            components: members.map((m) => resolve(ids.components, "component", m))
          }
          if (input.components.length === 0) throw new Skip("none of its members was created")
          return c._tag === "Create"
            ? Effect.map(ComponentGroups.create(input), (made) => {
                ids.groups[c.name] = made.id
              })
            : ComponentGroups.update(c.id, input)
        }
        case "Create:template": {
          const { components, ...rest } = s
          const component_ids = ((components ?? []) as Array<string>).map((m) =>
            resolve(ids.components, "component", m)
          )
          return IncidentTemplates.create({ ...rest, ...(component_ids.length > 0 ? { component_ids } : {}) })
        }
        case "Create:metrics_provider": {
          const { credentials_from, ...rest } = s
          return Effect.flatMap(credentials(c.name, credentials_from), (secret) =>
            Effect.map(MetricsProviders.create({ ...rest, ...secret }), (made) => {
              ids.providers[c.name] = made.id
            })
          )
        }
        case "Update:metrics_provider":
          return MetricsProviders.update((c as { id: string }).id, s)
        case "Create:metric":
          return Metrics.create(resolve(ids.providers, "metrics provider", c.parent!), s)
        case "Update:metric":
          return Metrics.update((c as { id: string }).id, s)
        case "Delete:component":
          return Components.delete((c as { id: string }).id)
        case "Delete:group":
          return ComponentGroups.delete((c as { id: string }).id)
        case "Delete:metrics_provider":
          return MetricsProviders.delete((c as { id: string }).id)
        case "Delete:metric":
          return Metrics.delete((c as { id: string }).id)
      }
      return Effect.dieMessage(`a plan cannot ${describe(c)}`)
    }

    const total = plan.changes.length
    const { limit, window } = options.rateLimit ?? { limit: 60, window: "60 seconds" }
    const windowMillis = Duration.toMillis(Duration.decode(window))
    const start = yield* Clock.currentTimeMillis
    const report = (done: number, step: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (options.onProgress === undefined) return Effect.void
        const elapsed = now - start
        // the rate limit lets `limit` through per window; below that, the pace so far is the better guess
        const byBudget = (Math.ceil(total / limit) - 1) * windowMillis - elapsed
        const byPace = done === 0 ? 0 : ((total - done) * elapsed) / done
        const etaMillis = done === total ? 0 : Math.max(0, Math.round(Math.max(byBudget, byPace)))
        return options.onProgress({ done, total, step, etaMillis })
      })

    let writes = 0
    const refused: Array<{ step: string; message: string }> = []
    const skipped: Array<{ step: string; reason: string }> = []
    for (const [i, change] of plan.changes.entries()) {
      const step = describe(change)
      yield* report(i, step)
      const attempt = Effect.suspend((): Effect.Effect<Skip | undefined, WriteError, Endpoint.Requirements> => {
        try {
          return Effect.as(write(change), undefined)
        } catch (skip) {
          if (skip instanceof Skip) return Effect.succeed(skip)
          throw skip
        }
      })
      const outcome: Skip | "refused" | undefined = yield* attempt.pipe(
        // a delete of something already gone (a crash after the server made it) is done
        Effect.catchIf(
          (e) => change._tag === "Delete" && e._tag === "ResourceError" && e.reason === "NotFound",
          () => Effect.succeed(undefined)
        ),
        Effect.catchIf(
          (e) => options.continueOnRefusal === true && isRefusal(e),
          (e) =>
            Effect.sync(() => {
              refusedNames.add(`${change.kind}:${change.name}`)
              refused.push({ step, message: e.message })
              return "refused" as const
            })
        ),
        Effect.mapError((cause) => new ApplyError({ done: i, total, step, cause }))
      )
      if (outcome instanceof Skip) {
        if (options.continueOnRefusal !== true) {
          return yield* new ApplyError({ done: i, total, step, cause: new Error(outcome.reason) })
        }
        skipped.push({ step, reason: outcome.reason })
      } else if (outcome !== "refused") writes++
    }
    yield* report(total, "done")
    return { writes, refused, skipped }
  }).pipe(Effect.withSpan("DesiredState.apply"))
