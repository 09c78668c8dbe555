import * as Either from "effect/Either"

/** What a template can read: the alert's labels and annotations, and the key's own facts. */
export interface Context {
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly key: string
  readonly severity: string
  /** How many alerts of the key are firing. */
  readonly count: number
}

export type Template = (context: Context) => string

const reference = /^(?:(labels|annotations)\.([A-Za-z_][A-Za-z0-9_]*)|(key|severity|count))$/

/**
 * Compiles `text` with `{{ labels.NAME }}`, `{{ annotations.NAME }}`, `{{ key }}`, `{{ severity }}` and
 * `{{ count }}` placeholders; anything else between braces is an error, caught when the config loads. A missing
 * label or annotation renders as the empty string.
 */
export const compile = (text: string): Either.Either<Template, string> => {
  const parts: Array<string | ((context: Context) => string)> = []
  let rest = text
  for (;;) {
    const open = rest.indexOf("{{")
    if (open === -1) break
    const close = rest.indexOf("}}", open)
    if (close === -1) return Either.left(`unclosed "{{" in template ${JSON.stringify(text)}`)
    const expression = rest.slice(open + 2, close).trim()
    const match = reference.exec(expression)
    if (match === null) {
      return Either.left(
        `unknown placeholder {{ ${expression} }}: use labels.NAME, annotations.NAME, key, severity or count`
      )
    }
    if (open > 0) parts.push(rest.slice(0, open))
    const [, group, name, fact] = match
    parts.push(
      group === "labels"
        ? (c) => c.labels[name!] ?? ""
        : group === "annotations"
          ? (c) => c.annotations[name!] ?? ""
          : fact === "key"
            ? (c) => c.key
            : fact === "severity"
              ? (c) => c.severity
              : (c) => String(c.count)
    )
    rest = rest.slice(close + 2)
  }
  if (rest !== "") parts.push(rest)
  return Either.right((context) => parts.map((part) => (typeof part === "string" ? part : part(context))).join(""))
}
