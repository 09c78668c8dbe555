/**
 * The e2e harness of the `statuspage` bin and the GitHub Action: bundles them exactly as `pnpm build` does (into a
 * temporary folder), spawns them with plain `node` against a fake Statuspage served on loopback by this process,
 * and gives back exit code, stdout and stderr. The environment is built from scratch, so no STATUSPAGE_* variable of
 * the machine leaks in.
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import { assert } from "@effect/vitest"
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as StatusPageTest from "@effect-statuspage/testing/StatusPageTest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { afterAll, beforeAll } from "vitest"
import { bundle } from "../../packages/cli/bundle.js"

export interface Ran {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Bundles once for the calling test file; returns the folder holding `statuspage.js` and `action.js`. */
export const useBundle = (): { readonly dir: string } => {
  const state = { dir: "" }
  beforeAll(async () => {
    state.dir = mkdtempSync(Path.join(tmpdir(), "statuspage-cli-"))
    await bundle(state.dir)
  }, 120_000)
  afterAll(() => rmSync(state.dir, { recursive: true, force: true }))
  return state
}

export interface SpawnOptions {
  readonly env?: Readonly<Record<string, string>>
  readonly stdin?: string
  /** Kill (SIGKILL) after this many ms; default 30 s. */
  readonly timeout?: number
  /** Called with the process once it runs (e.g. to send SIGINT). */
  readonly onSpawn?: (child: import("node:child_process").ChildProcess, stdout: () => string) => void
}

/** Runs `node <script> ...args` and waits for it to exit. Async, so the fake in this process keeps answering. */
export const run = (script: string, args: ReadonlyArray<string>, options: SpawnOptions = {}): Effect.Effect<Ran> =>
  spawnAndWait(process.execPath, [script, ...args], options)

/** Whether util-linux's `script` is here to give a command a terminal (`runInTerminal`). */
export const terminalAvailable = spawnSync("script", ["--version"]).status === 0

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`

/**
 * Runs `node <script> ...args` on a pseudo-terminal (stdin, stdout and stderr are TTYs), through util-linux's
 * `script`; what the command wrote to stdout and stderr comes back together as `stdout`, with CRLF line ends.
 */
export const runInTerminal = (
  script: string,
  args: ReadonlyArray<string>,
  options: SpawnOptions = {}
): Effect.Effect<Ran> =>
  spawnAndWait("script", ["-qec", [process.execPath, script, ...args].map(quote).join(" "), "/dev/null"], options)

const spawnAndWait = (command: string, argv: ReadonlyArray<string>, options: SpawnOptions): Effect.Effect<Ran> =>
  Effect.async<Ran>((resume) => {
    const child = spawn(command, argv, {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env },
      stdio: ["pipe", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
    })
    child.stderr.on("data", (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? 30_000)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      resume(Effect.succeed({ code, signal, stdout, stderr }))
    })
    child.stdin.end(options.stdin ?? "")
    options.onSpawn?.(child, () => stdout)
    return Effect.sync(() => child.kill("SIGKILL"))
  })

/** The STATUSPAGE_* variables that point a spawned command at the fake of the current `layerTest`. */
export const fakeEnv = Effect.map(StatusPageConfig.StatusPageConfig, (config) => ({
  STATUSPAGE_API_KEY: Redacted.value(config.apiKey),
  STATUSPAGE_PAGE_ID: Option.getOrElse(config.pageId, () => ""),
  STATUSPAGE_BASE_URL: config.baseUrl,
  STATUSPAGE_ORGANIZATION_ID: Option.getOrElse(config.organizationId, () => "")
}))

/** The fake's requests that changed something (anything but GET). */
export const writes = Effect.flatMap(StatusPageTest.FakeStatusPage, (fake) =>
  Effect.map(fake.requests, (requests) => requests.filter((r) => r.method !== "GET"))
)

/** The stderr lines, without empty ones. */
export const lines = (text: string): Array<string> => text.split("\n").filter((line) => line.trim() !== "")

/**
 * Every command of the tree, groups included, as `statuspage components list`, with its descriptor (a group's is its
 * own, without its children). @effect/cli has no public walk of nested subcommands: a descriptor is a `Map` of a
 * command, `Subcommands` (a parent and its children) or a single command.
 */
export const commandsOf = (
  root: Descriptor.Command<unknown>
): Array<{ readonly path: string; readonly command: Descriptor.Command<unknown> }> => {
  const found: Array<{ path: string; command: Descriptor.Command<unknown> }> = []
  const walk = (command: any, path: string): void => {
    if (command._tag === "Map") {
      walk(command.command, path)
    } else if (command._tag === "Subcommands") {
      walk(command.parent, path)
      for (const child of command.children) walk(child, `${path} ${Array.from(Descriptor.getNames(child))[0]}`)
    } else {
      found.push({ path, command })
    }
  }
  walk(root, "statuspage")
  return found
}

/**
 * Ctrl-C during graceful work: starts the command (`start`, given the spawn options to pass on), sends SIGINT once
 * the fake logged `after` writes, and checks that it stopped gracefully: exit 130, the notice on stderr, every write
 * that was sent answered (none cut off in flight). Returns the run and the writes.
 */
export const interrupted = (start: (options: SpawnOptions) => Effect.Effect<Ran>, after = 2) =>
  Effect.gen(function* () {
    let child: import("node:child_process").ChildProcess | undefined
    const running = yield* Effect.fork(
      start({
        onSpawn: (c) => {
          child = c
        },
        timeout: 60_000
      })
    )
    yield* Effect.filterOrFail(writes, (w) => w.length >= after).pipe(
      Effect.retry(Schedule.spaced("50 millis").pipe(Schedule.upTo("40 seconds")))
    )
    child!.kill("SIGINT")
    const ran = yield* Fiber.join(running)
    assert.strictEqual(ran.code, 130, ran.stderr)
    assert.match(ran.stderr, /stopping after the request in flight/)
    const sent = yield* writes
    assert.isTrue(sent.every((r) => r.status !== undefined && r.dropped === undefined))
    return { ran, sent }
  })
