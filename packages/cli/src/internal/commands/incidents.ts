import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Incidents from "@effect-statuspage/core/Incidents"
import * as Pagination from "@effect-statuspage/core/Pagination"
import * as IncidentByKey from "@effect-statuspage/workflows/IncidentByKey"
import * as JobSummary from "@effect-statuspage/workflows/JobSummary"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Client from "../client.js"
import { describe, group } from "../help.js"
import * as Output from "../output.js"
import * as Parse from "../parse.js"
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

const key = Options.text("key").pipe(
  Options.withDescription(
    "The incident's stable key (kept in its metadata): the same key always means the same open incident."
  )
)
const incidentStatus = Options.choice("status", ["investigating", "identified", "monitoring"] as const).pipe(
  Options.withDescription("The incident's status; it only moves forward (investigating -> identified -> monitoring)."),
  Options.optional
)
const impact = Options.choice("impact", ["none", "minor", "major", "critical"] as const).pipe(
  Options.withDescription("The impact; it only goes up unless --allow-downgrade."),
  Options.optional
)
const body = Options.text("body").pipe(Options.withDescription("The text of the update."), Options.optional)
const components = Options.text("component").pipe(
  Options.withDescription("<name>=<status>, once per component (a name or an id)."),
  Options.repeated
)
const notify = Options.boolean("notify").pipe(
  Options.withDescription("Notify the page's subscribers (off by default: nothing is sent to people without it).")
)
const allowDowngrade = Options.boolean("allow-downgrade").pipe(
  Options.withDescription("Let impact and component statuses go down (by default they only escalate).")
)

const optional = <A>(option: Option.Option<A>) => Option.getOrUndefined(option)

const incidentReport = (
  result: JobSummary.Summary & { readonly incident?: { readonly id: string; readonly status: string } | undefined }
): Output.Report => ({
  json: result,
  text: [
    JobSummary.format(result),
    ...(result.incident === undefined ? [] : [`  incident ${result.incident.id} (${result.incident.status})`])
  ].join("\n")
})

/** The flags `open` and `update` share, and the job options they give. */
const changeFlags = {
  ...Settings.options,
  json: Output.json,
  key,
  status: incidentStatus,
  impact,
  body,
  components,
  notify,
  allowDowngrade
}

const changes = (args: Command.Command.ParseConfig<typeof changeFlags>) =>
  Effect.map(
    Parse.componentPairs(args.components),
    (components): IncidentByKey.UpdateOptions => ({
      key: args.key,
      status: optional(args.status),
      impact: optional(args.impact),
      body: optional(args.body),
      components,
      deliverNotifications: args.notify,
      allowDowngrade: args.allowDowngrade
    })
  )

const open = Command.make(
  "open",
  { ...changeFlags, name: Options.text("name").pipe(Options.withDescription("The incident's name.")) },
  (args) =>
    changes(args).pipe(
      Effect.flatMap((options) => IncidentByKey.ensure({ ...options, name: args.name })),
      Effect.map(incidentReport),
      Client.report(args)
    )
).pipe(
  Command.withDescription(
    describe(
      'Open the incident for a key, or bring the open one up to date (only what changed is written; "no change" otherwise). Safe to retry: the same key never opens a second incident.',
      'statuspage incidents open --key deploy-api --name "API errors after deploy" --impact major --component API=major_outage --body "Investigating."'
    )
  )
)

const update = Command.make("update", changeFlags, (args) =>
  changes(args).pipe(Effect.flatMap(IncidentByKey.update), Effect.map(incidentReport), Client.report(args))
).pipe(
  Command.withDescription(
    describe(
      "Update the open incident of a key (exit 6 when none is open); only what changed is written.",
      'statuspage incidents update --key deploy-api --status identified --body "Rolling back."'
    )
  )
)

const resolve = Command.make(
  "resolve",
  { ...Settings.options, json: Output.json, key, body, components, notify },
  (args) =>
    Effect.gen(function* () {
      const result = yield* IncidentByKey.resolve({
        key: args.key,
        body: optional(args.body),
        components: yield* Parse.componentPairs(args.components),
        deliverNotifications: args.notify
      })
      return incidentReport(result)
    }).pipe(Client.report(args))
).pipe(
  Command.withDescription(
    describe(
      'Resolve the open incident of a key and set its components back to operational (or to the --component statuses); "no change" when none is open.',
      'statuspage incidents resolve --key deploy-api --body "Fixed by the rollback."'
    )
  )
)

export const command = group(
  "incidents",
  describe(
    "List incidents; open, update and resolve them by a stable key (idempotent: safe in a retrying CI step).",
    'statuspage incidents open --key deploy-api --name "API errors" --component API=major_outage'
  ),
  [list, open, update, resolve]
)
