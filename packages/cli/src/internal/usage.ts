import * as CommandDescriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as HashSet from "effect/HashSet"
import { oneLine } from "./errors.js"

// @effect/cli has no public accessor for nested subcommands; its descriptors are a `Map` over a command,
// `Subcommands` (a parent and its children), or a leaf.
interface Node {
  readonly _tag: string
  readonly command?: Node
  readonly children?: ReadonlyArray<Node>
}

const children = (node: Node): ReadonlyArray<Node> =>
  node._tag === "Map" && node.command !== undefined ? children(node.command) : (node.children ?? [])

const names = (node: Node): HashSet.HashSet<string> =>
  CommandDescriptor.getNames(node as unknown as CommandDescriptor.Command<unknown>)

/** The command words at the start of `args` (`incidents open` of `incidents open --key k`) and the last one's node. */
const walk = (root: CommandDescriptor.Command<unknown>, args: ReadonlyArray<string>) => {
  const path: Array<string> = []
  let node = root as unknown as Node
  for (const arg of args) {
    const next = children(node).find((child) => HashSet.has(names(child), arg))
    if (next === undefined) break
    path.push(arg)
    node = next
  }
  return { path, node }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts every terminal style sequence
const styles = /\u001b\[[0-9;]*m/g

/** Text the help renderer styled (bold, colours), without its styles. */
export const plain = (text: string): string => text.replace(styles, "")

/**
 * A usage error as one plain line wherever it goes (its paragraphs folded), ending with the `--help` of the command the arguments
 * name. `args` are the arguments after the executable.
 */
export const line = (
  error: ValidationError.ValidationError,
  root: CommandDescriptor.Command<unknown>,
  args: ReadonlyArray<string>
): string => {
  const { path, node } = walk(root, args)
  const command = ["statuspage", ...path].join(" ")
  // @effect/cli names the root whatever level the unknown command is at; the arguments say which level it is.
  const text = ValidationError.isCommandMismatch(error)
    ? `unknown command '${args[path.length] ?? ""}' for ${command} (one of: ${children(node)
        .flatMap((child) => Array.from(names(child)))
        .join(", ")})`
    : oneLine(plain(HelpDoc.toAnsiText(error.error)).trim())
  return `${text}; see ${command} --help`
}
