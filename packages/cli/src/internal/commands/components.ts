import * as Command from "@effect/cli/Command"
import * as Components from "@effect-statuspage/core/Components"
import * as Pagination from "@effect-statuspage/core/Pagination"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Client from "../client.js"
import { describe } from "../help.js"
import * as Output from "../output.js"
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

export const command = Command.make("components").pipe(
  Command.withDescription(describe("Read and set component statuses.", "statuspage components list")),
  Command.withSubcommands([list])
)
