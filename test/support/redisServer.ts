/**
 * A throwaway `redis-server` on loopback for the tests of the shared rate limiter. When the binary is missing the
 * tests are skipped with a visible message, unless `STATUSPAGE_TEST_REQUIRE_REDIS=1` (CI), where that is a failure.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { createServer } from "node:net"

export const available = spawnSync("redis-server", ["--version"]).status === 0
export const required = process.env.STATUSPAGE_TEST_REQUIRE_REDIS === "1"

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()))
    })
  })

export interface RedisServer {
  readonly url: string
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  readonly freeze: () => void
  /** Thaws a frozen server (SIGCONT). */
  readonly thaw: () => void
  readonly stop: () => Promise<void>
}

/** Starts `redis-server` on a free loopback port, without persistence, and waits until it accepts connections. */
export const start = async (): Promise<RedisServer> => {
  const port = await freePort()
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  await new Promise<void>((resolve, reject) => {
    let output = ""
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}:\n${output}`))
    })
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => child.kill("SIGSTOP"),
    thaw: () => child.kill("SIGCONT"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGCONT")
        child.kill("SIGTERM")
      })
  }
}
