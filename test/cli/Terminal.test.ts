/**
 * What people see of the built bin: usage errors as one plain line, the command list and help, the exit codes as
 * documented, and the progress line of long work, drawn on a terminal only.
 */
import { readFileSync, writeFileSync } from "node:fs"
import * as Path from "node:path"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import { assert, describe, it } from "@effect/vitest"
import { Cli, ExitCode } from "@effect-statuspage/cli"
import { StatusPageFakeServer, StatusPageTest } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import { commandsOf, fakeEnv, lines, run, runInTerminal, terminalAvailable, useBundle, writes } from "./support.js"

const bundle = useBundle()
const bin = () => Path.join(bundle.dir, "statuspage.js")
const statuspage = (args: ReadonlyArray<string>, options?: Parameters<typeof run>[2]) => run(bin(), args, options)
const withFake = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, StatusPageFakeServer.layerTest({ seed: "terminal" }))

const style = "\u001b["

describe("statuspage on a terminal and off it (built bin)", () => {
  it.live("usage errors: one plain line ending with the --help to read, exit 2, nothing sent", () =>
    withFake(
      Effect.gen(function* () {
        const fake = yield* StatusPageTest.FakeStatusPage
        const env = yield* fakeEnv
        const cases: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
          [
            ["incidents", "list", "--bogus"],
            /^Received unknown argument: '--bogus'; see statuspage incidents list --help$/
          ],
          [
            ["incidents", "open", "--name", "x"],
            /^Expected to find option: '--key'; see statuspage incidents open --help$/
          ],
          [
            ["incidents", "open"],
            /^Expected to find option: '--key'; Expected to find option: '--name'; see statuspage incidents open --help$/
          ],
          [
            ["components", "set", "API", "--status", "bogus"],
            /^--status bogus: expected one of operational, .*major_outage; see statuspage components set --help$/
          ],
          [
            ["incidents", "open", "--key", "k", "--name", "n", "--status", "nope", "--impact=huge"],
            /^--status nope: expected one of investigating, identified, monitoring; --impact huge: expected one of none, minor, major, critical; see statuspage incidents open --help$/
          ],
          [
            ["metrics", "push", "m1", "--resume", "all later"],
            /^--resume "all later": expected one of most-recent, none; see statuspage metrics push --help$/
          ],
          [
            ["incidents", "lst"],
            /^unknown command 'lst' for statuspage incidents \(one of: list, .*\); see statuspage incidents --help$/
          ],
          [["lst"], /^unknown command 'lst' for statuspage \(one of: components, .*bridge.*\); see statuspage --help$/],
          [["bridge", "serve"], /^Expected to find option: '--config'; see statuspage bridge serve --help$/],
          [["fake", "--port", "abc"], /^'abc' is not a integer; see statuspage fake --help$/]
        ]
        for (const [args, expected] of cases) {
          const ran = yield* statuspage(args, { env })
          const what = `statuspage ${args.join(" ")}: ${ran.stderr}`
          assert.strictEqual(ran.code, ExitCode.ExitCode.Usage, what)
          assert.strictEqual(ran.stdout, "", what)
          assert.lengthOf(lines(ran.stderr), 1, what)
          assert.notInclude(ran.stderr, style, what)
          assert.match(ran.stderr.replace(/^statuspage: /, "").trimEnd(), expected, what)
        }
        assert.lengthOf(yield* fake.requests, 0)
      })
    )
  )

  it.live("statuspage --help lists every command, bridge serve included, in plain text when piped", () =>
    Effect.gen(function* () {
      const ran = yield* statuspage(["--help"])
      assert.strictEqual(ran.code, 0, ran.stderr)
      // Styled on a terminal only: piped, it is plain text.
      assert.notInclude(ran.stdout, style)
      const listed = ran.stdout
      const paths = commandsOf(Cli.command.descriptor)
        .map((c) => c.path.replace(/^statuspage ?/, ""))
        .filter((path) => path !== "")
      assert.include(paths, "bridge serve")
      for (const path of paths) assert.match(listed, new RegExp(`^\\s*- ${path}( |$)`, "m"), path)
      const serve = yield* statuspage(["bridge", "serve", "--help"])
      assert.strictEqual(serve.code, 0, serve.stderr)
      assert.include(serve.stdout, "$ statuspage bridge serve --config bridge.yaml")
    })
  )

  it.effect("the exit codes: docs/cli.md's table, the root --help and the README say what ExitCode has", () =>
    Effect.sync(() => {
      const codes = Object.values(ExitCode.ExitCode).sort((a, b) => a - b)
      const docs = readFileSync("docs/cli.md", "utf8")
      const section = docs.slice(
        docs.indexOf("## Exit codes"),
        docs.indexOf("\n## ", docs.indexOf("## Exit codes") + 1)
      )
      const table = Array.from(section.matchAll(/^\| (\d+) +\| /gm), (m) => Number(m[1]))
      assert.deepStrictEqual(table, codes)
      // The root --help, the cli package's README and the README name each code the same way ("2 usage").
      const listed = (text: string, before: string) => {
        const at = text.indexOf(before)
        assert.isAtLeast(at, 0, before)
        const list = text.slice(at + before.length, text.indexOf("(", at + before.length)).replace(/\s+/g, " ")
        return Array.from(list.matchAll(/(\d+) ([a-z ]+?)(?:,|;|$)/g), (m) => [Number(m[1]), m[2]!.trim()] as const)
      }
      const help = JSON.stringify(Descriptor.getHelp(Cli.command.descriptor, CliConfig.defaultConfig))
      const named = new Map(listed(help, "Exit codes: "))
      assert.deepStrictEqual([...named.keys()], codes)
      const cliReadme = listed(readFileSync("packages/cli/README.md", "utf8"), "says what kind it was: ")
      assert.deepStrictEqual(cliReadme, [...named])
      const readme = listed(readFileSync("README.md", "utf8"), "Exit codes are distinct per kind of failure (")
      assert.isAbove(readme.length, 3)
      for (const [code, name] of readme) assert.strictEqual(named.get(code), name, `README: ${code} ${name}`)
    })
  )

  it.live.skipIf(!terminalAvailable)(
    "apply draws done/total and an ETA on a terminal, and nothing of it when stderr is not one; help is styled there",
    () =>
      withFake(
        Effect.gen(function* () {
          const env = yield* fakeEnv
          const file = (name: string, components: ReadonlyArray<string>) => {
            const path = Path.join(bundle.dir, name)
            writeFileSync(path, ["version: 1", "components:", ...components.map((c) => `  - name: ${c}`)].join("\n"))
            return path
          }
          const onTerminal = yield* runInTerminal(
            bin(),
            ["apply", "--file", file("tty.yaml", ["A", "B", "C"]), "--yes"],
            {
              env
            }
          )
          assert.strictEqual(onTerminal.code, 0, onTerminal.stdout)
          for (const done of ["0/3", "1/3", "2/3", "3/3"]) assert.include(onTerminal.stdout, `\r${style}2K${done}`)
          assert.match(onTerminal.stdout, /\/3, ETA \d+s/)
          assert.include(onTerminal.stdout, "applied: 3 of 3 writes")
          const piped = yield* statuspage(["apply", "--file", file("pipe.yaml", ["A", "B", "C", "D"]), "--yes"], {
            env
          })
          assert.strictEqual(piped.code, 0, piped.stderr)
          assert.include(piped.stdout, "applied: 1 of 1 writes")
          assert.notInclude(piped.stderr, style)
          assert.notMatch(piped.stderr, /\d\/\d/)
          assert.lengthOf(yield* writes, 4)
          const help = yield* runInTerminal(bin(), ["--help"])
          assert.strictEqual(help.code, 0, help.stdout)
          assert.include(help.stdout, `${style}0;1mUSAGE`)
        })
      ),
    60_000
  )
})

if (!terminalAvailable) {
  console.warn("Progress-on-a-terminal test SKIPPED: util-linux `script` is not installed (apt-get install bsdutils)")
}
