/** Timing helpers: per-call samples and their median. */

export interface Variant {
  readonly name: string
  /** One call; resolves when the response is fully read (and decoded, for ours). */
  readonly call: () => Promise<unknown>
}

const median = (samples: Array<number>): number => {
  const sorted = samples.slice().sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Median per-call time in milliseconds of each variant. Variants run interleaved in small batches, so drift in the
 * machine (GC, JIT tiers, other load) spreads over all of them instead of favouring whichever ran first.
 */
export const medians = async (
  variants: ReadonlyArray<Variant>,
  options: { readonly warmup: number; readonly iterations: number; readonly batch?: number }
): Promise<Array<number>> => {
  for (const variant of variants) {
    for (let i = 0; i < options.warmup; i++) await variant.call()
  }
  const samples = variants.map((): Array<number> => [])
  const batch = Math.max(1, Math.min(options.batch ?? 20, options.iterations))
  for (let done = 0; done < options.iterations; done += batch) {
    const n = Math.min(batch, options.iterations - done)
    for (let v = 0; v < variants.length; v++) {
      const { call } = variants[v]!
      const out = samples[v]!
      for (let i = 0; i < n; i++) {
        const start = performance.now()
        await call()
        out.push(performance.now() - start)
      }
    }
  }
  return samples.map(median)
}

/** Items per second of a synchronous function applied to `items` items per call, best of a few timed rounds. */
export const throughput = (
  f: () => unknown,
  items: number,
  options: { readonly rounds: number; readonly minMillis: number }
) => {
  for (let i = 0; i < 3; i++) f()
  let best = 0
  for (let r = 0; r < options.rounds; r++) {
    let calls = 0
    const start = performance.now()
    let elapsed = 0
    do {
      f()
      calls++
      elapsed = performance.now() - start
    } while (elapsed < options.minMillis)
    best = Math.max(best, (calls * items * 1000) / elapsed)
  }
  return best
}
