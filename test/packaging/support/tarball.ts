/** Reads a `.tgz` as npm packs it: the files under `package/`, with their sizes and contents. */
import * as fs from "node:fs"
import * as zlib from "node:zlib"

export interface TarEntry {
  /** Path inside the package (the `package/` prefix removed). */
  readonly path: string
  readonly size: number
  readonly content: Buffer
}

const field = (block: Buffer, start: number, length: number) =>
  block
    .subarray(start, start + length)
    .toString("utf8")
    .replace(/\0.*$/s, "")

export const read = (file: string): Array<TarEntry> => {
  const tar = zlib.gunzipSync(fs.readFileSync(file))
  const entries: Array<TarEntry> = []
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) break
    const name = [field(header, 345, 155), field(header, 0, 100)].filter(Boolean).join("/")
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8)
    const type = field(header, 156, 1)
    if (type === "0" || type === "") {
      entries.push({
        path: name.replace(/^package\//, ""),
        size,
        content: tar.subarray(offset + 512, offset + 512 + size)
      })
    }
    offset += 512 + Math.ceil(size / 512) * 512
  }
  return entries
}
