/**
 * An npm registry on 127.0.0.1 that serves our packed tarballs and, for everything they need, the versions already
 * installed in this workspace (re-packed from `node_modules`). `npm install --registry <url>` in a scratch app then
 * installs exactly as from the real registry, with no network: the packaging test runs offline after
 * `pnpm install`.
 */
import { execFileSync } from "node:child_process"
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as path from "node:path"

interface Manifest {
  readonly name: string
  readonly version: string
  readonly dependencies?: Record<string, string>
  readonly optionalDependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>
  readonly [key: string]: unknown
}

interface Entry {
  readonly manifest: Manifest
  readonly tarball: string
}

export interface LocalRegistry {
  readonly url: string
  /** name@version of every package served. */
  readonly served: ReadonlyArray<string>
  readonly close: () => Promise<void>
}

/** Node's lookup: the nearest `node_modules/<name>` above `from`, followed to its real directory. */
const resolveInstalled = (name: string, from: string): string | undefined => {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name)
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate)
    if (dir === path.dirname(dir)) return undefined
  }
}

const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))

/**
 * Packs an installed package directory as npm would have shipped it (`package/` prefix), once per name@version.
 * pnpm hard-links files of equal content, which tar would store as links, and npm skips links: store them as files.
 */
const repack = (dir: string, manifest: Manifest, cacheDir: string): string => {
  const file = path.join(cacheDir, `${manifest.name.replace("/", "+")}@${manifest.version}.tgz`)
  if (!fs.existsSync(file)) {
    const partial = `${file}.${process.pid}.partial`
    execFileSync("tar", [
      "-czf",
      partial,
      "--hard-dereference",
      "--exclude=./node_modules",
      "--transform=s,^\\.,package,",
      "-C",
      dir,
      "."
    ])
    fs.renameSync(partial, file)
  }
  return file
}

/**
 * Serves `tarballs` (our packages) and the transitive closure of their dependencies and peers, plus `extra` (names
 * the scratch app adds itself), taking each from the installation visible from `workspace`.
 */
export const start = async (options: {
  /** Our packed packages, each with its directory in the workspace (where its peers are installed as devDependencies). */
  readonly tarballs: ReadonlyArray<{ readonly file: string; readonly manifest: Manifest; readonly dir: string }>
  readonly extra: ReadonlyArray<string>
  readonly workspace: string
  readonly cacheDir: string
}): Promise<LocalRegistry> => {
  fs.mkdirSync(options.cacheDir, { recursive: true })
  const entries = new Map<string, Map<string, Entry>>()
  /** Tarballs by the file name their URL ends with. */
  const files = new Map<string, string>()
  const add = (manifest: Manifest, tarball: string) => {
    files.set(path.basename(tarball), tarball)
    const versions = entries.get(manifest.name) ?? new Map<string, Entry>()
    entries.set(manifest.name, versions)
    versions.set(manifest.version, { manifest, tarball })
  }
  const ours = new Set(options.tarballs.map(({ manifest }) => manifest.name))
  for (const { file, manifest } of options.tarballs) add(manifest, file)

  const pending: Array<{ name: string; from: string; optional: boolean }> = [
    ...options.tarballs.flatMap(({ manifest, dir }) => dependenciesOf(manifest, dir)),
    ...options.extra.map((name) => ({ name, from: options.workspace, optional: false }))
  ]
  const seen = new Set<string>()
  while (pending.length > 0) {
    const { name, from, optional } = pending.pop()!
    if (ours.has(name)) continue
    const dir = resolveInstalled(name, from)
    if (dir === undefined) {
      if (optional) continue // e.g. another platform's native binary, an optional peer nobody installed
      throw new Error(`${name} (needed from ${from}) is not installed in the workspace: run pnpm install`)
    }
    if (seen.has(dir)) continue
    seen.add(dir)
    const manifest = readManifest(dir)
    add(manifest, repack(dir, manifest, options.cacheDir))
    pending.push(...dependenciesOf(manifest, dir))
  }

  const integrity = new Map<string, string>()
  const integrityOf = (file: string) => {
    let value = integrity.get(file)
    if (value === undefined) {
      value = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(file)).digest("base64")}`
      integrity.set(file, value)
    }
    return value
  }

  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname).slice(1)
    const tarball = files.get(/^-\/tarballs\/(.+)$/.exec(pathname)?.[1] ?? "")
    if (tarball !== undefined) {
      response.writeHead(200, { "content-type": "application/octet-stream" })
      return void fs.createReadStream(tarball).pipe(response)
    }
    const versions = entries.get(pathname)
    if (versions === undefined) {
      response.writeHead(404, { "content-type": "application/json" })
      return void response.end(JSON.stringify({ error: "not found" }))
    }
    const base = `http://${request.headers.host}`
    const packument = {
      name: pathname,
      "dist-tags": { latest: [...versions.keys()].at(-1) },
      versions: Object.fromEntries(
        [...versions].map(([version, entry]) => [
          version,
          {
            ...entry.manifest,
            dist: {
              tarball: `${base}/-/tarballs/${encodeURIComponent(path.basename(entry.tarball))}`,
              integrity: integrityOf(entry.tarball)
            }
          }
        ])
      )
    }
    response.writeHead(200, { "content-type": "application/json" })
    response.end(JSON.stringify(packument))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    served: [...entries].flatMap(([name, versions]) => [...versions.keys()].map((version) => `${name}@${version}`)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections() // npm keeps its sockets alive
      })
  }
}

const dependenciesOf = (manifest: Manifest, from: string) => [
  ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, from, optional: false })),
  ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, from, optional: true })),
  ...Object.keys(manifest.peerDependencies ?? {}).map((name) => ({
    name,
    from,
    optional: manifest.peerDependenciesMeta?.[name]?.optional === true
  }))
]
