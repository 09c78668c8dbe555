import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Components from "@effect-statuspage/core/Components"
import * as Pagination from "@effect-statuspage/core/Pagination"
import * as ComponentStatus from "@effect-statuspage/workflows/ComponentStatus"
import * as JobSummary from "@effect-statuspage/workflows/JobSummary"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Client from "../client.js"
import { describe, group } from "../help.js"
import * as Output from "../output.js"
import * as Parse from "../parse.js"
import * as Settings from "../settings.js"

const list = Command.make("list", { ...Settings.options, json: Output.json }, (args) =>
  Stream.runCollect(Pagination.stream(Components.list)).pipe(
    Effect.map((chunk): Output.Report => {
      const components = Array.from(chunk)
      const groups = new Map(components.filter((c) => c.group).map((c) => [c.id, c.name]))
      return {
        json: components,
        text: Output.table(
          ["ID", "NAME", "STATUS", "GROUP"],
          components.map((c) => [
            c.id,
            c.name,
            c.group ? "(group)" : c.status,
            c.group_id === null ? "" : (groups.get(c.group_id) ?? c.group_id)
          ])
        )
      }
    }),
    Client.report(args)
  )
).pipe(
  Command.withDescription(
    describe(
      "List the page's components and groups (every page of the list).",
      "statuspage components list",
      "statuspage components list --json | jq -r '.[] | select(.status != \"operational\") | .name'"
    )
  )
)

const statusOption = Options.choice("status", Parse.componentStatuses).pipe(
  Options.withDescription("The status to set.")
)
const until = Options.text("until").pipe(
  Options.withDescription(
    "With --status under_maintenance: when the maintenance ends (ISO 8601); from then on the status goes back to operational on the next run."
  ),
  Options.optional
)
const targets = Args.text({ name: "name-or-id" }).pipe(
  Args.withDescription("A component's exact name or its id."),
  Args.atLeast(1)
)

const set = Command.make(
  "set",
  { ...Settings.options, json: Output.json, status: statusOption, until, targets },
  (args) =>
    Effect.gen(function* () {
      const end = Option.isSome(args.until) ? yield* Parse.time("until", args.until.value) : undefined
      const result = yield* ComponentStatus.set(
        args.targets.map((component) => ({
          component,
          status: args.status,
          ...(end === undefined ? {} : { until: end })
        }))
      )
      return { json: result, text: JobSummary.format(result) }
    }).pipe(Client.report(args))
).pipe(
  Command.withDescription(
    describe(
      'Set components\' statuses by name or id: one list, then one write per component whose status differs ("no change" otherwise); a group is skipped (its status is derived).',
      "statuspage components set API Website --status major_outage",
      "statuspage components set Database --status under_maintenance --until 2026-12-01T04:00:00Z"
    )
  )
)

export const command = group(
  "components",
  describe("Read and set component statuses.", "statuspage components set API --status partial_outage"),
  [list, set]
)
