import * as CommandDescriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as HashSet from "effect/HashSet"
import { oneLine } from "./errors.js"

// @effect/cli has no public accessor for nested subcommands; its descriptors are a `Map` over a command,
// `Subcommands` (a parent and its children), or a leaf (`Standard`: its options).
interface Node {
  readonly _tag: string
  readonly command?: Node
  readonly children?: ReadonlyArray<Node>
  readonly options?: OptionNode
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

// Options are also internal: a leaf command (`Standard`) holds a tree of `Map`/`WithDefault`/`Both`/... over `Single`
// flags, each with its names and primitive (`Choice`: its alternatives).
interface OptionNode {
  readonly _tag: string
  readonly name?: string
  readonly aliases?: ReadonlyArray<string>
  readonly primitiveType?: { readonly _tag: string; readonly alternatives?: ReadonlyArray<readonly [string, unknown]> }
  readonly options?: OptionNode
  readonly argumentOption?: OptionNode
  readonly left?: OptionNode
  readonly right?: OptionNode
}

interface Choice {
  readonly names: ReadonlyArray<string>
  readonly cases: ReadonlyArray<string>
}

const choices = (option: OptionNode | undefined): Array<Choice> => {
  if (option === undefined) return []
  if (option._tag === "Single") {
    const alternatives = option.primitiveType?._tag === "Choice" ? (option.primitiveType.alternatives ?? []) : []
    if (alternatives.length === 0) return []
    // @effect/cli's own spelling of a flag's names: `-x` for one letter, `--name` otherwise.
    const names = [option.name ?? "", ...(option.aliases ?? [])].map((n) => (n.length === 1 ? `-${n}` : `--${n}`))
    return [{ names, cases: alternatives.map(([name]) => name) }]
  }
  return [option.options, option.argumentOption, option.left, option.right].flatMap(choices)
}

const leafOptions = (node: Node): OptionNode | undefined =>
  node._tag === "Map" && node.command !== undefined ? leafOptions(node.command) : node.options

const invalidChoice = /^Expected one of the following cases: (.*)$/

/**
 * @effect/cli's paragraph for an invalid choice names neither the flag nor the value (`Expected one of the following
 * cases: ...`): they are found again from the command's choice flags with exactly these cases and the arguments
 * (`--status bogus`, `--status=bogus`). The paragraph as it was when that is not one flag and one value.
 */
const choiceParagraph = (paragraph: string, node: Node, args: ReadonlyArray<string>): string => {
  const cases = invalidChoice.exec(paragraph)?.[1]
  if (cases === undefined) return paragraph
  const flags = choices(leafOptions(node)).filter((choice) => choice.cases.join(", ") === cases)
  const found = new Set<string>()
  args.forEach((arg, i) => {
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined]
    const flag = flags.find((choice) => choice.names.includes(name!))
    const value = inline ?? args[i + 1]
    if (flag !== undefined && value !== undefined && !flag.cases.includes(value)) {
      found.add(`${flag.names[0]} ${value === "" || /\s/.test(value) ? JSON.stringify(value) : value}`)
    }
  })
  return found.size === 1 ? oneLine(`${Array.from(found)[0]}: expected one of ${cases}`) : paragraph
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
  const message = oneLine(plain(HelpDoc.toAnsiText(error.error)).trim())
  const text = ValidationError.isCommandMismatch(error)
    ? `unknown command '${args[path.length] ?? ""}' for ${command} (one of: ${children(node)
        .flatMap((child) => Array.from(names(child)))
        .join(", ")})`
    : // an invalid choice is an `InvalidValue`, or one paragraph of a `MissingValue` when several flags are wrong
      message
        .split("; ")
        .map((paragraph) => choiceParagraph(paragraph, node, args.slice(path.length)))
        .join("; ")
  return `${text}; see ${command} --help`
}
