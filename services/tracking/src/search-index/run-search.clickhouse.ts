import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseFloat } from '@slipway/persistence';
import { latestValueSql } from '../metrics/latest-key.sql';
import { int, queryRows, text } from '../metrics/metric-rows';
import { SQL_OPERATORS, type MetricClause, type OrderByItem, type ParamClause } from '../search';

/** A run search ClickHouse answers alone: metric and param clauses, metric order, a slice of the result. */
export interface ClickHouseRunSearch {
  experimentIds: readonly string[];
  metricClauses: readonly MetricClause[];
  paramClauses: readonly ParamClause[];
  /** Metric items only; `start_time DESC, run_id ASC` complete them, as in MLflow. */
  orderBy: readonly (OrderByItem & { entity: 'metric' })[];
  limit: number;
  offset: number;
}

// Operators come from SQL_OPERATORS by checked keys: no caller text reaches the SQL.
const DIRECTION = { ASC: 'ASC', DESC: 'DESC' } as const;

/**
 * Ids of the runs of the experiments matching every clause, in MLflow's order (each metric
 * item: numbers, then NaN, then runs without it; then start time descending, run id), the
 * `limit` rows after `offset`. Lifecycle is not known here: the caller drops deleted runs.
 * As in MLflow (and the Postgres search), a metric clause compares the latest value (a NaN
 * satisfies only `!=`, a run without the metric nothing) and a param clause only matches runs
 * that have the key.
 *
 * Plan: the candidates with their start time come from the first param clause (or, without
 * one, from the runs of the experiments), narrowed by the other param clauses; the metrics side
 * is one pass over `metric_summaries` for the keys named, one column per key, with the metric
 * clauses as HAVING; the two meet in a hash join (inner when a metric clause must hold).
 */
export async function searchRunIds(client: ClickHouseClient, search: ClickHouseRunSearch): Promise<string[]> {
  const params: Record<string, unknown> = {
    experiments: [...search.experimentIds],
    limit: search.limit,
    offset: search.offset,
  };
  const [first, ...others] = search.paramClauses.map((c, i) => {
    params[`pk${i}`] = c.key;
    params[`pv${i}`] = c.value;
    return `experiment_id IN {experiments:Array(String)} AND key = {pk${i}:String} AND value ${SQL_OPERATORS[c.op]} {pv${i}:String}`;
  });
  const candidates = `
    SELECT run_id, any(start_time) AS start_time FROM ${first ? 'search_params' : 'search_runs'}
    WHERE ${first ?? 'experiment_id IN {experiments:Array(String)}'}
    ${others.map((o) => `AND run_id IN (SELECT run_id FROM search_params WHERE ${o})`).join('\n')}
    GROUP BY run_id`;

  // One column per metric key named: its latest value and whether the run has it.
  const keys = [...new Set([...search.metricClauses, ...search.orderBy].map((c) => c.key))];
  params.metric_keys = keys;
  const columns = keys.flatMap((key, i) => {
    params[`mk${i}`] = key;
    return [
      `${latestValueSql(`maxIf(latest_key, key = {mk${i}:String})`)} AS v${i}`,
      `countIf(key = {mk${i}:String}) > 0 AS has${i}`,
    ];
  });
  const having = search.metricClauses.map((c, i) => {
    const k = keys.indexOf(c.key);
    // chDB cannot bind non-finite numbers; 'inf'/'-inf'/'nan' text parses as Float64 everywhere.
    params[`mv${i}`] = toClickHouseFloat(c.value);
    return `has${k} AND v${k} ${SQL_OPERATORS[c.op]} {mv${i}:Float64}`;
  });
  const metrics = `
    SELECT run_id, ${columns.join(', ')} FROM metric_summaries
    WHERE key IN {metric_keys:Array(String)}
    GROUP BY run_id
    ${having.length > 0 ? `HAVING ${having.join(' AND ')}` : ''}`;

  const order = search.orderBy.flatMap((item) => {
    const k = keys.indexOf(item.key);
    return [`m.has${k} DESC`, `isNaN(m.v${k})`, `m.v${k} ${DIRECTION[item.direction]}`];
  });
  // The smaller side goes right (the hash table): the candidates when the metrics are filtered.
  const query =
    having.length > 0
      ? `SELECT c.run_id, c.start_time FROM (${metrics}) AS m INNER JOIN (${candidates}) AS c ON c.run_id = m.run_id`
      : `SELECT c.run_id, c.start_time FROM (${candidates}) AS c LEFT JOIN (${metrics}) AS m ON m.run_id = c.run_id`;
  const rows = await queryRows(
    client,
    {
      query: `${query}
        ORDER BY ${[...order, 'c.start_time DESC', 'c.run_id ASC'].join(', ')}
        LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
      query_params: params,
    },
    [text, int],
  );
  return rows.map(([runId]) => runId);
}
