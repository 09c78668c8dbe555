/**
 * Component groups and subscribers: group two components, subscribe people to parts of the page, count them, and
 * unsubscribe them in bulk.
 */
import { ComponentGroups, Components, Subscribers } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

/** A group of two new components, renamed; deleting its last component deletes it too (a group cannot be empty). */
export const componentGroupsExample = Effect.gen(function* () {
  const api = yield* Components.create({ name: "Public API" })
  const hooks = yield* Components.create({ name: "Webhooks" })
  const group = yield* ComponentGroups.create({ name: "Platform", components: [api.id, hooks.id] })
  yield* step(`group ${group.name} (${group.id}) holds ${group.components.length} components`)

  const renamed = yield* ComponentGroups.update(group.id, {
    name: "Developer platform",
    components: group.components,
    description: "What integrations talk to"
  })
  yield* step(`renamed to ${renamed.name}: ${renamed.description}`)

  yield* Components.delete(api.id)
  yield* Components.delete(hooks.id)
  const gone = yield* ComponentGroups.get(group.id).pipe(
    Effect.as(false),
    Effect.catchTag("ResourceError", (error) => Effect.succeed(error.reason === "NotFound"))
  )
  yield* step(`deleted both components${gone ? "; the group went with the last one" : ""}`)
})

/** Subscribers of every kind, counted by state, then unsubscribed in one call. Real subscribers get emails. */
export const subscribersExample = Effect.gen(function* () {
  const api = yield* Components.create({ name: "API" })
  const ops = yield* Subscribers.create({ email: "ops@example.com", skip_confirmation_notification: true })
  const dev = yield* Subscribers.create({ email: "dev@example.com", component_ids: [api.id] })
  const hook = yield* Subscribers.create({ endpoint: "https://hooks.example.com/statuspage", email: "ops@example.com" })
  yield* step(`subscribed ${ops.email} (everything), ${dev.email} (${api.name} only) and a webhook (${hook.endpoint})`)

  const histogram = yield* Subscribers.histogramByState()
  yield* step(`email subscribers: ${histogram.email.active} active, ${histogram.email.unconfirmed} unconfirmed`)

  yield* Subscribers.unsubscribe({ subscribers: [ops.id, dev.id, hook.id], state: "all" })
  const gone = yield* Subscribers.listUnsubscribed()
  yield* step(`unsubscribed ${gone.length} in one call`)
  yield* Components.delete(api.id)
})
