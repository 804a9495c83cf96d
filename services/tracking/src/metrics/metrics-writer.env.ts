import { envInt, withDefault } from '@slipway/config';
import { DEFAULT_WRITER_OPTIONS, type MetricPointsWriterOptions } from './metric-points.writer';

/**
 * Batching of the metric writer: spread into `trackingConfigSchema` (`...metricsWriterEnv`); the
 * metrics module reads them from the service's config ({@link writerOptionsOf}).
 */
export const metricsWriterEnv = {
  TRACKING_METRICS_FLUSH_MS: withDefault(
    envInt(1, 60_000),
    String(DEFAULT_WRITER_OPTIONS.maxBatchAgeMs),
    'Longest a logged metric point waits before its batch is inserted into ClickHouse (ms): how soon asynchronously logged points are queryable. Longer means fewer, larger inserts (less CPU under load).',
  ),
  TRACKING_METRICS_FLUSH_POINTS: withDefault(
    envInt(1, 1_000_000),
    String(DEFAULT_WRITER_OPTIONS.maxBatchPoints),
    'Insert a batch of metric points into ClickHouse once this many are waiting.',
  ),
  TRACKING_METRICS_FLUSHES: withDefault(
    envInt(1, 16),
    String(DEFAULT_WRITER_OPTIONS.maxConcurrentFlushes),
    'Metric batches stored at once (each a redelivery lookup, then an insert): while one is inserted the next is not held back. 1 stores one batch at a time.',
  ),
};

/** The writer's options from a service config (defaults where a key is absent, as in tests). */
export function writerOptionsOf(config: object): MetricPointsWriterOptions {
  const c = config as {
    TRACKING_METRICS_FLUSH_MS?: number;
    TRACKING_METRICS_FLUSH_POINTS?: number;
    TRACKING_METRICS_FLUSHES?: number;
  };
  return {
    maxBatchAgeMs: c.TRACKING_METRICS_FLUSH_MS ?? DEFAULT_WRITER_OPTIONS.maxBatchAgeMs,
    maxBatchPoints: c.TRACKING_METRICS_FLUSH_POINTS ?? DEFAULT_WRITER_OPTIONS.maxBatchPoints,
    maxConcurrentFlushes: c.TRACKING_METRICS_FLUSHES ?? DEFAULT_WRITER_OPTIONS.maxConcurrentFlushes,
  };
}
