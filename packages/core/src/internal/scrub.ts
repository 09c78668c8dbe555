/**
 * Keeping secrets (the API key, credentials an input carried) out of text that came from outside: a server may echo
 * what it received, in clear or JSON-escaped (`\u0073k-...`).
 */

/** A function that keeps secrets out of text that came from outside. */
export type Scrub = (text: string) => string

const REDACTED = "<redacted>"

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")

/** A pattern for `secret` as a JSON string may spell it: each character as itself or `\uXXXX` (and `/` as `\/`). */
const spelled = (secret: string): RegExp => {
  let source = ""
  for (let i = 0; i < secret.length; i++) {
    const c = secret[i]!
    const hex = secret
      .charCodeAt(i)
      .toString(16)
      .padStart(4, "0")
      .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`)
    source += `(?:${escapeRegExp(c)}|\\\\u${hex}${c === "/" ? "|\\\\/" : ""})`
  }
  return new RegExp(source, "g")
}

/**
 * Replaces every occurrence of each secret, in clear or JSON-escaped, with `<redacted>`. Built per response and
 * used only on the error path: no work until it is called.
 */
export const scrubber = (secrets: ReadonlyArray<string>): Scrub => {
  let patterns: ReadonlyArray<RegExp> | undefined
  return (text) => {
    let out = text
    for (const secret of secrets) {
      if (secret !== "" && out.includes(secret)) out = out.split(secret).join(REDACTED)
    }
    if (out.includes("\\")) {
      patterns ??= secrets.filter((secret) => secret !== "").map(spelled)
      for (const pattern of patterns) out = out.replace(pattern, REDACTED)
    }
    return out
  }
}
