/** Reading a page: each list once, paged to the end, only for the kinds a file manages. */
import {
  ComponentGroups,
  Components,
  type Endpoint,
  IncidentTemplates,
  Metrics,
  MetricsProviders,
  Pages,
  Pagination,
  StatusEmbedConfig,
  type StatusPageError
} from "@effect-statuspage/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/** What was read; a kind not asked for is `undefined`. */
export interface Snapshot {
  readonly page: Pages.Page | undefined
  readonly embed: StatusEmbedConfig.StatusEmbedConfig | undefined
  /** Components without the group rows. */
  readonly components: ReadonlyArray<Components.Component> | undefined
  readonly groups: ReadonlyArray<ComponentGroups.GroupComponent> | undefined
  readonly templates: ReadonlyArray<IncidentTemplates.IncidentTemplate> | undefined
  readonly providers: ReadonlyArray<MetricsProviders.MetricsProvider> | undefined
  readonly metrics: ReadonlyArray<Metrics.Metric> | undefined
  /** Requests made. */
  readonly reads: number
}

export interface Kinds {
  readonly page: boolean
  readonly embed: boolean
  readonly components: boolean
  readonly groups: boolean
  readonly templates: boolean
  readonly providers: boolean
}

export const read = (kinds: Kinds): Effect.Effect<Snapshot, StatusPageError.StatusPageError, Endpoint.Requirements> =>
  Effect.gen(function* () {
    let reads = 0
    const count = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.tap(effect, () => {
        reads++
      })
    const counting = <Args extends ReadonlyArray<unknown>, A, E>(
      action: Endpoint.Action<Args, A, E>
    ): Endpoint.Action<Args, A, E> =>
      Object.assign((...args: Args) => count(action(...args)), { endpoint: action.endpoint })
    const listed = <Args extends ReadonlyArray<unknown>, A, E>(
      action: Endpoint.Action<Args, ReadonlyArray<A>, E>,
      ...args: Args
    ) => Effect.map(Stream.runCollect(Pagination.stream(counting(action), ...args)), Chunk.toArray)
    const when = <A, E, R>(flag: boolean, effect: Effect.Effect<A, E, R>) =>
      flag ? Effect.asSome(effect) : Effect.succeedNone
    const page = yield* when(kinds.page, count(Pages.get()))
    const embed = yield* when(kinds.embed, count(StatusEmbedConfig.get()))
    const rows = yield* when(kinds.components, listed(Components.list))
    const groups = yield* when(kinds.groups, listed(ComponentGroups.list))
    const templates = yield* when(kinds.templates, listed(IncidentTemplates.list))
    const providers = yield* when(kinds.providers, count(MetricsProviders.list()))
    const metrics = yield* when(kinds.providers, listed(Metrics.list))
    return {
      page: Option.getOrUndefined(page),
      embed: Option.getOrUndefined(embed),
      components: Option.getOrUndefined(rows)?.filter((c) => !c.group),
      groups: Option.getOrUndefined(groups),
      templates: Option.getOrUndefined(templates),
      providers: Option.getOrUndefined(providers),
      metrics: Option.getOrUndefined(metrics),
      reads
    }
  })
