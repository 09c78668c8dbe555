/**
 * Path templates such as `/pages/{page_id}/components/{component_id}`: parsed once per endpoint, filled per call.
 */

/** The placeholder names of a path template, in order, as a tuple type. */
export type PathParams<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? [P, ...PathParams<Rest>]
  : []

/** Placeholders filled from the config rather than passed by the caller. */
export type ScopeParam = "page_id" | "organization_id"

/** The placeholders a caller passes, in order. */
export type IdParams<P extends ReadonlyArray<string>> = P extends readonly [
  infer H extends string,
  ...infer T extends ReadonlyArray<string>
]
  ? H extends ScopeParam
    ? IdParams<T>
    : [H, ...IdParams<T>]
  : []

export interface CompiledPath {
  readonly template: string
  /** Literal pieces around the placeholders: `params.length + 1` of them. */
  readonly literals: ReadonlyArray<string>
  readonly params: ReadonlyArray<string>
}

export const compile = (template: string): CompiledPath => {
  const literals: Array<string> = []
  const params: Array<string> = []
  const re = /\{([a-z_]+)\}/g
  let last = 0
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    literals.push(template.slice(last, m.index))
    params.push(m[1]!)
    last = m.index + m[0].length
  }
  literals.push(template.slice(last))
  return { template, literals, params }
}

/** Why an id cannot go into a path, or `undefined` when it can. */
export const idProblem = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be a string"
  if (value === "") return "must not be empty"
  if (value === "." || value === "..") return "must not be a dot segment"
  if (value.includes("/")) return "must not contain '/'"
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return "must not contain control characters"
  if (!value.isWellFormed()) return "must be well-formed Unicode"
  return undefined
}

/** Percent-encodes one id that passed `idProblem`. */
export const encodeId = (value: string): string => encodeURIComponent(value)

/**
 * Fills the template with `values` (one per param, already checked). Returns the path, e.g. `/pages/abc/components`.
 */
export const fill = (path: CompiledPath, values: ReadonlyArray<string>): string => {
  let out = path.literals[0]!
  for (let i = 0; i < values.length; i++) {
    out += encodeId(values[i]!) + path.literals[i + 1]!
  }
  return out
}
