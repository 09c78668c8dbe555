/** URL parameters of the three paging dialects (see `Endpoint.Paging`). */
import * as Schema from "effect/Schema"
import { optional } from "./common.js"

const PageNumber = Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))
const ZeroBasedPage = Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))
/** Statuspage caps every page at 100 items, whatever a schema says. */
const PageSize = Schema.Int.pipe(Schema.between(1, 100))

/** `page` (1-based) and `per_page`. */
export const PageQuery = { page: optional(PageNumber), per_page: optional(PageSize) }

/** `page` (1-based) and `limit`. */
export const LimitQuery = { page: optional(PageNumber), limit: optional(PageSize) }

/** `page` (0-based) and `limit`. */
export const OffsetQuery = { page: optional(ZeroBasedPage), limit: optional(PageSize) }
