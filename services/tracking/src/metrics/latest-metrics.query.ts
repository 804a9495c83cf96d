import type { ClickHouseClient } from '@clickhouse/client';
import { chunks } from './id-chunks';
import { latestStepSql, latestTimestampSql, latestValueSql } from './latest-key.sql';
import { float, int, queryRows, text } from './metric-rows';

/**
 * One series (run, key) in short, from `metric_summaries`. Values are JS numbers, NaN and
 * ±Infinity included; a JSON reply carries them as `'NaN'`, `'Infinity'`, `'-Infinity'`
 * (`metricValueToWire`, the form contracts' `metricValueSchema` parses).
 */
export interface MetricSummary {
  runId: string;
  key: string;
  /** Value of the latest point: greatest step, then latest timestamp (a number beats NaN on a tie). */
  latest: number;
  /** Step of the latest point. */
  step: number;
  /** Timestamp of the latest point, ms since the epoch. */
  timestamp: number;
  /** Smallest value, NaN skipped: NaN only when every value is NaN. */
  min: number;
  /** Largest value, NaN skipped: NaN only when every value is NaN. */
  max: number;
  /** Number of points. */
  count: number;
}

/** FINAL merges a series still split over parts (as GROUP BY run_id, key would, at half the cost). */
const QUERY = `
  SELECT run_id, key, ${latestValueSql('latest_key')}, ${latestStepSql('latest_key')},
    ${latestTimestampSql('latest_key')}, min_value, max_value, point_count
  FROM metric_summaries FINAL
  WHERE run_id IN {runs:Array(String)} AND ({all_keys:Bool} OR key IN {keys:Array(String)})
  ORDER BY run_id, key`;

/** Summaries of `keys` (all keys when omitted) of `runIds`, ordered by run id then key; series without points are absent. */
export async function latestMetrics(
  client: ClickHouseClient,
  maxIdsPerQuery: number,
  runIds: readonly string[],
  keys?: readonly string[],
): Promise<MetricSummary[]> {
  if (runIds.length === 0 || keys?.length === 0) return [];
  const parts = chunks([...new Set(runIds)].sort(), maxIdsPerQuery);
  const summaries: MetricSummary[] = [];
  for (const runs of parts) {
    const rows = await queryRows(
      client,
      { query: QUERY, query_params: { runs, all_keys: keys === undefined, keys: keys ?? [] } },
      [text, text, float, int, int, float, float, int],
    );
    for (const [runId, key, latest, step, timestamp, min, max, count] of rows) {
      summaries.push({ runId, key, latest, step, timestamp, min, max, count });
    }
  }
  return summaries;
}
