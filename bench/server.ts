/** The bench's loopback server: fixed JSON payloads, serialised once, served by path. */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly close: () => Promise<void>
}

/** Serves each payload at its path (query strings ignored); anything else is a 404. */
export const start = async (routes: Readonly<Record<string, unknown>>): Promise<BenchServer> => {
  const bodies = new Map(Object.entries(routes).map(([path, value]) => [path, Buffer.from(JSON.stringify(value))]))
  const server = Http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!
    const body = bodies.get(path)
    // drain any request body before answering, so keep-alive connections stay usable
    req.resume()
    req.on("end", () => {
      if (body === undefined) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}')
        return
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length }).end(body)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
