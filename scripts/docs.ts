/**
 * Generates the reference pages, `docs/reference/<group>.md` and their index, from the declarations themselves
 * (`StatusPageClient.groups`) and the doc comment above each `const x = Endpoint.make(` in the module's source.
 * `pnpm run docs` writes them; `test/Docs.test.ts` fails when the committed pages differ from what this would write.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { Endpoint, StatusPageClient } from "@effect-statuspage/core"
import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

const root = path.resolve(import.meta.dirname, "..")
const src = path.join(root, "packages/core/src")
export const outDir = path.join(root, "docs/reference")

export interface Source {
  /** The module name, from its file name: `PageAccessUsers`. */
  readonly module: string
  readonly summary: string
  /** Endpoint name (`pageAccessUsers.list`) to its doc comment, in source order. */
  readonly docs: Map<string, string>
}

/** The text of a JSDoc block without its `*` margins and `@tags`. */
const prose = (jsdoc: string): string =>
  jsdoc
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trimEnd())
    .filter((line) => !line.startsWith("@"))
    .join("\n")
    .trim()

/** Every `/** … *\/ const x = Endpoint.make({ … name: "…"` of every module, keyed by the group it declares. */
export const readSources = (): Map<string, Source> => {
  const byGroup = new Map<string, Source>()
  const declaration =
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:export\s+)?const\s+\w+\s*=\s*Endpoint\.make\(\{[^}]*?name:\s*"([^".]+)\.([^"]+)"/g
  for (const file of fs.readdirSync(src).sort()) {
    if (!file.endsWith(".ts")) continue
    const text = fs.readFileSync(path.join(src, file), "utf8")
    for (const [, jsdoc, group, action] of text.matchAll(declaration)) {
      let source = byGroup.get(group!)
      if (source === undefined) {
        const head = /^\/\*\*((?:(?!\*\/)[\s\S])*)\*\//.exec(text)
        source = { module: file.replace(/\.ts$/, ""), summary: prose(head?.[1] ?? ""), docs: new Map() }
        byGroup.set(group!, source)
      }
      source.docs.set(action!, prose(jsdoc!))
    }
  }
  return byGroup
}

const fields = (schema: Schema.Schema.Any | undefined) =>
  schema === undefined ? [] : AST.getPropertySignatures(AST.typeAST(schema.ast))

/** The top-level wire keys of a body when they are not the caller's fields: its envelope (`{"component": …}`). */
const envelope = (schema: Schema.Schema.Any): ReadonlyArray<string> => {
  const wire = AST.getPropertySignatures(AST.encodedAST(schema.ast)).map((p) => String(p.name))
  const input = new Set(fields(schema).map((p) => String(p.name)))
  return wire.every((key) => input.has(key)) ? [] : wire
}

const signature = (module: string, action: string, endpoint: Endpoint.Endpoint): string => {
  const input = fields(endpoint.body ?? endpoint.query)
  const args = [...endpoint.idParams]
  if (endpoint.body ?? endpoint.query) args.push(input.every((p) => p.isOptional) ? "input?" : "input")
  return `${module}.${action}(${[...args, "options?"].join(", ")})`
}

const fieldList = (schema: Schema.Schema.Any | undefined): string =>
  fields(schema)
    .map((p) => `\`${String(p.name)}${p.isOptional ? "?" : ""}\``)
    .join(", ")

const actionSection = (module: string, action: string, endpoint: Endpoint.Endpoint, doc: string): string => {
  const rows: Array<[string, string]> = [
    ["call", `\`${signature(module, action, endpoint)}\``],
    ["request", `\`${endpoint.method} ${endpoint.path}\``]
  ]
  if (endpoint.query) rows.push(["query", fieldList(endpoint.query)])
  if (endpoint.body) {
    const keys = envelope(endpoint.body)
    const where = keys.length === 0 ? "bare" : `in \`{${keys.map((k) => `"${k}": …`).join(", ")}}\``
    rows.push([`body (${endpoint.bodyEncoding}, ${where})`, fieldList(endpoint.body)])
  }
  if (endpoint.paging) rows.push(["paging", `\`${endpoint.paging}\``])
  rows.push([
    "success",
    `${endpoint.successStatus}, ${endpoint.success ? `\`${String(endpoint.success)}\`` : "no body"}`
  ])
  if (endpoint.deprecated) rows.push(["deprecated", endpoint.deprecated])
  return [
    `## ${action}`,
    "",
    doc === "" ? "_No doc comment._" : doc,
    "",
    "| | |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ""
  ].join("\n")
}

type Entry = readonly [string, Endpoint.Endpoint]

/** A call that needs nothing from the reader (no id, no required input) if there is one, else the first action. */
const example = (module: string, entries: ReadonlyArray<Entry>): string => {
  const needsNothing = ([, e]: Entry) => e.idParams.length === 0 && fields(e.body ?? e.query).every((p) => p.isOptional)
  const [action, endpoint] = entries.find(needsNothing) ?? entries[0]!
  const args = endpoint.idParams.map((p) => `"<${p}>"`)
  if (!needsNothing([action, endpoint]) && (endpoint.body ?? endpoint.query)) args.push("{ /* input */ }")
  return [
    "```ts",
    `import { ${module}, StatusPageConfig } from "@effect-statuspage/core"`,
    'import { FetchHttpClient } from "@effect/platform"',
    'import { Effect, Layer } from "effect"',
    "",
    `const program = ${module}.${action}(${args.join(", ")})`,
    "",
    "Effect.runPromise(",
    "  program.pipe(Effect.provide(Layer.merge(StatusPageConfig.layerFromEnv(), FetchHttpClient.layer)))",
    ")",
    "```"
  ].join("\n")
}

/** Every page to write: file name (relative to `docs/reference`) to content. */
export const render = (): Map<string, string> => {
  const sources = readSources()
  const pages = new Map<string, string>()
  const index = [
    "# Reference",
    "",
    "Generated by `pnpm run docs` from the declarations and their doc comments; do not edit by hand.",
    "",
    "| group | module | actions | about |",
    "| --- | --- | --- | --- |"
  ]
  for (const [group, module] of Object.entries(StatusPageClient.groups)) {
    const source = sources.get(group)
    if (source === undefined) throw new Error(`no Endpoint.make declarations found for group ${group}`)
    const byAction = new Map<string, Endpoint.Endpoint>()
    for (const [key, value] of Object.entries(module)) {
      if (Endpoint.isAction(value)) byAction.set(key, value.endpoint)
    }
    // Source order, then anything the source scan missed.
    const order = [...source.docs.keys(), ...[...byAction.keys()].sort()].filter((a, i, all) => all.indexOf(a) === i)
    const entries = order.filter((a) => byAction.has(a)).map((a): Entry => [a, byAction.get(a)!])
    pages.set(
      `${group}.md`,
      [
        `# ${source.module}`,
        "",
        source.summary,
        "",
        `Facade: \`client.${group}\`. Import alone: \`@effect-statuspage/core/${source.module}\`.`,
        "",
        example(source.module, entries),
        "",
        ...entries.map(([a, e]) => actionSection(source.module, a, e, source.docs.get(a) ?? ""))
      ].join("\n")
    )
    const about = source.summary
      .replace(/\s+/g, " ")
      .split(/(?<=\.) /)[0]!
      .replace(/\|/g, "\\|")
    index.push(`| [${group}](${group}.md) | \`${source.module}\` | ${entries.length} | ${about} |`)
  }
  pages.set("README.md", `${index.join("\n")}\n`)
  return pages
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.mkdirSync(outDir, { recursive: true })
  const pages = render()
  for (const [file, content] of pages) fs.writeFileSync(path.join(outDir, file), content)
  console.log(`wrote ${pages.size} pages to ${path.relative(root, outDir)}`)
}
