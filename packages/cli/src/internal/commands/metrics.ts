import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as JobSummary from "@effect-statuspage/workflows/JobSummary"
import * as MetricBackfill from "@effect-statuspage/workflows/MetricBackfill"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Client from "../client.js"
import { UsageError } from "../errors.js"
import * as Files from "../files.js"
import { describe, group } from "../help.js"
import * as Output from "../output.js"
import * as Progress from "../progress.js"
import * as Settings from "../settings.js"
import * as Stop from "../stop.js"

const pushFlags = {
  ...Settings.options,
  json: Output.json,
  metric: Args.text({ name: "metric-id" }).pipe(Args.withDescription("The id of the metric the points belong to.")),
  file: Options.text("file").pipe(
    Options.withAlias("f"),
    Options.withDescription(
      "The points as CSV: timestamp,value lines (unix seconds or ISO 8601; a header and # comments are ignored; a metric,timestamp,value line names its own metric). '-' or no --file: stdin."
    ),
    Options.optional
  ),
  batchSize: Options.integer("batch-size").pipe(
    Options.withDescription(`Points per request (default ${MetricBackfill.defaultBatchSize}).`),
    Options.optional
  ),
  resume: Options.choice("resume", ["most-recent", "none"] as const).pipe(
    Options.withDescription(
      "most-recent: skip points at or before the metric's latest point, so a rerun sends only the rest; none: send every point (a backfill behind live data)."
    ),
    Options.withDefault("most-recent" as const)
  )
}

const push = Command.make("push", pushFlags, (args) =>
  Effect.gen(function* () {
    const path = Option.getOrElse(args.file, () => "-")
    if (path === "-" && process.stdin.isTTY === true) {
      return yield* new UsageError({
        message: "metrics push: no points: give --file <points.csv>, or pipe them on stdin"
      })
    }
    const points = yield* MetricBackfill.fromCsv(yield* Files.read(path), { metric: args.metric, badRows: "skip" })
    const total = points.length
    const eta = yield* Progress.pace(total)
    let pushed: MetricBackfill.Progress = { acknowledged: 0, sent: 0, requests: 0 }
    yield* Progress.show({ done: 0, total })
    const result = yield* Stop.gracefully((checkpoint) =>
      MetricBackfill.push(points, {
        batchSize: Option.getOrUndefined(args.batchSize),
        resume: args.resume === "none" ? "none" : "mostRecent",
        onBatch: (progress) => {
          pushed = progress
          return eta(progress.acknowledged).pipe(
            Effect.flatMap((etaMillis) =>
              Progress.show({
                done: progress.acknowledged,
                total,
                step: `rows, ${progress.sent} points sent`,
                etaMillis
              })
            ),
            Effect.zipRight(checkpoint)
          )
        }
      })
    ).pipe(
      Effect.ensuring(Progress.clear),
      Effect.onInterrupt(() =>
        Console.error(
          `statuspage: stopped after ${pushed.requests} requests: ${pushed.sent} points sent, ${pushed.acknowledged} of ${total} rows done; run the same metrics push again to send the rest`
        )
      )
    )
    return {
      json: result,
      text: `${JobSummary.format(result)}\n  sent ${result.sent} of ${total} points in ${result.requests} requests`
    }
  }).pipe(Client.report(args))
).pipe(
  Command.withDescription(
    describe(
      "Push a metric's data points from a CSV file or stdin: batched into as few requests as the API allows, one point per 30-second slot, progress on a terminal. Points Statuspage would refuse or overwrite (older than 28 days, the same slot, already sent) and rows that do not parse are skipped and listed in the summary. Ctrl-C stops after the request in flight; rerunning sends only the rest.",
      "statuspage metrics push 2ds3tm8bvsqn --file latency.csv",
      "my-exporter | statuspage metrics push 2ds3tm8bvsqn --json"
    )
  )
)

export const command = group(
  "metrics",
  describe("Push data points to a page's metrics.", "statuspage metrics push 2ds3tm8bvsqn --file points.csv"),
  [push]
)
