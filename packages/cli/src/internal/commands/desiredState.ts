import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as FileSystem from "@effect/platform/FileSystem"
import * as DesiredStateApply from "@effect-statuspage/desired-state/DesiredStateApply"
import * as DesiredStateExport from "@effect-statuspage/desired-state/DesiredStateExport"
import * as DesiredStateFile from "@effect-statuspage/desired-state/DesiredStateFile"
import * as DesiredStatePlan from "@effect-statuspage/desired-state/DesiredStatePlan"
import * as DesiredStateSubscribers from "@effect-statuspage/desired-state/DesiredStateSubscribers"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Client from "../client.js"
import { FileError, UsageError } from "../errors.js"
import * as Files from "../files.js"
import { describe } from "../help.js"
import * as Output from "../output.js"
import * as Progress from "../progress.js"
import * as Settings from "../settings.js"
import * as Stop from "../stop.js"

const file = Options.text("file").pipe(
  Options.withAlias("f"),
  Options.withDescription("The page's desired configuration, YAML or JSON ('-': stdin).")
)
const prune = Options.boolean("prune").pipe(
  Options.withDescription("Also delete what is on the page but not in the file (unmanaged resources).")
)

const readPlan = (path: string, options: DesiredStatePlan.Options) =>
  Effect.flatMap(Files.read(path), (text) => DesiredStateFile.parse(text, path === "-" ? "<stdin>" : path)).pipe(
    Effect.flatMap((page) => DesiredStatePlan.make(page, options))
  )

const plan = Command.make("plan", { ...Settings.options, json: Output.json, file, prune }, (args) =>
  readPlan(args.file, { prune: args.prune }).pipe(
    Effect.map((plan): Output.Report => ({ json: plan, text: DesiredStatePlan.render(plan) })),
    Client.report(args)
  )
).pipe(
  Command.withDescription(
    describe(
      "Compare the page with a file and print what apply would change (reads only: each list once).",
      "statuspage plan --file page.yaml",
      "statuspage plan --file page.yaml --prune --json > plan.json"
    )
  )
)

const applyOptions = {
  ...Settings.options,
  json: Output.json,
  file,
  prune,
  yes: Options.boolean("yes").pipe(
    Options.withAlias("y"),
    Options.withDescription("Apply without asking (required when there is no terminal to ask on).")
  ),
  maxPruneShare: Options.float("max-prune-share").pipe(
    Options.withDescription("The largest share of the page's managed resources a prune may delete (default 0.25)."),
    Options.optional
  ),
  confirmLargePrune: Options.boolean("confirm-large-prune").pipe(
    Options.withDescription("The second confirmation a prune beyond --max-prune-share needs.")
  )
}

// The guard's own message names the library option; the command line has a flag for it.
const pruneGuard = (options: DesiredStateApply.Options) => (plan: DesiredStatePlan.Plan) =>
  DesiredStateApply.checkPruneGuard(plan, options).pipe(
    Effect.catchTag("PruneGuardError", (e) =>
      Effect.fail(
        new UsageError({
          message: `the plan deletes ${e.deletes} of ${e.total} managed resources, more than ${Math.round(e.maxShare * 100)}%: pass --confirm-large-prune to go ahead`
        })
      )
    )
  )

const confirm = (plan: DesiredStatePlan.Plan) =>
  Effect.gen(function* () {
    yield* Console.error(DesiredStatePlan.render(plan))
    if (process.stdin.isTTY !== true) {
      return yield* new UsageError({ message: "apply changes the page: pass --yes (there is no terminal to ask on)" })
    }
    return yield* Prompt.confirm({ message: `Apply these ${plan.changes.length} changes?`, initial: false }).pipe(
      Effect.catchTag("QuitException", () => Effect.interrupt)
    )
  })

const apply = Command.make("apply", applyOptions, (args) =>
  Effect.gen(function* () {
    const options: DesiredStateApply.Options = {
      confirmLargePrune: args.confirmLargePrune,
      ...(Option.isSome(args.maxPruneShare) ? { maxPruneShare: args.maxPruneShare.value } : {})
    }
    const plan = yield* readPlan(args.file, { prune: args.prune })
    if (DesiredStatePlan.isEmpty(plan)) {
      return { json: { plan, result: { writes: 0, refused: [], skipped: [] } }, text: "no change" }
    }
    yield* pruneGuard(options)(plan)
    if (!args.yes && !(yield* confirm(plan))) return { json: { plan, result: null }, text: "nothing applied" }
    const total = plan.changes.length
    let done = 0
    const result = yield* Stop.gracefully((checkpoint) =>
      DesiredStateApply.apply(plan, {
        ...options,
        onProgress: (progress) => {
          done = progress.done
          return Effect.zipRight(Progress.show(progress), checkpoint)
        }
      })
    ).pipe(
      Effect.ensuring(Progress.clear),
      Effect.onInterrupt(() =>
        Console.error(`statuspage: stopped after ${done} of ${total} writes; run apply again to finish (it converges)`)
      )
    )
    return {
      json: { plan, result },
      text: `${DesiredStatePlan.render(plan)}\n\napplied: ${result.writes} of ${total} writes`
    }
  }).pipe(Client.report(args))
).pipe(
  Command.withDescription(
    describe(
      "Make the page match a file: exactly the plan's writes, paced, with progress on a terminal; asks first unless --yes. Ctrl-C stops after the write in flight; rerunning converges.",
      "statuspage apply --file page.yaml",
      "statuspage apply --file page.yaml --prune --yes"
    )
  )
)

const exportOptions = {
  ...Settings.options,
  json: Output.json,
  output: Options.text("output").pipe(
    Options.withAlias("o"),
    Options.withDescription("Write the file here (JSON when it ends in .json, else YAML) instead of stdout."),
    Options.optional
  ),
  subscribers: Options.text("subscribers").pipe(
    Options.withDescription(
      "Also write the page's subscribers here, one JSON object a line (personal data: off unless asked)."
    ),
    Options.optional
  )
}

const writeSubscribers = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    let count = 0
    yield* DesiredStateSubscribers.toLines(DesiredStateSubscribers.exportSubscribers()).pipe(
      Stream.tap(() => {
        count++
        return count % 100 === 0 ? Progress.show({ done: count, total: count, step: "subscribers" }) : Effect.void
      }),
      Stream.encodeText,
      Stream.run(fs.sink(path)),
      Effect.catchTags({
        SystemError: (e) => Effect.fail(new FileError({ path, message: `cannot write ${path}: ${e.message}` })),
        BadArgument: (e) => Effect.fail(new FileError({ path, message: `cannot write ${path}: ${e.message}` }))
      }),
      Effect.ensuring(Progress.clear)
    )
    return count
  })

const exportPage = Command.make("export", exportOptions, (args) =>
  Effect.gen(function* () {
    const { file: page, notes } = yield* DesiredStateExport.exportPage()
    const output = Option.getOrUndefined(args.output)
    const subscribers = Option.isSome(args.subscribers) ? yield* writeSubscribers(args.subscribers.value) : undefined
    if (output === undefined) {
      for (const note of notes) yield* Console.error(`note: ${note}`)
      // The file itself is the document on stdout: YAML, or JSON with --json.
      return { json: page, text: DesiredStateFile.stringify(page, "yaml").trimEnd() }
    }
    yield* Files.write(output, DesiredStateFile.stringify(page, output.endsWith(".json") ? "json" : "yaml"))
    const summary = { output, notes, ...(subscribers === undefined ? {} : { subscribers }) }
    return {
      json: summary,
      text: [
        `wrote ${output}`,
        ...(subscribers === undefined
          ? []
          : [`wrote ${subscribers} subscribers to ${Option.getOrThrow(args.subscribers)}`]),
        ...notes.map((note) => `note: ${note}`)
      ].join("\n")
    }
  }).pipe(Client.report(args))
).pipe(
  Command.withDescription(
    describe(
      "Write the page's configuration as a file that, applied to the same page, plans to nothing.",
      "statuspage export --output page.yaml",
      "statuspage export --output page.yaml --subscribers subscribers.jsonl"
    )
  )
)

export const commands = [plan, apply, exportPage] as const
