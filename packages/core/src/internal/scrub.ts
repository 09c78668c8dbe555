/** Keeping secrets (the API key, credentials an input carried) out of text that came from outside. */

/** A function that keeps secrets out of text that came from outside (a server may echo what it received). */
export type Scrub = (text: string) => string

/** Replaces every occurrence of each secret with `<redacted>`; built per response, no work until it is called. */
export const scrubber =
  (secrets: ReadonlyArray<string>): Scrub =>
  (text: string): string => {
    let out = text
    for (const secret of secrets) {
      if (secret !== "" && out.includes(secret)) out = out.split(secret).join("<redacted>")
    }
    return out
  }
