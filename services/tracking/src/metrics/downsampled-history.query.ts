import type { ClickHouseClient } from '@clickhouse/client';
import { ValidationError } from '@slipway/contracts';
import { z } from 'zod';
import { chunks } from './id-chunks';
import type { MetricPointView } from './metric-history.query';
import { chFloat, chInt } from './metric-rows';

/** A series for a chart: every point when it has at most `maxPoints`, else a sample keeping the extremes. */
export interface MetricSeries {
  runId: string;
  key: string;
  /** Ordered by step, then timestamp. */
  points: MetricPointView[];
  /** Points stored for the series. */
  totalPoints: number;
  /** Whether `points` is a sample rather than every point. */
  sampled: boolean;
}

/** Bounds of `maxPoints`, and of series × `maxPoints` in one call (refused beyond, never cut). */
export const DOWNSAMPLE_LIMITS = { minPoints: 2, maxPoints: 10_000, maxTotalPoints: 10_000_000 } as const;

const row = z.tuple([
  z.string(),
  z.string(),
  chInt,
  chInt,
  chFloat,
  chInt,
  z.union([z.literal(0), z.literal(1)]),
]);

/*
 * One statement for all series. Series with at most `max` points come whole. Longer ones are cut
 * into `max / 2` buckets of equal step width (from the summaries' first and last step), and each
 * bucket gives its lowest and its highest point, so the global min and max always survive and a
 * series never has more than `max` points. NaN points of a long series are skipped, except that a
 * bucket holding only NaN gives one NaN point (so a chart shows the gap); ±Infinity are values.
 */
const QUERY = `
  WITH series AS (
    SELECT run_id, key, sum(point_count) AS n, min(first_step) AS lo, max(last_step) AS hi
    FROM metric_summaries
    WHERE run_id IN {runs:Array(String)} AND key IN {keys:Array(String)}
    GROUP BY run_id, key
  )
  SELECT run_id, key, pt.1 AS step, toUnixTimestamp64Milli(pt.2) AS ts, pt.3 AS value, n, sampled
  FROM (
    SELECT p.run_id AS run_id, p.key AS key, (p.step, p.timestamp, p.value) AS pt, s.n AS n, 0 AS sampled
    FROM metric_points AS p
    INNER JOIN (SELECT run_id, key, n FROM series WHERE n <= {max:UInt32}) AS s
      ON p.run_id = s.run_id AND p.key = s.key
    WHERE p.run_id IN {runs:Array(String)} AND p.key IN {keys:Array(String)}
    UNION ALL
    SELECT run_id, key, arrayJoin(if(numbers = 0, [some], arrayDistinct([low, high]))) AS pt, n, 1 AS sampled
    FROM (
      SELECT
        p.run_id AS run_id, p.key AS key, any(s.n) AS n,
        intDiv(toInt128(p.step - s.lo) * {buckets:UInt32}, toInt128(s.hi - s.lo) + 1) AS bucket,
        argMinIf((p.step, p.timestamp, p.value), p.value, NOT isNaN(p.value)) AS low,
        argMaxIf((p.step, p.timestamp, p.value), p.value, NOT isNaN(p.value)) AS high,
        countIf(NOT isNaN(p.value)) AS numbers,
        any((p.step, p.timestamp, p.value)) AS some
      FROM metric_points AS p
      INNER JOIN (SELECT run_id, key, n, lo, hi FROM series WHERE n > {max:UInt32}) AS s
        ON p.run_id = s.run_id AND p.key = s.key
      WHERE p.run_id IN {runs:Array(String)} AND p.key IN {keys:Array(String)}
      GROUP BY run_id, key, bucket
    )
  )
  ORDER BY run_id, key, step, ts`;

/**
 * Chart data for every (run, key) of `runIds` × `keys` that has points, at most `maxPoints`
 * points per series, ordered by run id then key.
 *
 * @throws ValidationError when `maxPoints` is out of bounds or the answer could exceed
 * `DOWNSAMPLE_LIMITS.maxTotalPoints`.
 */
export async function downsampledHistory(
  client: ClickHouseClient,
  maxIdsPerQuery: number,
  runIds: readonly string[],
  keys: readonly string[],
  maxPoints: number,
): Promise<MetricSeries[]> {
  const { minPoints, maxPoints: most, maxTotalPoints } = DOWNSAMPLE_LIMITS;
  if (!Number.isInteger(maxPoints) || maxPoints < minPoints || maxPoints > most) {
    throw new ValidationError('downsampling request', [
      { path: 'maxPoints', message: `must be an integer from ${minPoints} to ${most}` },
    ]);
  }
  const runs = [...new Set(runIds)].sort();
  const metricKeys = [...new Set(keys)];
  if (runs.length * metricKeys.length * maxPoints > maxTotalPoints) {
    throw new ValidationError('downsampling request', [
      { path: 'maxPoints', message: `series × maxPoints must not exceed ${maxTotalPoints}` },
    ]);
  }
  const out: MetricSeries[] = [];
  if (metricKeys.length === 0) return out;
  for (const part of chunks(runs, maxIdsPerQuery)) {
    if (part.length === 0) continue;
    const result = await client.query({
      query: QUERY,
      query_params: { runs: part, keys: metricKeys, max: maxPoints, buckets: Math.floor(maxPoints / 2) },
      format: 'JSONCompactEachRow',
    });
    let current: MetricSeries | undefined;
    for (const raw of await result.json()) {
      const [runId, key, step, timestamp, value, totalPoints, sampled] = row.parse(raw);
      if (current?.runId !== runId || current.key !== key) {
        current = { runId, key, points: [], totalPoints, sampled: sampled === 1 };
        out.push(current);
      }
      current.points.push({ step, timestamp, value });
    }
  }
  return out;
}
