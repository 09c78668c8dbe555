import * as ParseResult from "effect/ParseResult"

/**
 * The issue to report of a decode error: the deepest, because of a union's issues it says most (`status.critical`
 * rather than `status`, `labels` rather than the other member's missing `alerts`). Decode with `errors: "all"`.
 */
export const deepestIssue = (error: ParseResult.ParseError): ParseResult.ArrayFormatterIssue | undefined =>
  ParseResult.ArrayFormatter.formatErrorSync(error).reduce<ParseResult.ArrayFormatterIssue | undefined>(
    (best, next) => (best === undefined || next.path.length > best.path.length ? next : best),
    undefined
  )
