import { text } from "node:stream/consumers"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import { FileError } from "./errors.js"

const why = (error: { readonly _tag: string; readonly message: string; readonly reason?: string }) =>
  error._tag === "SystemError" && error.reason === "NotFound" ? "no such file" : error.message

/** The text of a file given on the command line, or of stdin for `-`; an unreadable one is a `FileError`. */
export const read = (path: string): Effect.Effect<string, FileError, FileSystem.FileSystem> =>
  path === "-"
    ? Effect.tryPromise({
        try: () => text(process.stdin),
        catch: () => new FileError({ path, message: "cannot read stdin" })
      })
    : Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(path)).pipe(
        Effect.mapError((error) => new FileError({ path, message: `cannot read ${path}: ${why(error)}` }))
      )

/** Writes a file given on the command line; failing to is a `FileError`. */
export const write = (path: string, content: string): Effect.Effect<void, FileError, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFileString(path, content)).pipe(
    Effect.mapError((error) => new FileError({ path, message: `cannot write ${path}: ${why(error)}` }))
  )
