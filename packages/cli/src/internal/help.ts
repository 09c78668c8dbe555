import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"

/** A command's description followed by its examples, as `--help` shows them. */
export const describe = (summary: string, ...examples: ReadonlyArray<string>): HelpDoc.HelpDoc =>
  HelpDoc.blocks([
    HelpDoc.p(summary),
    HelpDoc.p(examples.length === 1 ? "Example:" : "Examples:"),
    ...examples.map((example) => HelpDoc.p(Span.code(`  $ ${example}`)))
  ])

/** A group of commands (`statuspage <name> <subcommand>`): its own help, described like a command's, and its children. */
export const group = <
  Name extends string,
  const Subcommands extends readonly [
    Command.Command<any, any, any, any>,
    ...Array<Command.Command<any, any, any, any>>
  ]
>(
  name: Name,
  help: HelpDoc.HelpDoc,
  subcommands: Subcommands
) => Command.make(name).pipe(Command.withDescription(help), Command.withSubcommands(subcommands))
