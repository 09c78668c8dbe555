/**
 * The routing config: which alerts go where on the page. Written in YAML (see `examples/bridge.yaml`), validated
 * with Schema; every error names the line and column it comes from.
 *
 * ```yaml
 * flapping: { min_firing: 1m, min_quiet: 5m }
 * routes:
 *   - name: api
 *     match: { service: api }              # label = value, all must hold
 *     match_re: { severity: critical|warning }  # anchored regular expressions
 *     components: [API, "{{ labels.component }}"]
 *     status: { critical: major_outage, warning: partial_outage, default: degraded_performance }
 *     incident:
 *       name: "{{ labels.alertname }} on {{ labels.service }}"
 *       body: "{{ annotations.summary }}"
 *       impact: { critical: major, default: minor }
 *     key: "{{ labels.alertname }}"        # default: the group key, or the matched labels
 *     deliver_notifications: false
 * ```
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { isNode, LineCounter, parseDocument } from "yaml"
import { deepestIssue } from "./internal/issue.js"
import * as Template from "./internal/template.js"

/**
 * A config that could not be read: `Unreadable` (the file), `Syntax` (not YAML) or `Invalid` (YAML that does not describe a config), at
 * `line`/`column` (1-based) of `source`, and `path` inside the document.
 *
 * @since 0.1.0
 * @category Errors
 */
export class BridgeConfigError extends Schema.TaggedError<BridgeConfigError>(
  "@effect-statuspage/bridge/BridgeConfigError"
)("BridgeConfigError", {
  reason: Schema.Literal("Unreadable", "Syntax", "Invalid"),
  source: Schema.String,
  line: Schema.Number,
  column: Schema.Number,
  path: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.source}:${this.line}:${this.column}: ${this.path === "" ? "" : `${this.path}: `}${this.detail}`
  }
}

/** `90s`, `2m`, `1h30m`, `500ms`: Prometheus-style durations, as in Alertmanager's own config. */
const durationText = /^(?:\d+(?:ms|s|m|h))+$/
const unitMillis: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

const Millis = Schema.transformOrFail(Schema.String, Schema.Number, {
  strict: true,
  decode: (text, _, ast) => {
    if (!durationText.test(text)) {
      return ParseResult.fail(new ParseResult.Type(ast, text, `expected a duration like 90s, 2m or 1h30m`))
    }
    let total = 0
    for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h)/g)) total += Number(amount) * unitMillis[unit!]!
    return ParseResult.succeed(total)
  },
  encode: (millis) => ParseResult.succeed(`${millis}ms`)
})

const TemplateText = Schema.String.pipe(
  Schema.filter((text) => Either.match(Template.compile(text), { onLeft: (e) => e, onRight: () => true }))
)

const RegexText = Schema.String.pipe(
  Schema.filter((text) => {
    try {
      new RegExp(`^(?:${text})$`)
      return true
    } catch (e) {
      return `invalid regular expression: ${(e as Error).message}`
    }
  })
)

const Name = Schema.String.pipe(Schema.minLength(1))
const Labels = Schema.Record({ key: Name, value: Schema.String })

/**
 * @since 0.1.0
 * @category Schemas
 */
export const ComponentStatus = Schema.Literal(
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance"
)

/**
 * @since 0.1.0
 * @category Schemas
 */
export const Impact = Schema.Literal("none", "minor", "major", "critical")

const BySeverity = <A, I>(value: Schema.Schema<A, I>) => Schema.Union(value, Schema.Record({ key: Name, value }))

const Incident = Schema.Struct({
  name: TemplateText,
  body: Schema.optionalWith(TemplateText, { exact: true }),
  resolve_body: Schema.optionalWith(TemplateText, { exact: true }),
  impact: Schema.optionalWith(BySeverity(Impact), { exact: true }),
  status: Schema.optionalWith(Schema.Literal("investigating", "identified", "monitoring"), { exact: true })
})

/**
 * One route: alerts whose labels match go to its components (and incident). The first matching route wins.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Route = Schema.Struct({
  name: Name,
  match: Schema.optionalWith(Labels, { exact: true }),
  match_re: Schema.optionalWith(Schema.Record({ key: Name, value: RegexText }), { exact: true }),
  components: Schema.optionalWith(Schema.Array(TemplateText), { exact: true }),
  status: Schema.optionalWith(BySeverity(ComponentStatus), { exact: true }),
  incident: Schema.optionalWith(Schema.Union(Incident, Schema.Literal(false)), { exact: true }),
  key: Schema.optionalWith(TemplateText, { exact: true }),
  deliver_notifications: Schema.optionalWith(Schema.Boolean, { exact: true })
})
export type Route = typeof Route.Type

const Auth = Schema.Struct({
  bearer_token_env: Schema.optionalWith(Name, { exact: true }),
  basic: Schema.optionalWith(Schema.Struct({ username: Name, password_env: Name }), { exact: true })
})

/**
 * The whole file. Secrets are never in it: `auth` names the environment variables that hold them.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const BridgeConfig = Schema.Struct({
  /** The label whose value picks a route's status and impact; default `severity`. */
  severity_label: Schema.optionalWith(Name, { exact: true }),
  flapping: Schema.optionalWith(
    Schema.Struct({
      /** An alert counts only once it has been firing this long. */
      min_firing: Schema.optionalWith(Millis, { exact: true }),
      /** A key resolves only once all its alerts have been resolved this long. */
      min_quiet: Schema.optionalWith(Millis, { exact: true })
    }),
    { exact: true }
  ),
  auth: Schema.optionalWith(Auth, { exact: true }),
  /** Default 1 MiB. */
  max_body_bytes: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
  /** Keys published at once; default 4. */
  concurrency: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
  /** How long changes gather before a round of writes; default 1s. */
  settle: Schema.optionalWith(Millis, { exact: true }),
  /** Wait before a failed key is tried again; default 30s. */
  retry: Schema.optionalWith(Millis, { exact: true }),
  /** How long a stop waits for the queued writes; default 30s. */
  drain_timeout: Schema.optionalWith(Millis, { exact: true }),
  routes: Schema.NonEmptyArray(Route)
}).pipe(
  Schema.filter((config) => {
    const seen = new Set<string>()
    for (const [i, route] of config.routes.entries()) {
      if (seen.has(route.name)) return { path: ["routes", i, "name"], message: `duplicate route name ${route.name}` }
      seen.add(route.name)
    }
    return true
  })
)
export type BridgeConfig = typeof BridgeConfig.Type

const decodeConfig = Schema.decodeUnknownEither(BridgeConfig, { onExcessProperty: "error", errors: "all" })

/**
 * Parses and validates YAML text; `source` names it in errors (a file name).
 *
 * @since 0.1.0
 * @category Constructors
 */
export const parse = (text: string, source = "bridge.yaml"): Either.Either<BridgeConfig, BridgeConfigError> => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true })
  const syntax = doc.errors[0]
  if (syntax !== undefined) {
    const at = syntax.linePos?.[0] ?? { line: 1, col: 1 }
    const detail = syntax.message.split("\n")[0] ?? syntax.message
    return Either.left(
      new BridgeConfigError({ reason: "Syntax", source, line: at.line, column: at.col, path: "", detail })
    )
  }
  return Either.mapLeft(decodeConfig(doc.toJS()), (error) => {
    const issue = deepestIssue(error)
    const path = issue?.path ?? []
    // The deepest node that exists: a missing key points at the object that lacks it.
    let offset = 0
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
      if (isNode(node) && node.range) {
        offset = node.range[0]
        break
      }
    }
    const at = lineCounter.linePos(offset)
    return new BridgeConfigError({
      reason: "Invalid",
      source,
      line: at.line,
      column: at.col,
      path: path.map(String).join("."),
      detail: issue?.message ?? error.message
    })
  })
}

/**
 * Reads the environment variables `auth` names, as redacted values.
 *
 * @since 0.1.0
 * @category Constructors
 */
export const auth = (config: BridgeConfig): Effect.Effect<Credentials, ConfigError.ConfigError> =>
  Effect.gen(function* () {
    const given = config.auth
    const bearer = given?.bearer_token_env === undefined ? undefined : yield* Config.redacted(given.bearer_token_env)
    const basic =
      given?.basic === undefined
        ? undefined
        : { username: given.basic.username, password: yield* Config.redacted(given.basic.password_env) }
    return { ...(bearer === undefined ? {} : { bearer }), ...(basic === undefined ? {} : { basic }) }
  })

/**
 * What a request may present: a bearer token, or a user and password (basic auth). Neither: no authentication.
 *
 * @since 0.1.0
 * @category Models
 */
export interface Credentials {
  readonly bearer?: Redacted.Redacted
  readonly basic?: { readonly username: string; readonly password: Redacted.Redacted }
}

/**
 * A route's `status` or `impact` for a severity: the setting itself when it is one value, else its entry for the
 * severity, else its `default` entry, else `fallback`.
 *
 * @since 0.1.0
 * @category Getters
 */
export const bySeverity = <A extends string>(
  setting: A | Readonly<Record<string, A>> | undefined,
  severity: string,
  fallback: A
): A => {
  if (setting === undefined) return fallback
  if (typeof setting === "string") return setting
  return setting[severity] ?? setting.default ?? fallback
}
