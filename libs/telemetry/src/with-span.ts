import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/** Options of {@link withSpan}. */
export interface WithSpanOptions {
  /** Kind of span; `INTERNAL` by default, `CONSUMER`/`PRODUCER` around messages. */
  kind?: SpanKind;
  /** Parent context, e.g. from `extractTraceContext`; default the active one. */
  parent?: Context;
}

const tracer = () => trace.getTracer('@slipway/telemetry');

/**
 * Runs `fn` in a new active span named `name` and ends it afterwards. A thrown error is
 * recorded on the span, marks it failed, and is rethrown.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  options: WithSpanOptions = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { attributes, kind: options.kind ?? SpanKind.INTERNAL },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
