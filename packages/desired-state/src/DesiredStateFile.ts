/**
 * The file: a page's configuration in YAML or JSON, resources named (never by id), group membership declared on the
 * group side only. `parse` validates it with `effect/Schema` and reports every problem with its line; `jsonSchema`
 * is the same schema for editors.
 *
 * A section left out of the file is not managed at all (not read, never pruned); a section present, even empty,
 * manages its whole kind. Within a resource, a field left out is not managed either: only fields the file states
 * are compared and written.
 *
 * @since 0.1.0
 */
import { IncidentTemplates, Metrics, Pages, StatusEmbedConfig } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as YAML from "yaml"
import { FileError, type FileIssue } from "./DesiredStateError.js"

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

const Name = Schema.String.pipe(Schema.minLength(1)).annotations({ description: "a name, unique within its kind" })
const Names = Schema.Array(Name)

/**
 * A component. `renamed_from` turns a rename into an update (without it a rename is a delete and a create).
 * `position` cannot be set through the API: a difference is reported as a note, never written.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ComponentSpec = Schema.Struct({
  name: Name,
  renamed_from: optional(Name),
  description: optional(Schema.String),
  showcase: optional(Schema.Boolean),
  only_show_if_degraded: optional(Schema.Boolean),
  start_date: optional(
    Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({ description: "YYYY-MM-DD" })
  ),
  position: optional(Schema.Int.annotations({ description: "read-only on the API: compared, never written" }))
}).annotations({ identifier: "ComponentSpec", description: "a component (its status is never managed)" })
export type ComponentSpec = typeof ComponentSpec.Type

/**
 * A component group and its members, by name. This is the only place membership is declared: a managed component
 * listed in no group is in no group.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const GroupSpec = Schema.Struct({
  name: Name,
  renamed_from: optional(Name),
  description: optional(Schema.String),
  components: Names.pipe(Schema.minItems(1)).annotations({ description: "member components, by name (not empty)" })
}).annotations({ identifier: "GroupSpec", description: "a component group" })
export type GroupSpec = typeof GroupSpec.Type

/**
 * An incident template. The API can only create templates: a changed or removed template is reported as a note.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const TemplateSpec = Schema.Struct({
  name: Name,
  title: Name,
  body: Name,
  update_status: IncidentTemplates.IncidentTemplateCreate.fields.update_status,
  should_tweet: optional(Schema.Boolean),
  should_send_notifications: optional(Schema.Boolean),
  components: optional(Names)
}).annotations({ identifier: "TemplateSpec", description: "an incident template (create-only on the API)" })
export type TemplateSpec = typeof TemplateSpec.Type

/**
 * A metric of a provider. Only `name` and `metric_identifier` can change after creation; a difference in the display
 * settings is reported as a note.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const MetricSpec = Schema.Struct({
  ...Metrics.MetricCreate.fields,
  transform: optional(Schema.Literal("average", "count", "max", "min", "sum"))
}).annotations({ identifier: "MetricSpec", description: "a metric" })
export type MetricSpec = typeof MetricSpec.Type

/**
 * The credential fields a provider may need, each the name of a config variable (read with `Config.redacted` when
 * the provider is created): secrets never live in the file or in a plan.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const CredentialVariables = Schema.Struct({
  email: optional(Name),
  password: optional(Name),
  api_key: optional(Name),
  api_token: optional(Name),
  application_key: optional(Name)
}).annotations({ identifier: "CredentialVariables", description: "config variable names, never the values" })
export type CredentialVariables = typeof CredentialVariables.Type

/**
 * A metrics provider, named by its type (one of each type per page), and its metrics.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const ProviderSpec = Schema.Struct({
  type: Schema.Literal("Pingdom", "NewRelic", "Librato", "Datadog", "Self"),
  metric_base_uri: optional(Schema.String),
  credentials_from: optional(CredentialVariables),
  metrics: optional(Schema.Array(MetricSpec))
}).annotations({ identifier: "ProviderSpec", description: "a metrics provider and its metrics" })
export type ProviderSpec = typeof ProviderSpec.Type

/**
 * The whole file.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const PageFile = Schema.Struct({
  $schema: optional(Schema.String),
  version: Schema.Literal(1),
  page: optional(Pages.PageUpdate),
  status_embed_config: optional(StatusEmbedConfig.StatusEmbedConfigUpdate),
  components: optional(Schema.Array(ComponentSpec)),
  groups: optional(Schema.Array(GroupSpec)),
  templates: optional(Schema.Array(TemplateSpec)),
  metrics_providers: optional(Schema.Array(ProviderSpec))
}).annotations({ identifier: "PageFile", title: "Statuspage desired state" })
export type PageFile = typeof PageFile.Type

/**
 * The JSON Schema of the file, for editor completion (`statuspage.schema.json` in this package is this value).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const jsonSchema: JSONSchema.JsonSchema7Root = JSONSchema.make(PageFile)

/**
 * @since 0.1.0
 * @category Models
 */
export type Format = "yaml" | "json"

/** The rules a schema cannot state: unique names, members that exist, one group per component. */
const crossCheck = (file: PageFile): Array<{ path: ReadonlyArray<PropertyKey>; message: string }> => {
  const issues: Array<{ path: ReadonlyArray<PropertyKey>; message: string }> = []
  const unique = <A>(items: ReadonlyArray<A> | undefined, key: (a: A) => string, at: ReadonlyArray<PropertyKey>) => {
    const seen = new Set<string>()
    items?.forEach((item, i) => {
      const k = key(item)
      if (seen.has(k)) issues.push({ path: [...at, i], message: `"${k}" is declared twice` })
      seen.add(k)
    })
  }
  unique(file.components, (c) => c.name, ["components"])
  unique(file.groups, (g) => g.name, ["groups"])
  unique(file.templates, (t) => t.name, ["templates"])
  unique(file.metrics_providers, (p) => p.type, ["metrics_providers"])
  for (const [i, p] of (file.metrics_providers ?? []).entries()) {
    unique(p.metrics, (m) => m.name, ["metrics_providers", i, "metrics"])
  }
  const declared = file.components === undefined ? undefined : new Set(file.components.map((c) => c.name))
  const undeclared = (member: string, at: ReadonlyArray<PropertyKey>) => {
    if (declared !== undefined && !declared.has(member)) {
      issues.push({ path: at, message: `no component "${member}" in components` })
    }
  }
  const groupOf = new Map<string, string>()
  for (const [g, group] of (file.groups ?? []).entries()) {
    for (const [m, member] of group.components.entries()) {
      const at = ["groups", g, "components", m]
      undeclared(member, at)
      const other = groupOf.get(member)
      if (other !== undefined) issues.push({ path: at, message: `"${member}" is already a member of "${other}"` })
      else groupOf.set(member, group.name)
    }
  }
  for (const [i, t] of (file.templates ?? []).entries()) {
    for (const [m, member] of (t.components ?? []).entries()) undeclared(member, ["templates", i, "components", m])
  }
  return issues
}

const formatPath = (path: ReadonlyArray<PropertyKey>) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("")

const decode = Schema.decodeUnknownEither(PageFile, { errors: "all", onExcessProperty: "error" })

/**
 * Reads a file's text: YAML (JSON is YAML too, so either parses), validated against `PageFile`. Fails with a
 * `FileError` listing every problem with its line and column. `file` names the file in messages.
 *
 * @since 0.1.0
 * @category Parsing
 */
export const parse = (text: string, file = "<input>"): Effect.Effect<PageFile, FileError> =>
  Effect.suspend(() => {
    const lines = new YAML.LineCounter()
    const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
    const at = (offset: number) => lines.linePos(offset)
    if (doc.errors.length > 0) {
      return Effect.fail(
        new FileError({
          file,
          issues: doc.errors.map((e) => ({ path: "", ...lineCol(at(e.pos[0])), message: e.message.split("\n")[0]! }))
        })
      )
    }
    // the nearest node on the path: a missing key points at the mapping that lacks it
    const locate = (path: ReadonlyArray<PropertyKey>): FileIssue => {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as Array<unknown>, true)
        const range = YAML.isNode(node) ? node.range : undefined
        if (range) return { path: formatPath(path), ...lineCol(at(range[0])), message: "" }
      }
      return { path: formatPath(path), line: 0, column: 0, message: "" }
    }
    const decoded = decode(doc.toJS())
    if (Either.isLeft(decoded)) {
      const issues = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
      return Effect.fail(
        new FileError({ file, issues: issues.map((i) => ({ ...locate(i.path), message: i.message })) })
      )
    }
    const problems = crossCheck(decoded.right)
    return problems.length === 0
      ? Effect.succeed(decoded.right)
      : Effect.fail(new FileError({ file, issues: problems.map((p) => ({ ...locate(p.path), message: p.message })) }))
  })

const lineCol = (pos: { line: number; col: number }) => ({ line: pos.line, column: pos.col })

/**
 * Writes a file: YAML with a `yaml-language-server` line pointing at the JSON Schema, or JSON (2-space indent).
 *
 * @since 0.1.0
 * @category Printing
 */
export const stringify = (file: PageFile, format: Format = "yaml", schemaUrl = defaultSchemaUrl): string =>
  format === "json"
    ? `${JSON.stringify({ $schema: schemaUrl, ...file }, null, 2)}\n`
    : `# yaml-language-server: $schema=${schemaUrl}\n${YAML.stringify(file, { lineWidth: 0 })}`

/**
 * Where the JSON Schema is found once the package is installed.
 *
 * @since 0.1.0
 * @category Constants
 */
export const defaultSchemaUrl = "./node_modules/@effect-statuspage/desired-state/statuspage.schema.json"
