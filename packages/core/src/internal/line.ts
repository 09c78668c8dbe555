/**
 * The rate limiter's line per API key: requests wait in arrival order, and only the head asks the store for room.
 */
import * as Effect from "effect/Effect"

/**
 * One key's FIFO line: a lock handed from each request to the next in arrival order (never barged: `leave` hands it
 * on directly), so that only the head of the line asks the store. Entering an empty line and leaving it are
 * constant time.
 */
export class Line {
  private held = false
  private readonly waiting = new Set<() => void>()
  /** Requests of this key completed so far, and who to tell of the next one (the head, while it waits for room). */
  private completions = 0
  private wake: (() => void) | undefined = undefined

  constructor(private readonly onIdle: () => void) {}

  /**
   * Succeeds at the head of the line. Interrupted, it leaves the line, handing the head on if it had been handed to
   * it meanwhile: whoever waits behind never waits for an interrupted request.
   */
  readonly enter: Effect.Effect<void> = Effect.async<void>((resume) => {
    const turn = () => resume(Effect.void)
    if (this.held) this.waiting.add(turn)
    else {
      this.held = true
      turn()
    }
    return Effect.sync(() => {
      if (!this.waiting.delete(turn)) this.leave()
    })
  })

  readonly leave = (): void => {
    this.wake = undefined
    const next = this.waiting.values().next()
    if (next.done) {
      this.held = false
      this.onIdle()
    } else {
      this.waiting.delete(next.value)
      next.value()
    }
  }

  readonly completed = (): void => {
    this.completions++
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }

  /** A count to pass to `completedSince`: taken before asking the store, so that no completion after it is missed. */
  readonly seen = (): number => this.completions

  /** Succeeds once a request of this key has completed after `seen`. */
  readonly completedSince = (seen: number): Effect.Effect<void> =>
    Effect.async<void>((resume) => {
      if (this.completions !== seen) return resume(Effect.void)
      this.wake = () => resume(Effect.void)
    })
}
