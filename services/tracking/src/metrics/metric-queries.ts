import type { ClickHouseClient } from '@clickhouse/client';
import type { OrderDirection } from '../search';
import { downsampledHistory, type MetricSeries } from './downsampled-history.query';
import {
  historyBulkInterval,
  type BulkIntervalRequest,
  type RunMetricPoint,
} from './history-bulk-interval.query';
import { latestMetrics, type MetricSummary } from './latest-metrics.query';
import { metricColumns } from './metric-columns.query';
import type { MetricColumn, MetricColumnAggregate } from '@slipway/contracts';
import { metricHistory, type HistoryPageRequest, type MetricHistoryPage } from './metric-history.query';
import {
  bestRun,
  filterRunsByMetrics,
  orderRunsByMetric,
  type MetricAggregate,
  type MetricCondition,
  type RankedRun,
  type RankOptions,
} from './run-ranking.query';
import type { NumericOperator } from '../search';

/**
 * The read side of the metrics store. Comparisons and rankings read `metric_summaries` (one row
 * per run and key), never raw points; only history and downsampling read `metric_points`.
 * Every id list and key is a query parameter. Long run-id lists are split into several queries
 * of `maxIdsPerQuery` ids (a server takes parameters in the URL; chDB has no such limit).
 */
export class MetricQueries {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly maxIdsPerQuery = Infinity,
  ) {}

  /** Per run and key: latest value (by step, then time), its step and time, min, max, count. */
  latestMetrics(runIds: readonly string[], keys?: readonly string[]): Promise<MetricSummary[]> {
    return latestMetrics(this.client, this.maxIdsPerQuery, runIds, keys);
  }

  /** The same summaries as columns: per key, an array per aggregate with a cell per run (in `runIds` order), in wire form. */
  metricColumns(
    runIds: readonly string[],
    keys: readonly string[] | undefined,
    aggregates: readonly MetricColumnAggregate[],
  ): Promise<MetricColumn[]> {
    return metricColumns(this.client, this.maxIdsPerQuery, runIds, keys, aggregates);
  }

  /** Every point of one series in (step, timestamp) order, a page of at most 10,000 at a time. */
  metricHistory(runId: string, key: string, page?: HistoryPageRequest): Promise<MetricHistoryPage> {
    return metricHistory(this.client, runId, key, page);
  }

  /** MLflow get-history-bulk-interval: one key of several runs at a shared sample of steps. */
  historyBulkInterval(request: BulkIntervalRequest): Promise<RunMetricPoint[]> {
    return historyBulkInterval(this.client, request);
  }

  /** Chart data: at most `maxPoints` per series, keeping each series' extremes; many runs in one query. */
  downsampledHistory(
    runIds: readonly string[],
    keys: readonly string[],
    maxPoints: number,
  ): Promise<MetricSeries[]> {
    return downsampledHistory(this.client, this.maxIdsPerQuery, runIds, keys, maxPoints);
  }

  /** The run with the best metric (`of` its series, default latest); NaN never wins. */
  bestRun(
    runIds: readonly string[],
    key: string,
    goal: 'max' | 'min',
    of?: MetricAggregate,
  ): Promise<{ runId: string; value: number } | undefined> {
    return bestRun(this.client, this.maxIdsPerQuery, runIds, key, goal, of);
  }

  /** Runs (of `runIds`, or all) whose latest `key` value satisfies `op value` (an MLflow metric clause). */
  filterRunsByMetric(
    runIds: readonly string[] | undefined,
    key: string,
    op: NumericOperator,
    value: number,
  ): Promise<string[]> {
    return filterRunsByMetrics(this.client, this.maxIdsPerQuery, runIds, [{ key, op, value }]);
  }

  /** Runs satisfying every metric clause at once (one query for all of a filter's metric clauses). */
  filterRunsByMetrics(
    runIds: readonly string[] | undefined,
    conditions: readonly MetricCondition[],
  ): Promise<string[]> {
    return filterRunsByMetrics(this.client, this.maxIdsPerQuery, runIds, conditions);
  }

  /** `runIds` ordered by a metric, MLflow's way (numbers, then NaN, then runs without it); ties keep input order. */
  orderRunsByMetric(
    runIds: readonly string[],
    key: string,
    direction: OrderDirection,
    options: RankOptions,
  ): Promise<RankedRun[]> {
    return orderRunsByMetric(this.client, this.maxIdsPerQuery, runIds, key, direction, options);
  }
}
