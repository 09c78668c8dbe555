import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as JobSummary from "@effect-statuspage/workflows/JobSummary"
import * as MaintenanceWindow from "@effect-statuspage/workflows/MaintenanceWindow"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Client from "../client.js"
import { describe, group } from "../help.js"
import * as Output from "../output.js"
import * as Parse from "../parse.js"
import * as Settings from "../settings.js"

const name = Options.text("name").pipe(
  Options.withDescription("The window's exact name: how it is found again among the scheduled and active ones.")
)
const body = Options.text("body").pipe(
  Options.withDescription("The text of the update sent with the change."),
  Options.optional
)
const notify = Options.boolean("notify").pipe(
  Options.withDescription("Notify the page's subscribers (off by default: nothing is sent to people without it).")
)

/** The flags every maintenance command takes. */
const targetFlags = { ...Settings.options, json: Output.json, name, body, notify }

const target = (args: Command.Command.ParseConfig<typeof targetFlags>): MaintenanceWindow.Target => ({
  name: args.name,
  body: Option.getOrUndefined(args.body),
  deliverNotifications: args.notify
})

/**
 * A setting of the window that stays as it is unless asked: `--<name>` turns it on, `--no-<name>` off.
 */
const toggle = (flag: string, description: string): Options.Options<boolean | undefined> =>
  Options.all({
    on: Options.boolean(flag).pipe(Options.withDescription(`${description} (--no-${flag}: off; default: unchanged).`)),
    off: Options.boolean(`no-${flag}`).pipe(Options.withDescription(`See --${flag}.`))
  }).pipe(
    Options.mapEffect(({ off, on }) =>
      on && off
        ? Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${flag} and --no-${flag} contradict each other`)))
        : Effect.succeed(on ? true : off ? false : undefined)
    )
  )

const report = (result: MaintenanceWindow.Result): Output.Report => {
  const window = result.maintenance
  return {
    json: result,
    text: [
      JobSummary.format(result),
      ...(window === undefined
        ? []
        : [
            `  maintenance ${window.id} (${window.status}, ${window.scheduled_for ?? "?"} .. ${window.scheduled_until ?? "?"})`
          ])
    ].join("\n")
  }
}

const scheduleFlags = {
  ...targetFlags,
  start: Options.text("start").pipe(
    Options.withDescription("When the window starts: ISO 8601 (2026-12-01T02:00:00Z) or now.")
  ),
  end: Options.text("end").pipe(Options.withDescription("When the window ends: ISO 8601 or now; after --start.")),
  components: Options.text("component").pipe(
    Options.withDescription("An affected component, by name or id, once per component (added to the window)."),
    Options.repeated
  ),
  remindPrior: toggle("remind-prior", "Remind subscribers an hour before the start"),
  autoStart: toggle("auto-start", "Statuspage starts the window at --start"),
  autoComplete: toggle("auto-complete", "Statuspage completes the window at --end"),
  autoMaintenance: toggle(
    "auto-maintenance-status",
    "Its components go under maintenance when the window starts automatically"
  ),
  autoOperational: toggle(
    "auto-operational-status",
    "Its components go back to operational when the window completes automatically"
  ),
  notifyAtStart: toggle("notify-at-start", "Notify subscribers when the window starts automatically"),
  notifyAtEnd: toggle("notify-at-end", "Notify subscribers when the window completes automatically")
}

const schedule = Command.make("schedule", scheduleFlags, (args) =>
  Effect.all([Parse.time("start", args.start), Parse.time("end", args.end)]).pipe(
    Effect.flatMap(([start, end]) =>
      MaintenanceWindow.schedule({
        ...target(args),
        start,
        end,
        components: args.components,
        remindPrior: args.remindPrior,
        autoStart: args.autoStart,
        autoComplete: args.autoComplete,
        autoTransitionToMaintenanceState: args.autoMaintenance,
        autoTransitionToOperationalState: args.autoOperational,
        notifyAtStart: args.notifyAtStart,
        notifyAtEnd: args.notifyAtEnd
      })
    ),
    Effect.map(report),
    Client.report(args)
  )
).pipe(
  Command.withDescription(
    describe(
      'Schedule a maintenance window by name: created, or updated where it differs (times, settings, components added, a new --body); "no change" otherwise. Safe to retry.',
      'statuspage maintenance schedule --name "Database upgrade" --start 2026-12-01T02:00:00Z --end 2026-12-01T04:00:00Z --component Database --body "Writes pause for a few minutes." --auto-start --auto-complete'
    )
  )
)

/** A command that moves the window found by `--name` through `job` (start, complete, cancel). */
const transition = (
  command: string,
  job: (target: MaintenanceWindow.Target) => ReturnType<typeof MaintenanceWindow.start>,
  summary: string,
  example: string
) =>
  Command.make(command, targetFlags, (args) => job(target(args)).pipe(Effect.map(report), Client.report(args))).pipe(
    Command.withDescription(describe(summary, example))
  )

const start = transition(
  "start",
  MaintenanceWindow.start,
  'Start the window now: in progress, its components under maintenance ("no change" when already started).',
  'statuspage maintenance start --name "Database upgrade"'
)

const complete = transition(
  "complete",
  MaintenanceWindow.complete,
  'Complete the window: its components back to operational ("no change" when it is no longer scheduled or active).',
  'statuspage maintenance complete --name "Database upgrade" --body "Done."'
)

const cancel = transition(
  "cancel",
  MaintenanceWindow.cancel,
  "Cancel the window: deleted when it has not started, completed (components operational) when in progress.",
  'statuspage maintenance cancel --name "Database upgrade"'
)

const extend = Command.make(
  "extend",
  {
    ...targetFlags,
    end: Options.text("end").pipe(Options.withDescription("The new end: ISO 8601 or now; after the window's start."))
  },
  (args) =>
    Effect.flatMap(Parse.time("end", args.end), (end) => MaintenanceWindow.extend({ ...target(args), end })).pipe(
      Effect.map(report),
      Client.report(args)
    )
).pipe(
  Command.withDescription(
    describe(
      'Move the window\'s end ("no change" when it already ends then).',
      'statuspage maintenance extend --name "Database upgrade" --end 2026-12-01T05:00:00Z'
    )
  )
)

export const command = group(
  "maintenance",
  describe(
    "Maintenance windows by name: schedule, start, extend, complete, cancel. Each is idempotent: rerunning it writes nothing; a window that is not (or no longer) scheduled or active is reported, not an error.",
    'statuspage maintenance schedule --name "Deploy" --start now --end 2026-12-01T03:00:00Z --component API',
    'statuspage maintenance complete --name "Deploy"'
  ),
  [schedule, start, extend, complete, cancel]
)
