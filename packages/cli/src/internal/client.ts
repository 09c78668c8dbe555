import type * as FileSystem from "@effect/platform/FileSystem"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import * as Effect from "effect/Effect"
import * as Output from "./output.js"
import * as Settings from "./settings.js"

/** Runs a command's work with the client its flags describe, then prints its report. */
export const report =
  (args: Settings.Settings & { readonly json: boolean }) =>
  <E, R>(
    work: Effect.Effect<Output.Report, E, R>
  ): Effect.Effect<
    void,
    E | import("@effect-statuspage/core/StatusPageError").ConfigurationError,
    Exclude<R, StatusPageConfig.StatusPageConfig | HttpClient.HttpClient> | Output.Output | FileSystem.FileSystem
  > =>
    work.pipe(
      Effect.flatMap((result) => Output.emit(result, args.json)),
      Effect.provide(Settings.layer(args))
    )
