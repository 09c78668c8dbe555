/**
 * The `verbose` lines (request outcomes, retries): at debug level, and shown even under the default minimum level
 * (info), since setting `verbose: true` is the request to see them.
 */
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"

export const verboseLog = (message: string): Effect.Effect<void> =>
  Logger.withMinimumLogLevel(Effect.logDebug(message), LogLevel.Debug)
