import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** Progress of long work: done/total, what is next, and an ETA. */
export interface Progress {
  readonly done: number
  readonly total: number
  readonly step?: string | undefined
  readonly etaMillis?: number | undefined
}

// One line, redrawn in place, on a terminal only: a log file or a CI step gets nothing noisy.
const tty = () => process.stderr.isTTY === true

export const show = (progress: Progress): Effect.Effect<void> =>
  Effect.sync(() => {
    if (!tty()) return
    const seconds = Math.ceil((progress.etaMillis ?? 0) / 1000)
    const eta =
      seconds === 0 || progress.done >= progress.total ? "" : `, ETA ${Duration.format(Duration.seconds(seconds))}`
    const step = progress.step === undefined ? "" : ` ${progress.step}`
    process.stderr.write(`\r\u001b[2K${progress.done}/${progress.total}${eta}${step}`.slice(0, 200))
  })

export const clear: Effect.Effect<void> = Effect.sync(() => {
  if (tty()) process.stderr.write("\r\u001b[2K")
})

/**
 * Starts a clock for work of `total` steps and gives the ETA at the pace so far (the rate limit sets that pace);
 * `undefined` before the first step is done.
 */
export const pace = (total: number): Effect.Effect<(done: number) => Effect.Effect<number | undefined>> =>
  Effect.map(
    Clock.currentTimeMillis,
    (start) => (done) =>
      Effect.map(Clock.currentTimeMillis, (now) => (done === 0 ? undefined : ((total - done) * (now - start)) / done))
  )
