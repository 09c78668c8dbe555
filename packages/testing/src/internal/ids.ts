/**
 * Statuspage-style ids (12 lowercase alphanumerics) from a seeded generator, so a fake started with the same seed
 * hands out the same ids in the same order and tests are reproducible.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

/** FNV-1a, to turn a string seed into 32 bits. */
const hashSeed = (seed: number | string): number => {
  if (typeof seed === "number") return seed >>> 0
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: small, fast and good enough to spread ids; not for anything secret. */
const mulberry32 = (seed: number) => {
  let a = seed
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Returns a function giving a fresh id on each call; ids never repeat within one generator. */
export const idGenerator = (seed: number | string): (() => string) => {
  const next = mulberry32(hashSeed(seed))
  const seen = new Set<string>()
  return () => {
    for (;;) {
      let id = ""
      for (let i = 0; i < 12; i++) id += ALPHABET[Math.floor(next() * ALPHABET.length)]
      if (!seen.has(id)) {
        seen.add(id)
        return id
      }
    }
  }
}
