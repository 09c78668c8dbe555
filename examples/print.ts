/** How the examples say what they do: one indented line per step, through `Console` so tests can capture it. */
import * as Console from "effect/Console"

export const step = (text: string) => Console.log(`  ${text}`)

export const heading = (text: string) => Console.log(`\n== ${text}`)
