/**
 * A loopback HTTP server that misbehaves on purpose, for the reliability suite. The scenario is the page id in the
 * path (`/v1/pages/<scenario>/...`), so one server plays every fault; it records every request it receives (method,
 * headers, body) so a test can count POSTs and look for the API key.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

export interface Received {
  readonly scenario: string
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: string
}

export interface Exchange {
  readonly req: Http.IncomingMessage
  readonly res: Http.ServerResponse
  readonly received: Received
  /** 1 for the first request of this scenario and method, 2 for the second, … */
  readonly attempt: number
}

/** What the server does with a request of its scenario. */
export type Fault = (exchange: Exchange) => void

export interface FaultServer {
  readonly origin: string
  readonly received: Array<Received>
  /** Requests received for a scenario, optionally of one method. */
  readonly count: (scenario: string, method?: string) => number
  readonly close: () => Promise<void>
}

export const json = (
  res: Http.ServerResponse,
  status: number,
  body: unknown,
  headers: Http.OutgoingHttpHeaders = {}
) => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(text)
}

export const start = async (faults: Readonly<Record<string, Fault>>): Promise<FaultServer> => {
  const received: Array<Received> = []
  const attempts = new Map<string, number>()
  const server = Http.createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const scenario = (req.url ?? "").split("/")[3] ?? ""
      const entry: Received = {
        scenario,
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8")
      }
      received.push(entry)
      const key = `${scenario} ${entry.method}`
      const attempt = (attempts.get(key) ?? 0) + 1
      attempts.set(key, attempt)
      const fault = faults[scenario]
      if (fault === undefined) return json(res, 404, { error: `no scenario ${scenario}` })
      fault({ req, res, received: entry, attempt })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    count: (scenario, method) =>
      received.filter((r) => r.scenario === scenario && (method === undefined || r.method === method)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Answers after `millis`, unless the client gave up first (closing the server closes every response too). */
export const later =
  (millis: number, answer: Fault): Fault =>
  (exchange) => {
    const timer = setTimeout(() => {
      if (!exchange.res.destroyed && !exchange.res.writableEnded) answer(exchange)
    }, millis)
    exchange.res.on("close", () => clearTimeout(timer))
  }
