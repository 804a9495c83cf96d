import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { withSpan } from './with-span';

describe('withSpan', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
  });
  afterEach(() => exporter.reset());
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  test('success - returns the value and ends a span with the attributes', async () => {
    await expect(withSpan('work', { 'slipway.run_id': 'r1' }, () => 42)).resolves.toBe(42);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('work');
    expect(span.attributes).toEqual({ 'slipway.run_id': 'r1' });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  test('failure - rethrows and marks the span failed with the exception', async () => {
    await expect(withSpan('work', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  test('nesting - an inner span is a child of the outer one', async () => {
    await withSpan('outer', {}, () => withSpan('inner', {}, () => undefined));
    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
  });
});
