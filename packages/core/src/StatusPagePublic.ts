/**
 * The public Status API v2 of any Statuspage-hosted page (`https://<status host>/api/v2/<endpoint>.json`):
 * read-only, no key needed. A key for a private page is sent as `Authorization: OAuth <key>` and never logged.
 *
 * Requests go through the `HttpClient` in context, so the same policy layers (timeouts, retries) apply, and failures
 * are the same tagged errors as the Manage API's.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import { validateBaseUrl } from "./internal/baseUrl.js"
import { DEFAULT_MAX_RESPONSE_SIZE, MAX_RESPONSE_SIZE_LIMIT } from "./internal/bounds.js"
import { decodeResponse } from "./internal/decode.js"
import type { RequestInfo } from "./internal/errorMapping.js"
import { decoder } from "./internal/fastDecode.js"
import { compile } from "./internal/path.js"
import type { Limits } from "./internal/policyContract.js"
import { buildRequest, noPlaceholders, withoutParts } from "./internal/request.js"
import { makeOrigin, type Origin, readApiKey } from "./internal/requestHeaders.js"
import {
  ComponentsResponse,
  IncidentsResponse,
  MaintenancesResponse,
  StatusResponse,
  Summary
} from "./internal/schema/public.js"
import { send, traced } from "./internal/send.js"
import { defaultUserAgent } from "./StatusPageConfig.js"
import { ConfigurationError, type HttpError } from "./StatusPageError.js"

export {
  /**
   * @since 0.1.0
   * @category Schemas
   */
  ComponentsResponse,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  IncidentsResponse,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MaintenanceStatus,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  MaintenancesResponse,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PageStatus,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicComponent,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicIncident,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicIncidentStatus,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicIncidentUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicMaintenance,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicMaintenanceUpdate,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  PublicPage,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  StatusIndicator,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  StatusResponse,
  /**
   * @since 0.1.0
   * @category Schemas
   */
  Summary
} from "./internal/schema/public.js"

/**
 * @since 0.1.0
 * @category Models
 */
export interface Options {
  /** The status page, e.g. `https://www.githubstatus.com`: https, or plain http only to a loopback host. */
  readonly baseUrl: string
  /** Only for private (audience-specific) pages. */
  readonly apiKey?: Redacted.Redacted | string | undefined
  readonly userAgent?: string | undefined
  /** Debug logs of method, URL template, outcome and duration (never the key). */
  readonly verbose?: boolean | undefined
  /**
   * Bounds each call when the client in context has no `Timeout` layer: default 30 seconds, body included (with the
   * layer, its per-attempt timeout applies instead).
   */
  readonly timeout?: Duration.DurationInput | undefined
  /** The largest response body, in bytes, under the same rule; default 64 MiB. */
  readonly maxResponseSize?: number | undefined
}

/**
 * A client for one page. Every method needs only an `HttpClient`.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Client {
  /** The validated base URL, without a trailing slash. */
  readonly baseUrl: string
  /** `GET /api/v2/summary.json`: the rollup, every component, unresolved incidents, upcoming and active maintenances. */
  readonly summary: () => Effect.Effect<Summary, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/status.json`: the rollup only. */
  readonly status: () => Effect.Effect<StatusResponse, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/components.json`: every component, group rows included. */
  readonly components: () => Effect.Effect<ComponentsResponse, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/incidents.json`: the 50 most recent incidents in any state. */
  readonly incidents: () => Effect.Effect<IncidentsResponse, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/incidents/unresolved.json`: incidents investigating, identified or monitoring. */
  readonly unresolvedIncidents: () => Effect.Effect<IncidentsResponse, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/scheduled-maintenances.json`: the 50 most recent maintenances. */
  readonly scheduledMaintenances: () => Effect.Effect<MaintenancesResponse, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/scheduled-maintenances/upcoming.json`: maintenances still `scheduled`. */
  readonly upcomingMaintenances: () => Effect.Effect<MaintenancesResponse, HttpError, HttpClient.HttpClient>
  /** `GET /api/v2/scheduled-maintenances/active.json`: maintenances `in_progress` or `verifying`. */
  readonly activeMaintenances: () => Effect.Effect<MaintenancesResponse, HttpError, HttpClient.HttpClient>
}

/**
 * The client of one page, for programs that read a single page.
 *
 * @since 0.1.0
 * @category Context
 */
export class StatusPagePublic extends Context.Tag("@effect-statuspage/StatusPagePublic")<StatusPagePublic, Client>() {}

/** What a request needs from the page; kept off the `Client` so the key never shows when it is printed. */
interface Page {
  readonly origin: Origin
  readonly verbose: boolean
  readonly limits: Limits
}

/** One public endpoint: its request info, path and decoder are built once, here. */
const declare = <A, I>(name: string, endpoint: string, schema: Schema.Schema<A, I>) => {
  const info: RequestInfo = { method: "GET", urlTemplate: `/api/v2/${endpoint}.json` }
  const compiledPath = compile(info.urlTemplate)
  const onSuccess = decodeResponse(info, decoder(schema))
  const spanName = `StatusPage.public.${name}`
  return (page: Page): Effect.Effect<A, HttpError, HttpClient.HttpClient> =>
    traced(
      spanName,
      info,
      page.verbose,
      Effect.flatMap(HttpClient.HttpClient, (client) => {
        const request = buildRequest(info, compiledPath, page.origin, noPlaceholders, withoutParts)
        // a path without placeholders cannot fail to fill
        return send(info, page.origin.secrets, client, Either.getOrThrow(request), page.limits, onSuccess)
      })
    )
}

const endpoints = {
  summary: declare("summary", "summary", Summary),
  status: declare("status", "status", StatusResponse),
  components: declare("components", "components", ComponentsResponse),
  incidents: declare("incidents", "incidents", IncidentsResponse),
  unresolvedIncidents: declare("unresolvedIncidents", "incidents/unresolved", IncidentsResponse),
  scheduledMaintenances: declare("scheduledMaintenances", "scheduled-maintenances", MaintenancesResponse),
  upcomingMaintenances: declare("upcomingMaintenances", "scheduled-maintenances/upcoming", MaintenancesResponse),
  activeMaintenances: declare("activeMaintenances", "scheduled-maintenances/active", MaintenancesResponse)
}

const setting = (name: string) => `${name} (StatusPagePublic)`

const limitsFrom = (options: Options): Effect.Effect<Limits, ConfigurationError> => {
  const duration = Duration.decodeUnknown(options.timeout ?? "30 seconds")
  if (Option.isNone(duration) || !Duration.isFinite(duration.value) || Duration.toMillis(duration.value) <= 0) {
    return Effect.fail(
      new ConfigurationError({
        reason: "Invalid",
        setting: setting("timeout"),
        message: "the timeout must be a finite, positive duration"
      })
    )
  }
  const limit = options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_RESPONSE_SIZE_LIMIT) {
    return Effect.fail(
      new ConfigurationError({
        reason: "Invalid",
        setting: setting("maxResponseSize"),
        message: "maxResponseSize must be a whole number of bytes from 1 to 268435456 (256 MiB)"
      })
    )
  }
  return Effect.succeed({ duration: duration.value, limit })
}

/**
 * Validates the options into a client for one page.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (options: Options): Effect.Effect<Client, ConfigurationError> =>
  Effect.gen(function* () {
    // Pages link their API as `<page>/api/v2`; accept that spelling too.
    const raw = options.baseUrl
      .trim()
      .replace(/\/+$/, "")
      .replace(/\/api\/v2$/, "")
    const baseUrl = yield* validateBaseUrl(raw, setting("baseUrl"), "https://www.githubstatus.com")
    const key = yield* readApiKey(options.apiKey, setting("apiKey"))
    const userAgent = options.userAgent?.trim()
    const page: Page = {
      origin: makeOrigin(baseUrl, key, userAgent === undefined || userAgent === "" ? defaultUserAgent : userAgent),
      verbose: options.verbose ?? false,
      limits: yield* limitsFrom(options)
    }
    return {
      baseUrl,
      summary: () => endpoints.summary(page),
      status: () => endpoints.status(page),
      components: () => endpoints.components(page),
      incidents: () => endpoints.incidents(page),
      unresolvedIncidents: () => endpoints.unresolvedIncidents(page),
      scheduledMaintenances: () => endpoints.scheduledMaintenances(page),
      upcomingMaintenances: () => endpoints.upcomingMaintenances(page),
      activeMaintenances: () => endpoints.activeMaintenances(page)
    }
  })

/**
 * @since 0.1.0
 * @category Layers
 */
export const layer = (options: Options): Layer.Layer<StatusPagePublic, ConfigurationError> =>
  Layer.effect(StatusPagePublic, make(options))
