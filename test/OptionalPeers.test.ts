/**
 * `ioredis` is an optional peer of platform-node: importing the Node entry points (platform-node's index, the
 * bridge's `BridgeServer`) must not load it; only the Redis limiter's own entry point does. Each case imports the
 * module in a fresh Node process and reports whether ioredis (CommonJS, so in the require cache) was loaded.
 */
import { spawn } from "node:child_process"
import { assert, describe, it } from "@effect/vitest"

const loadsIoredis = (specifier: string) =>
  new Promise<boolean>((resolve, reject) => {
    const program = `
      import { createRequire } from "node:module"
      await import(${JSON.stringify(specifier)})
      const cache = createRequire(import.meta.url).cache
      console.log(JSON.stringify(Object.keys(cache).some((path) => path.includes("/ioredis/"))))`
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000)
    child.on("close", (status) => {
      clearTimeout(timer)
      if (status === 0) resolve(JSON.parse(stdout.trim()) as boolean)
      else reject(new Error(`importing ${specifier} exited ${status}: ${stderr}`))
    })
  })

describe("optional peers", () => {
  it("ioredis loads with the Redis limiter's entry point only", { timeout: 180_000 }, async () => {
    const [node, bridgeServer, redis] = await Promise.all([
      loadsIoredis("@effect-statuspage/platform-node"),
      loadsIoredis("@effect-statuspage/bridge/BridgeServer"),
      loadsIoredis("@effect-statuspage/platform-node/RedisRateLimiter")
    ])
    assert.isFalse(node, "@effect-statuspage/platform-node loaded ioredis")
    assert.isFalse(bridgeServer, "@effect-statuspage/bridge/BridgeServer loaded ioredis")
    // the probe sees ioredis when it is loaded: otherwise the two checks above would pass by construction
    assert.isTrue(redis, "@effect-statuspage/platform-node/RedisRateLimiter did not load ioredis")
  })
})
