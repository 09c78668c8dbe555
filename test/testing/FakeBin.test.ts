/**
 * The `statuspage-fake` bin as a newcomer meets it: `--help` prints usage, a bad argument or a port in use is one
 * clear line on stderr and a non-zero exit. And the server warns before binding anywhere but loopback.
 */
import { spawn } from "node:child_process"
import * as net from "node:net"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { StatusPageFakeServer } from "@effect-statuspage/testing"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"

const bin = path.resolve(import.meta.dirname, "../../packages/testing/src/bin/statuspage-fake.ts")

/** Runs the bin to its exit (it must exit by itself), with its output. */
const run = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), 100_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

/** A port held by another listener on 127.0.0.1 for the duration of `use`. */
const withBusyPort = async <A>(use: (port: number) => Promise<A>): Promise<A> => {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  try {
    return await use((server.address() as net.AddressInfo).port)
  } finally {
    server.close()
  }
}

// each run starts Node with tsx: seconds on a busy machine
const slow = { timeout: 120_000 }

describe("statuspage-fake bin", () => {
  it("--help prints the usage and exits 0", slow, async () => {
    const { code, stdout, stderr } = await run(["--help"])
    assert.strictEqual(code, 0)
    assert.match(stdout, /^usage: statuspage-fake /)
    for (const option of ["--port", "--host", "--seed", "--rate-limit", "--help"]) assert.include(stdout, option)
    assert.strictEqual(stderr, "")
  })

  it("an unknown option is one line on stderr and exit 2", slow, async () => {
    const { code, stdout, stderr } = await run(["--prot", "4010"])
    assert.strictEqual(code, 2)
    assert.strictEqual(stdout, "")
    assert.match(stderr, /^statuspage-fake: .*--prot.*\(see --help\)\n$/)
  })

  it("a port in use is one line on stderr naming it, and exit 1", slow, () =>
    withBusyPort(async (port) => {
      const { code, stdout, stderr } = await run(["--port", String(port)])
      assert.strictEqual(code, 1)
      assert.strictEqual(stdout, "")
      assert.strictEqual(
        stderr,
        `statuspage-fake: cannot listen on 127.0.0.1:${port}: the port is in use (choose another with --port)\n`
      )
    })
  )
})

describe("StatusPageFakeServer: binding", () => {
  /** The warnings logged while building the server layer on `host`, and whether it came up. */
  const warningsOn = (host: string) =>
    Effect.gen(function* () {
      const warnings: Array<string> = []
      const logger = Logger.make(({ logLevel, message }) => {
        if (logLevel._tag === "Warning") warnings.push(String(message))
      })
      const exit = yield* Effect.exit(
        Effect.scoped(Layer.build(StatusPageFakeServer.layer({ host }))).pipe(
          Effect.provide(Logger.replace(Logger.defaultLogger, logger))
        )
      )
      return { warnings, up: Exit.isSuccess(exit) }
    })

  it.effect("warns before binding to an address other machines can reach", () =>
    Effect.gen(function* () {
      // 192.0.2.1 is TEST-NET-1: never on this machine, so nothing listens beyond loopback and the bind fails
      const { warnings, up } = yield* warningsOn("192.0.2.1")
      assert.isFalse(up)
      assert.strictEqual(warnings.length, 1)
      assert.match(warnings[0]!, /192\.0\.2\.1, not a loopback address: other machines can reach it/)
    })
  )

  it.effect("says nothing on loopback", () =>
    Effect.gen(function* () {
      const { warnings, up } = yield* warningsOn("127.0.0.1")
      assert.isTrue(up)
      assert.deepStrictEqual(warnings, [])
    })
  )

  it("tells loopback hosts from others", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      assert.isTrue(StatusPageFakeServer.isLoopback(host), host)
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "example.com", "127.0.0.1.example.com", ""]) {
      assert.isFalse(StatusPageFakeServer.isLoopback(host), host)
    }
  })
})
