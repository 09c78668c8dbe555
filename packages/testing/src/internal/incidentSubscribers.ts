/**
 * Incident subscribers: rows of the subscribers table tied to one incident of the page (a 404 when there is no
 * such incident). They follow the incident, not components.
 */

import type * as IncidentSubscribers from "@effect-statuspage/core/IncidentSubscribers"
import * as Effect from "effect/Effect"
import type { FakeRequest, GroupHandlers } from "./handler.js"
import { findIncident } from "./incidents.js"
import { addSubscriber, findSubscriber, patchSubscriber, subscribersOf } from "./subscribers.js"

const subscriberOf = ({ store, params }: FakeRequest<unknown>) =>
  Effect.flatMap(findIncident(store, params), (incident) =>
    findSubscriber(store, params.page_id!, incident.id, params.subscriber_id)
  )

export const incidentSubscribers: GroupHandlers<typeof IncidentSubscribers> = {
  list: ({ store, params }) =>
    Effect.map(findIncident(store, params), (incident) => subscribersOf(store, params.page_id!, incident.id)),

  get: subscriberOf,

  create: ({ store, params, input, now }) =>
    Effect.flatMap(findIncident(store, params), (incident) =>
      addSubscriber(store, { ...input, page_id: params.page_id!, incident_id: incident.id, components: null }, now)
    ),

  delete: (request) =>
    Effect.map(subscriberOf(request), (row) => patchSubscriber(request.store, row, { state: "unsubscribed" })),

  resendConfirmation: (request) => Effect.asVoid(subscriberOf(request))
}
