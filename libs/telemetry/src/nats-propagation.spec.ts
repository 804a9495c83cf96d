import { headers } from '@nats-io/nats-core';
import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { extractTraceContext, injectTraceHeaders } from './nats-propagation';

describe('NATS trace propagation', () => {
  beforeAll(() => {
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    trace.disable();
    propagation.disable();
  });

  test('inject then extract - the receiver continues the sender trace', () => {
    const span = trace.getTracer('test').startSpan('publish');
    const sent = injectTraceHeaders(headers(), trace.setSpan(ROOT_CONTEXT, span));
    expect(sent.get('traceparent')).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);

    const received = trace.getSpanContext(extractTraceContext(sent, ROOT_CONTEXT));
    expect(received).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      isRemote: true,
    });

    const child = trace.getTracer('test').startSpan('handle', {}, extractTraceContext(sent, ROOT_CONTEXT));
    expect(child.spanContext().traceId).toBe(span.spanContext().traceId);
    child.end();
    span.end();
  });

  test('no active span - nothing is injected', () => {
    const sent = injectTraceHeaders(headers(), ROOT_CONTEXT);
    expect(sent.has('traceparent')).toBe(false);
  });

  test('message without trace headers - extract leaves the base context unchanged', () => {
    expect(trace.getSpanContext(extractTraceContext(headers(), ROOT_CONTEXT))).toBeUndefined();
    expect(extractTraceContext(undefined, ROOT_CONTEXT)).toBe(ROOT_CONTEXT);
  });
});
