/**
 * Generates the reference pages, `docs/reference/<group>.md` and their index, from the declarations themselves: the
 * actions of `StatusPageClient.groups` (method, path, schemas, paging) and the doc comments the TypeScript parser
 * attaches to each exported declaration of the group's module (found through core's one list of groups,
 * `internal/groups.ts`), so reformatting or reordering a declaration cannot break it. Input fields are listed with
 * their type and allowed values, read from the schemas' ASTs.
 * `pnpm run docs` writes them; `test/Docs.test.ts` fails when the committed pages differ from what this would write.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import * as Core from "@effect-statuspage/core"
import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import ts from "typescript"

const { Endpoint, StatusPageClient } = Core
const root = path.resolve(import.meta.dirname, "..")
const groupsFile = path.join(root, "packages/core/src/internal/groups.ts")
export const outDir = path.join(root, "docs/reference")

export interface Source {
  /** The module name, as core exports it: `PageAccessUsers`. */
  readonly module: string
  readonly summary: string
  /** Export name (`list`) to its doc comment, in source order. */
  readonly docs: Map<string, string>
}

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)

/** The prose of the doc comments the parser attaches to `node` (tags such as `@since` left out). */
const prose = (node: ts.Node): string =>
  ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
    .join("\n\n")
    .trim()

/** Each module named in core's list of groups (`export * as Components from "../Components.js"`), to its file. */
const groupModuleFiles = (): Map<string, string> => {
  const files = new Map<string, string>()
  for (const statement of parse(groupsFile).statements) {
    if (!ts.isExportDeclaration(statement) || statement.exportClause === undefined) continue
    if (!ts.isNamespaceExport(statement.exportClause) || statement.moduleSpecifier === undefined) continue
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text.replace(/\.js$/, ".ts")
    files.set(statement.exportClause.name.text, path.resolve(path.dirname(groupsFile), specifier))
  }
  return files
}

/** The module's own doc comment (the first of the file) and each exported `const`'s, in source order. */
export const readModule = (module: string, file: string): Source => {
  const source = parse(file)
  const docs = new Map<string, string>()
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue
    if (!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) docs.set(declaration.name.text, prose(declaration))
    }
  }
  const first = source.statements[0]
  const head = first === undefined ? undefined : ts.getJSDocCommentsAndTags(first).find(ts.isJSDoc)
  return { module, summary: head === undefined ? "" : (ts.getTextOfJSDocComment(head.comment) ?? "").trim(), docs }
}

/** Each group (`components`) to its module's name, summary and doc comments. */
export const readSources = (): Map<string, Source> => {
  const files = groupModuleFiles()
  const byGroup = new Map<string, Source>()
  for (const [group, exports] of Object.entries(StatusPageClient.groups)) {
    // the module is found by identity: the name under which core exports this very group
    const module = Object.keys(Core).find((name) => (Core as Record<string, unknown>)[name] === exports)
    const file = module === undefined ? undefined : files.get(module)
    if (module === undefined || file === undefined) throw new Error(`group ${group} is not in ${groupsFile}`)
    byGroup.set(group, readModule(module, file))
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

const signature = (module: string, action: string, endpoint: Core.Endpoint.Endpoint): string => {
  const input = fields(endpoint.body ?? endpoint.query)
  const args = [...endpoint.idParams]
  if (endpoint.body ?? endpoint.query) args.push(input.every((p) => p.isOptional) ? "input?" : "input")
  return `${module}.${action}(${[...args, "options?"].join(", ")})`
}

/** A refinement's own limits, from the JSON Schema annotation Schema's filters carry (`maxLength`, `minimum`, ...). */
const limits = (ast: AST.AST): Array<string> => {
  const annotation = AST.getJSONSchemaAnnotation(ast)
  const json = (annotation._tag === "Some" ? annotation.value : {}) as Record<string, unknown>
  const plural = (n: unknown, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`
  const out: Array<string> = []
  if (json.type === "integer") out.push("integer")
  if (json.minLength !== undefined) out.push(`at least ${plural(json.minLength, "character")}`)
  if (json.maxLength !== undefined) out.push(`at most ${plural(json.maxLength, "character")}`)
  if (json.minimum !== undefined) out.push(`≥ ${json.minimum}`)
  if (json.exclusiveMinimum !== undefined) out.push(`> ${json.exclusiveMinimum}`)
  if (json.maximum !== undefined) out.push(`≤ ${json.maximum}`)
  if (json.exclusiveMaximum !== undefined) out.push(`< ${json.exclusiveMaximum}`)
  if (json.minItems !== undefined) out.push(`at least ${plural(json.minItems, "item")}`)
  if (json.maxItems !== undefined) out.push(`at most ${plural(json.maxItems, "item")}`)
  if (json.pattern !== undefined) out.push(`matching \`${String(json.pattern)}\``)
  return out
}

/** The words a schema was annotated with, unless they are a built-in's own (`a string`). */
const ownDescription = (ast: AST.AST, builtIn: string): string | undefined => {
  const description = AST.getDescriptionAnnotation(ast)
  return description._tag === "Some" && description.value !== builtIn ? description.value : undefined
}

const withOwn = (base: string, ast: AST.AST, builtIn: string) => {
  const own = ownDescription(ast, builtIn)
  return own === undefined ? base : `${base} (${own})`
}

const literal = (value: AST.LiteralValue) => `\`${JSON.stringify(value)}\``

/** A field's type in words, with its allowed values: `one of "a", "b"`, `string (at most 255 characters)`. */
export const describe = (ast: AST.AST): string => {
  switch (ast._tag) {
    case "StringKeyword":
      return withOwn("string", ast, "a string")
    case "NumberKeyword":
      return withOwn("number", ast, "a number")
    case "BooleanKeyword":
      return withOwn("boolean", ast, "a boolean")
    case "Literal":
      return literal(ast.literal)
    case "Enums":
      return `one of ${ast.enums.map(([, value]) => literal(value)).join(", ")}`
    case "Union": {
      const members = ast.types.filter((t) => t._tag !== "UndefinedKeyword")
      const choices = members.filter((t): t is AST.Literal => t._tag === "Literal" && t.literal !== null)
      const rest = members.filter((t) => !choices.includes(t as AST.Literal)).map(describe)
      const head =
        choices.length === 0
          ? []
          : [`${choices.length === 1 ? "" : "one of "}${choices.map((c) => literal(c.literal)).join(", ")}`]
      return [...head, ...rest].join(", or ")
    }
    case "TupleType": {
      const element = ast.rest[0]?.type
      return element === undefined ? "array" : `array of ${describe(element)}`
    }
    case "TypeLiteral": {
      if (ast.propertySignatures.length > 0) {
        return `object { ${ast.propertySignatures.map((p) => `${String(p.name)}${p.isOptional ? "?" : ""}`).join(", ")} }`
      }
      const index = ast.indexSignatures[0]
      return index === undefined ? "object" : `record of ${describe(index.type)}`
    }
    case "Refinement": {
      // the limits of the whole chain of filters, outermost last, over the type they refine
      const found: Array<string> = []
      let base: AST.AST = ast
      while (base._tag === "Refinement") {
        found.unshift(...limits(base))
        base = base.from
      }
      const own = AST.getDescriptionAnnotation(ast)
      // a pattern is shown in the refinement's own words when it has some (DateOnly: "a date as YYYY-MM-DD")
      const words = found.every((limit) => limit.startsWith("matching")) && own._tag === "Some" ? [own.value] : found
      if (base._tag === "TupleType" && base.rest[0] !== undefined) {
        return `array (${words.join(", ")}) of ${describe(base.rest[0].type)}`
      }
      return words.length === 0 ? describe(base) : `${describe(base)} (${words.join(", ")})`
    }
    case "UnknownKeyword":
    case "AnyKeyword":
      return "any JSON value"
    case "Suspend":
      return describe(ast.f())
    default: {
      const identifier = AST.getIdentifierAnnotation(ast)
      return identifier._tag === "Some" ? identifier.value : ast._tag
    }
  }
}

/** The input's fields, one row each: name, type and allowed values, required or not. */
const fieldRows = (schema: Schema.Schema.Any): Array<string> =>
  fields(schema).map((p) => {
    const type = describe(p.type).replace(/\|/g, "\\|")
    return `| \`${String(p.name)}\` | ${type} | ${p.isOptional ? "no" : "yes"} |`
  })

const actionSection = (module: string, action: string, endpoint: Core.Endpoint.Endpoint, doc: string): string => {
  const rows: Array<[string, string]> = [
    ["call", `\`${signature(module, action, endpoint)}\``],
    ["request", `\`${endpoint.method} ${endpoint.path}\``]
  ]
  const input = endpoint.body ?? endpoint.query
  if (endpoint.query) rows.push(["input", "query parameters"])
  if (endpoint.body) {
    const keys = envelope(endpoint.body)
    const where = keys.length === 0 ? "bare" : `in \`{${keys.map((k) => `"${k}": …`).join(", ")}}\``
    rows.push(["input", `${endpoint.bodyEncoding} body, ${where}`])
  }
  if (endpoint.paging) rows.push(["paging", `\`${endpoint.paging}\``])
  rows.push([
    "success",
    `${endpoint.successStatus}, ${endpoint.success ? `\`${String(endpoint.success)}\`` : "no body"}`
  ])
  if (endpoint.deprecated) rows.push(["deprecated", endpoint.deprecated])
  const inputRows = input === undefined ? [] : fieldRows(input)
  return [
    `## ${action}`,
    "",
    doc === "" ? "_No doc comment._" : doc,
    "",
    "| | |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ...(inputRows.length === 0 ? [] : ["", "| field | type and allowed values | required |", "| --- | --- | --- |"]),
    ...inputRows,
    ""
  ].join("\n")
}

type Entry = readonly [string, Core.Endpoint.Endpoint]

/** A call that needs nothing from the reader (no id, no required input) if there is one, else the first action. */
const example = (module: string, group: string, entries: ReadonlyArray<Entry>): string => {
  const needsNothing = ([, e]: Entry) => e.idParams.length === 0 && fields(e.body ?? e.query).every((p) => p.isOptional)
  const [action, endpoint] = entries.find(needsNothing) ?? entries[0]!
  const args = endpoint.idParams.map((p) => `"<${p}>"`)
  if (!needsNothing([action, endpoint]) && (endpoint.body ?? endpoint.query)) args.push("{ /* input */ }")
  const call = `(${args.join(", ")})`
  return [
    "```ts",
    `import { ${module}, StatusPageClient, StatusPageConfig } from "@effect-statuspage/core"`,
    'import { FetchHttpClient } from "@effect/platform"',
    'import { Effect, Layer } from "effect"',
    "",
    "// what every action needs: the settings (here from STATUSPAGE_* variables) and an HttpClient",
    "const live = Layer.merge(StatusPageConfig.layerFromEnv(), FetchHttpClient.layer)",
    "",
    "// the action itself",
    `const program = ${module}.${action}${call}`,
    "",
    "// or through the facade: `client` has every group, each action bound to the config and client it was made with",
    "const viaFacade = Effect.gen(function* () {",
    "  const client = yield* StatusPageClient.make",
    `  return yield* client.${group}.${action}${call}`,
    "})",
    "",
    "Effect.runPromise(program.pipe(Effect.provide(live)))",
    "Effect.runPromise(viaFacade.pipe(Effect.provide(live)))",
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
    const source = sources.get(group)!
    const byAction = new Map<string, Core.Endpoint.Endpoint>()
    for (const [key, value] of Object.entries(module)) {
      if (Endpoint.isAction(value)) byAction.set(key, value.endpoint)
    }
    // Source order, then any action the module re-exports from elsewhere.
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
        example(source.module, group, entries),
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
