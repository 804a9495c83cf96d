/**
 * Metrics in ClickHouse: raw points plus per-series summaries kept by materialized views; a
 * batch writer for ingest and queries for comparisons, search, history and charts.
 */
export { MetricsModule } from './metrics.module';
export {
  MetricPointsWriter,
  DEFAULT_WRITER_OPTIONS,
  type MetricPointsWriterOptions,
  type MetricPointsWriterStats,
  type WriteOutcome,
  type AddOptions,
} from './metric-points.writer';
export {
  ClickHouseMetricPointsStore,
  type MetricPointsStore,
  type StoredEventRef,
} from './metric-points.store';
export { MAX_METRIC_TIMESTAMP, type MetricPointInput } from './metric-points.encoding';
export { MetricQueries } from './metric-queries';
export type { MetricSummary } from './latest-metrics.query';
export {
  MAX_HISTORY_PAGE_SIZE,
  type MetricPointView,
  type MetricHistoryPage,
  type HistoryPageRequest,
} from './metric-history.query';
export type { BulkIntervalRequest, RunMetricPoint } from './history-bulk-interval.query';
export { DOWNSAMPLE_LIMITS, type MetricSeries } from './downsampled-history.query';
export type { MetricAggregate, MetricCondition, RankedRun, RankOptions } from './run-ranking.query';
export { metricValueToWire, type MetricValueWire } from './metric-values';
export { SERVER_MAX_IDS_PER_QUERY } from './id-chunks';
export { MetricsErrorCodes, MetricsWriteError, MetricsWriterClosedError } from './metrics.errors';
