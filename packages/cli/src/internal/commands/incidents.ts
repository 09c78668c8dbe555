import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Incidents from "@effect-statuspage/core/Incidents"
import * as Pagination from "@effect-statuspage/core/Pagination"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Client from "../client.js"
import { describe } from "../help.js"
import * as Output from "../output.js"
import * as Settings from "../settings.js"

const unresolved = Options.boolean("unresolved").pipe(
  Options.withDescription("Only incidents that are not resolved yet (one request per 100 of them).")
)

const list = Command.make("list", { ...Settings.options, json: Output.json, unresolved }, (args) =>
  Stream.runCollect(
    args.unresolved ? Pagination.stream(Incidents.listUnresolved) : Pagination.stream(Incidents.list)
  ).pipe(
    Effect.map((chunk): Output.Report => {
      const incidents = Array.from(chunk)
      return {
        json: incidents,
        text: Output.table(
          ["ID", "STATUS", "IMPACT", "CREATED", "NAME"],
          incidents.map((i) => [i.id, i.status, i.impact, i.created_at, i.name])
        )
      }
    }),
    Client.report(args)
  )
).pipe(
  Command.withDescription(
    describe(
      "List the page's incidents, newest first (every page of the list).",
      "statuspage incidents list --unresolved",
      "statuspage incidents list --json | jq length"
    )
  )
)

export const command = Command.make("incidents").pipe(
  Command.withDescription(describe("List and manage incidents.", "statuspage incidents list --unresolved")),
  Command.withSubcommands([list])
)
