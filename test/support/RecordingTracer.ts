/** A tracer that keeps every span it starts, to assert names and attributes. */
import type * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"

export interface RecordedSpan extends Tracer.Span {
  readonly attributes: Map<string, unknown>
}

export const make = () => {
  const spans: Array<RecordedSpan> = []
  const tracer = Tracer.make({
    span: (name, parent: Option.Option<Tracer.AnySpan>, context, links, startTime, kind) => {
      const span: RecordedSpan = {
        _tag: "Span",
        name,
        spanId: `span${spans.length}`,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: new Map(),
        links,
        sampled: true,
        kind,
        end(endTime: bigint, exit: Exit.Exit<unknown, unknown>) {
          ;(this as { status: Tracer.SpanStatus }).status = { _tag: "Ended", startTime, endTime, exit }
        },
        attribute(key, value) {
          this.attributes.set(key, value)
        },
        event() {},
        addLinks() {}
      }
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { spans, layer: Layer.setTracer(tracer), tracer }
}
