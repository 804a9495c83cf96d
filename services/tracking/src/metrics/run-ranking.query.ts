import type { ClickHouseClient } from '@clickhouse/client';
import { ValidationError } from '@slipway/contracts';
import { toClickHouseFloat } from '@slipway/persistence';
import { SQL_OPERATORS, type NumericOperator, type OrderDirection } from '../search';
import { chunks } from './id-chunks';
import { latestValueSql } from './latest-key.sql';
import { flag, float, int, queryRows, text } from './metric-rows';

/** Which number of a series a ranking compares: its latest value (MLflow's), its min or its max. */
export type MetricAggregate = 'latest' | 'min' | 'max';

/** `metrics.<key> <op> <value>` on the latest value, as in an MLflow filter. */
export interface MetricCondition {
  key: string;
  op: NumericOperator;
  value: number;
}

/** Paging and aggregate of {@link orderRunsByMetric}. */
export interface RankOptions {
  limit: number;
  /** Default 0. */
  offset?: number;
  /** Default `latest`. */
  of?: MetricAggregate;
}

/** A run in ranked order, with the compared number (absent when the run has no such metric). */
export interface RankedRun {
  runId: string;
  value?: number;
}

// SQL fragments are picked from these tables by checked keys: no caller text reaches the SQL.
const AGGREGATES: Record<MetricAggregate, string> = {
  latest: latestValueSql('max(latest_key)'),
  min: 'min(min_value)',
  max: 'max(max_value)',
};
const DIRECTIONS: Record<OrderDirection, string> = { ASC: 'ASC', DESC: 'DESC' };

function pick<K extends string>(table: Record<K, string>, key: K, what: string): string {
  if (!Object.hasOwn(table, key)) {
    throw new ValidationError('metric query', [
      { path: what, message: `unknown ${what} ${JSON.stringify(key)}` },
    ]);
  }
  return table[key];
}

/**
 * Runs (of `runIds`, or of every run when omitted) whose latest values satisfy every condition,
 * ordered by run id. Comparisons follow IEEE: a NaN latest value satisfies only `!=`.
 */
export async function filterRunsByMetrics(
  client: ClickHouseClient,
  maxIdsPerQuery: number,
  runIds: readonly string[] | undefined,
  conditions: readonly MetricCondition[],
): Promise<string[]> {
  if (runIds?.length === 0) return [];
  if (conditions.length === 0) {
    throw new ValidationError('metric filter', [{ path: 'conditions', message: 'at least one condition' }]);
  }
  const params: Record<string, unknown> = { keys: [...new Set(conditions.map((c) => c.key))] };
  const having = conditions.map((c, i) => {
    params[`k${i}`] = c.key;
    // chDB cannot bind non-finite numbers; 'inf'/'-inf'/'nan' text parses as Float64 everywhere.
    params[`v${i}`] = toClickHouseFloat(c.value);
    return `countIf(key = {k${i}:String} AND v ${pick(SQL_OPERATORS, c.op, 'operator')} {v${i}:Float64}) > 0`;
  });
  const query = `
    SELECT run_id FROM (
      SELECT run_id, key, ${latestValueSql('max(latest_key)')} AS v FROM metric_summaries
      WHERE key IN {keys:Array(String)} ${runIds ? 'AND run_id IN {runs:Array(String)}' : ''}
      GROUP BY run_id, key
    )
    GROUP BY run_id HAVING ${having.join(' AND ')}
    ORDER BY run_id`;
  const parts = runIds ? chunks([...new Set(runIds)].sort(), maxIdsPerQuery) : [undefined];
  const matched: string[] = [];
  for (const runs of parts) {
    const rows = await queryRows(client, { query, query_params: runs ? { ...params, runs } : params }, [
      text,
    ]);
    for (const [runId] of rows) matched.push(runId);
  }
  return matched;
}

type RankRow = [runId: string, value: number, has: boolean, position: number];

/** Runs with the number first, NaN after them, runs without the metric last; ties keep input order. */
function compareRows(direction: OrderDirection): (a: RankRow, b: RankRow) => number {
  return ([, av, ahas, apos], [, bv, bhas, bpos]) => {
    if (ahas !== bhas) return ahas ? -1 : 1;
    const anan = Number.isNaN(av);
    const bnan = Number.isNaN(bv);
    if (anan !== bnan) return anan ? 1 : -1;
    if (!anan && av !== bv) return (av < bv ? -1 : 1) * (direction === 'ASC' ? 1 : -1);
    return apos - bpos;
  };
}

/**
 * `runIds` ordered by a metric (`of` its series, default the latest value), as MLflow orders
 * `metrics.<key> ASC|DESC`: runs with a number first, then runs whose value is NaN, then runs
 * without the metric; ties keep the order of `runIds`, so pass them in the tie-break order
 * wanted (MLflow: start time descending, then run id).
 */
export async function orderRunsByMetric(
  client: ClickHouseClient,
  maxIdsPerQuery: number,
  runIds: readonly string[],
  key: string,
  direction: OrderDirection,
  options: RankOptions,
): Promise<RankedRun[]> {
  const { limit, offset = 0, of = 'latest' } = options;
  if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) {
    throw new ValidationError('metric ranking', [
      { path: 'limit', message: 'limit and offset must be integers ≥ 0' },
    ]);
  }
  const unique = [...new Set(runIds)];
  if (limit === 0 || offset >= unique.length) return [];
  const query = `
    SELECT ids.run_id, s.v, s.has, ids.pos
    FROM (
      SELECT run_id, pos + {base:UInt32} AS pos
      FROM (SELECT {runs:Array(String)} AS a) ARRAY JOIN a AS run_id, arrayEnumerate(a) AS pos
    ) AS ids
    LEFT JOIN (
      SELECT run_id, ${pick(AGGREGATES, of, 'aggregate')} AS v, toUInt8(1) AS has
      FROM metric_summaries WHERE run_id IN {runs:Array(String)} AND key = {key:String}
      GROUP BY run_id
    ) AS s ON ids.run_id = s.run_id
    ORDER BY s.has DESC, isNaN(s.v), s.v ${pick(DIRECTIONS, direction, 'direction')}, ids.pos
    LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;
  const parts = chunks(unique, maxIdsPerQuery);
  const single = parts.length === 1;
  let rows: RankRow[] = [];
  for (let i = 0, base = 0; i < parts.length; base += parts[i].length, i++) {
    const part = await queryRows<RankRow>(
      client,
      {
        query,
        query_params: {
          runs: parts[i],
          base,
          key,
          // Several parts: each gives its own first offset + limit, merged below.
          limit: single ? limit : offset + limit,
          offset: single ? offset : 0,
        },
      },
      [text, float, flag, int],
    );
    rows.push(...part);
  }
  if (!single) rows = rows.sort(compareRows(direction)).slice(offset, offset + limit);
  return rows.map(([runId, value, has]) => (has ? { runId, value } : { runId }));
}

/**
 * The run of `runIds` with the greatest (`goal: 'max'`) or smallest metric `of` its series
 * (default the latest value); NaN never wins. `undefined` when no run has a number for it.
 */
export async function bestRun(
  client: ClickHouseClient,
  maxIdsPerQuery: number,
  runIds: readonly string[],
  key: string,
  goal: 'max' | 'min',
  of: MetricAggregate = 'latest',
): Promise<{ runId: string; value: number } | undefined> {
  const [first] = await orderRunsByMetric(
    client,
    maxIdsPerQuery,
    runIds,
    key,
    goal === 'max' ? 'DESC' : 'ASC',
    {
      limit: 1,
      of,
    },
  );
  if (first?.value === undefined || Number.isNaN(first.value)) return undefined;
  return { runId: first.runId, value: first.value };
}
