import type { ClickHouseClient } from '@clickhouse/client';
import { ValidationError } from '@slipway/contracts';
import { chunks } from './id-chunks';
import type { MetricPointView } from './metric-history.query';
import { float, int, queryRows, text } from './metric-rows';

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

/*
 * Two queries. The summaries give each series' point count and step range. Then one statement
 * reads the points of every series: series with at most `max` points come whole; longer ones are
 * cut into `max / 2` buckets of equal step width over their own range, and each bucket gives its
 * lowest and its highest point, so the global min and max always survive and a series never has
 * more than `max` points. NaN points of a long series are skipped, except that a bucket holding
 * only NaN gives one NaN point (so a chart shows the gap); ±Infinity are values.
 *
 * Per-series step ranges come in as query parameters: constants when every long series shares
 * one range (one series, or runs of equal length), else parallel arrays looked up with
 * transform() on a tag of (run, key), length-prefixed so no two series share a tag. A JOIN with
 * the summaries cost more than the aggregation itself; the tag costs a string per row, so it is
 * built only when needed (bounds differ, or the runs × keys cross product holds other series).
 */
const SERIES = `
  SELECT run_id, key, sum(point_count), min(first_step), max(last_step)
  FROM metric_summaries
  WHERE run_id IN {runs:Array(String)} AND key IN {keys:Array(String)}
  GROUP BY run_id, key`;

const TAG = `concat(toString(length(run_id)), ':', run_id, key)`;

function seriesFilter(branch: 'whole' | 'sampled', exact: boolean): string {
  const cross = `run_id IN {${branch}_runs:Array(String)} AND key IN {${branch}_keys:Array(String)}`;
  return exact ? cross : `${cross} AND ${TAG} IN {${branch}:Array(String)}`;
}

function wholeBranch(exact: boolean): string {
  return `SELECT run_id, key, (step, timestamp, value) AS pt FROM metric_points WHERE ${seriesFilter('whole', exact)}`;
}

function sampledBranch(exact: boolean, sharedRange: boolean): string {
  const lo = sharedRange
    ? '{lo:Int64}'
    : `transform(${TAG}, {sampled:Array(String)}, {los:Array(Int64)}, toInt64(0))`;
  const span = sharedRange
    ? '{span:Int64}'
    : `transform(${TAG}, {sampled:Array(String)}, {spans:Array(Int64)}, toInt64(1))`;
  return `
    SELECT run_id, key, arrayJoin(if(numbers = 0, [some], arrayDistinct([low, high]))) AS pt
    FROM (
      SELECT
        run_id, key,
        intDiv(toInt128(step - ${lo}) * {buckets:UInt32}, ${span}) AS bucket,
        argMinIf((step, timestamp, value), value, NOT isNaN(value)) AS low,
        argMaxIf((step, timestamp, value), value, NOT isNaN(value)) AS high,
        countIf(NOT isNaN(value)) AS numbers,
        any((step, timestamp, value)) AS some
      FROM metric_points
      WHERE ${seriesFilter('sampled', exact)}
      GROUP BY run_id, key, bucket
    )`;
}

const tag = (runId: string, key: string) => `${runId.length}:${runId}${key}`;

interface SeriesInfo {
  runId: string;
  key: string;
  points: number;
  first: number;
  last: number;
}

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
    const infos = (
      await queryRows(client, { query: SERIES, query_params: { runs: part, keys: metricKeys } }, [
        text,
        text,
        int,
        int,
        int,
      ])
    ).map(([runId, key, points, first, last]): SeriesInfo => ({ runId, key, points, first, last }));
    out.push(...(await seriesPoints(client, infos, maxPoints)));
  }
  return out;
}

/** The distinct runs and keys of `series`, and whether their cross product is exactly `series`. */
function crossProduct(series: SeriesInfo[]): { runs: string[]; keys: string[]; exact: boolean } {
  const runs = [...new Set(series.map((s) => s.runId))];
  const keys = [...new Set(series.map((s) => s.key))];
  return { runs, keys, exact: runs.length * keys.length === series.length };
}

async function seriesPoints(
  client: ClickHouseClient,
  infos: SeriesInfo[],
  maxPoints: number,
): Promise<MetricSeries[]> {
  if (infos.length === 0) return [];
  const whole = infos.filter((s) => s.points <= maxPoints);
  const sampled = infos.filter((s) => s.points > maxPoints);
  const w = crossProduct(whole);
  const d = crossProduct(sampled);
  const sharedRange = sampled.every((s) => s.first === sampled[0].first && s.last === sampled[0].last);
  const branches = [
    ...(whole.length > 0 ? [wholeBranch(w.exact)] : []),
    ...(sampled.length > 0 ? [sampledBranch(d.exact, sharedRange)] : []),
  ];
  const rows = await queryRows(
    client,
    {
      query: `
        SELECT run_id, key, pt.1 AS step, toUnixTimestamp64Milli(pt.2) AS ts, pt.3
        FROM (${branches.join(' UNION ALL ')})
        ORDER BY run_id, key, step, ts`,
      query_params: {
        whole_runs: w.runs,
        whole_keys: w.keys,
        whole: whole.map((s) => tag(s.runId, s.key)),
        sampled_runs: d.runs,
        sampled_keys: d.keys,
        sampled: sampled.map((s) => tag(s.runId, s.key)),
        los: sampled.map((s) => s.first),
        spans: sampled.map((s) => s.last - s.first + 1),
        lo: sampled[0]?.first ?? 0,
        span: sampled.length > 0 ? sampled[0].last - sampled[0].first + 1 : 1,
        buckets: Math.floor(maxPoints / 2),
      },
    },
    [text, text, int, int, float],
  );
  const totals = new Map(infos.map((s) => [tag(s.runId, s.key), s.points]));
  const out: MetricSeries[] = [];
  let current: MetricSeries | undefined;
  for (const [runId, key, step, timestamp, value] of rows) {
    if (current?.runId !== runId || current.key !== key) {
      const totalPoints = totals.get(tag(runId, key)) ?? 0;
      current = { runId, key, points: [], totalPoints, sampled: totalPoints > maxPoints };
      out.push(current);
    }
    current.points.push({ step, timestamp, value });
  }
  return out;
}
