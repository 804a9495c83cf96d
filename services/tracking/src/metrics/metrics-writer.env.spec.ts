import { z } from 'zod';
import { metricsWriterEnv, writerOptionsOf } from './metrics-writer.env';

const schema = z.object(metricsWriterEnv);

describe('tracking metric writer config - TRACKING_METRICS_FLUSH_MS / _POINTS / TRACKING_METRICS_FLUSHES', () => {
  it('defaults to a 1 s age, 50,000 points and two flushes at once', () => {
    expect(writerOptionsOf(schema.parse({}))).toEqual({
      maxBatchAgeMs: 1000,
      maxBatchPoints: 50_000,
      maxConcurrentFlushes: 2,
    });
  });

  it('takes all three from the environment', () => {
    const config = schema.parse({
      TRACKING_METRICS_FLUSH_MS: '200',
      TRACKING_METRICS_FLUSH_POINTS: '10000',
      TRACKING_METRICS_FLUSHES: '1',
    });
    expect(writerOptionsOf(config)).toEqual({
      maxBatchAgeMs: 200,
      maxBatchPoints: 10_000,
      maxConcurrentFlushes: 1,
    });
  });

  it('falls back to the defaults for a config without them (a test boot)', () => {
    expect(writerOptionsOf({ LOG_LEVEL: 'warn' })).toEqual({
      maxBatchAgeMs: 1000,
      maxBatchPoints: 50_000,
      maxConcurrentFlushes: 2,
    });
  });

  it.each([
    ['TRACKING_METRICS_FLUSH_MS', '0'],
    ['TRACKING_METRICS_FLUSH_MS', '60001'],
    ['TRACKING_METRICS_FLUSH_MS', '1s'],
    ['TRACKING_METRICS_FLUSH_POINTS', '0'],
    ['TRACKING_METRICS_FLUSH_POINTS', '1.5'],
    ['TRACKING_METRICS_FLUSHES', '0'],
    ['TRACKING_METRICS_FLUSHES', '17'],
  ])('refuses %s=%j, naming it', (key, value) => {
    const result = schema.safeParse({ [key]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([key]);
  });
});
