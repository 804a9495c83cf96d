import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { createLogger } from './logger';
import { withSpan } from './with-span';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) } };
}

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  test('lines - JSON with service, level word and message', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'tracking', destination }).info({ runId: 'r1' }, 'run created');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'tracking', level: 'info', msg: 'run created', runId: 'r1' }),
    ]);
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  test('inside a span - every line carries trace_id and span_id of the active span', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'tracking', destination });
    const ids = await withSpan('handle', {}, async (span) => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.child({ handler: 'x' }).warn('slow');
      return span.spanContext();
    });
    expect(lines[0]).toMatchObject({
      trace_id: ids.traceId,
      span_id: ids.spanId,
      handler: 'x',
      level: 'warn',
    });
  });

  test('level - lines below the level are not written', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 's', level: 'warn', destination });
    logger.info('hidden');
    logger.error('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });
});
