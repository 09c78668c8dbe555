/**
 * Subscribers: one email subscriber (no confirmation mail), counted, listed page by page, then removed without an
 * unsubscription mail.
 */
import { Pagination, Subscribers } from "@effect-statuspage/core"
import * as Effect from "effect/Effect"
import { step } from "./print.js"

export const subscribersExample = Effect.gen(function* () {
  const subscriber = yield* Subscribers.create({
    email: "status-demo@example.com",
    skip_confirmation_notification: true
  })
  yield* step(`subscribed ${subscriber.email} (${subscriber.id}, mode ${subscriber.mode})`)
  const counts = yield* Subscribers.count()
  yield* step(`the page has ${counts.email} email subscriber(s)`)
  const all = yield* Pagination.collect(Subscribers.list, { max: 10_000 })
  yield* step(`listed ${all.length} active subscriber(s), 100 a page (subscribers page from 0)`)
  yield* Subscribers.delete(subscriber.id, { skip_unsubscription_notification: true })
  yield* step("unsubscribed it again, quietly")
})
