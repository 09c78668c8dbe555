import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"

/** A command's description followed by its examples, as `--help` shows them. */
export const describe = (summary: string, ...examples: ReadonlyArray<string>): HelpDoc.HelpDoc =>
  HelpDoc.blocks([
    HelpDoc.p(summary),
    HelpDoc.p(examples.length === 1 ? "Example:" : "Examples:"),
    ...examples.map((example) => HelpDoc.p(Span.code(`  $ ${example}`)))
  ])
