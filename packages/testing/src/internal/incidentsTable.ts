/**
 * The incidents table, apart from the incident handlers so that components can read it (uptime's related events)
 * while the incident handlers read components, without the two modules importing each other.
 */
import type { Incident } from "@effect-statuspage/core/Incidents"
import type { Store } from "./store.js"

export const incidentsTable = (store: Store) => store.table<Incident>("incidents")

/** The incidents that named component `id`, in the order they were opened. */
export const relatedIncidents = (store: Store, id: string): Array<string> =>
  [...incidentsTable(store).values()].filter((i) => i.components.some((c) => c.id === id)).map((i) => i.id)
