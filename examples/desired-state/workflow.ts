/**
 * The pull-request workflow of docs/desired-state.md, as a script a CI job runs:
 *
 *   tsx examples/desired-state/workflow.ts plan statuspage.yaml plan.json [--prune]   # exit 0: nothing to do, 2: changes
 *   tsx examples/desired-state/workflow.ts apply plan.json [--confirm-large-prune]
 *
 * It talks to the page of STATUSPAGE_API_KEY / STATUSPAGE_PAGE_ID through `StatusPageNode.layer()` (pacing, safe
 * retries, timeouts).
 */
import * as Fs from "node:fs"
import { DesiredStateApply, DesiredStateFile, DesiredStatePlan } from "@effect-statuspage/desired-state"
import { StatusPageNode } from "@effect-statuspage/platform-node"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const [command, input, output] = process.argv.slice(2)
const flag = (name: string) => process.argv.includes(name)

const plan = (fileName: string, planFile: string) =>
  Effect.gen(function* () {
    const file = yield* DesiredStateFile.parse(Fs.readFileSync(fileName, "utf8"), fileName)
    const plan = yield* DesiredStatePlan.make(file, { prune: flag("--prune") })
    yield* Console.log(DesiredStatePlan.render(plan))
    Fs.writeFileSync(planFile, DesiredStatePlan.toJson(plan))
    return DesiredStatePlan.isEmpty(plan) ? 0 : 2
  })

const apply = (planFile: string) =>
  Effect.gen(function* () {
    const plan = yield* Schema.decodeUnknown(Schema.parseJson(DesiredStatePlan.Plan))(Fs.readFileSync(planFile, "utf8"))
    const result = yield* DesiredStateApply.apply(plan, {
      confirmLargePrune: flag("--confirm-large-prune"),
      onProgress: ({ done, total, step, etaMillis }) =>
        Console.log(`[${done}/${total}] ${step} (about ${Math.ceil(etaMillis / 1000)} s left)`)
    })
    yield* Console.log(`applied: ${result.writes} writes`)
    return 0
  })

const program =
  command === "plan" && input !== undefined && output !== undefined
    ? plan(input, output)
    : command === "apply" && input !== undefined
      ? apply(input)
      : Effect.fail(
          new Error("usage: workflow.ts plan <file> <plan.json> [--prune] | apply <plan.json> [--confirm-large-prune]")
        )

Effect.runPromise(program.pipe(Effect.provide(StatusPageNode.layer()))).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message)
    process.exit(1)
  }
)
