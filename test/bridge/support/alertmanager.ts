/**
 * A throwaway Prometheus Alertmanager (Debian's `prometheus-alertmanager`) on loopback, for the end-to-end test of the
 * bridge. When the binary is missing the test is skipped with a visible message, unless
 * `STATUSPAGE_TEST_REQUIRE_ALERTMANAGER=1` (CI installs it), where that is a failure.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "../../support/redisServer.js"

const binary = ["prometheus-alertmanager", "alertmanager"].find((name) => spawnSync(name, ["--version"]).status === 0)
export const available = binary !== undefined
export const required = process.env.STATUSPAGE_TEST_REQUIRE_ALERTMANAGER === "1"

export interface Alertmanager {
  readonly url: string
  /** Posts alerts to Alertmanager's own API, as Prometheus does. */
  readonly post: (alerts: ReadonlyArray<PostableAlert>) => Promise<void>
  readonly stop: () => Promise<void>
}

export interface PostableAlert {
  readonly labels: Record<string, string>
  readonly annotations?: Record<string, string>
  readonly startsAt?: string
  readonly endsAt?: string
}

/**
 * Starts Alertmanager on a free loopback port, clustering off, storage in a temporary directory, with one webhook
 * receiver (`send_resolved: true`) posting to `webhookUrl` with a bearer token, and short group timings.
 */
export const start = async (webhookUrl: string, bearerToken: string): Promise<Alertmanager> => {
  if (binary === undefined) throw new Error("prometheus-alertmanager is not installed")
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), "bridge-alertmanager-"))
  const config = join(dir, "alertmanager.yml")
  writeFileSync(
    config,
    [
      "route:",
      "  receiver: statuspage",
      "  group_by: [alertname, service]",
      "  group_wait: 1s",
      "  group_interval: 1s",
      "  repeat_interval: 1h",
      "receivers:",
      "  - name: statuspage",
      "    webhook_configs:",
      `      - url: ${JSON.stringify(webhookUrl)}`,
      "        send_resolved: true",
      "        http_config:",
      "          authorization:",
      `            credentials: ${JSON.stringify(bearerToken)}`,
      ""
    ].join("\n")
  )
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
      "--log.level=warn"
    ],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  let output = ""
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true })
        resolve()
      }
      if (child.exitCode !== null) return done()
      child.once("exit", done)
      child.kill("SIGTERM")
    })
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited with ${child.exitCode}:\n${output}`)
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false
    )
    if (ready) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`alertmanager did not become ready:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    post: async (alerts) => {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(alerts)
      })
      if (!response.ok) throw new Error(`alertmanager refused the alerts: ${response.status} ${await response.text()}`)
    },
    stop
  }
}
