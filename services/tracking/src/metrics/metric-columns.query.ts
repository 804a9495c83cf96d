import type { ClickHouseClient } from '@clickhouse/client';
import type { MetricColumn, MetricColumnAggregate } from '@slipway/contracts';
import { ValidationError } from '@slipway/contracts';
import { chunks } from './id-chunks';
import { latestStepSql, latestTimestampSql, latestValueSql } from './latest-key.sql';

// SQL of each aggregate over the grouped summary (`lk` the packed latest point); picked by checked keys.
const AGGREGATE_SQL: Record<MetricColumnAggregate, string> = {
  latest: latestValueSql('lk'),
  step: latestStepSql('lk'),
  timestamp: latestTimestampSql('lk'),
  min: 'lo',
  max: 'hi',
  count: 'n',
};
const FLOAT_AGGREGATES: ReadonlySet<MetricColumnAggregate> = new Set(['latest', 'min', 'max']);
/** ClickHouse's JSON text of non-finite floats (`output_format_json_quote_denormals`) → the wire form. */
const NON_FINITE: Readonly<Record<string, 'NaN' | 'Infinity' | '-Infinity'>> = {
  nan: 'NaN',
  '-nan': 'NaN',
  inf: 'Infinity',
  '+inf': 'Infinity',
  '-inf': '-Infinity',
};

function bad(what: string, value: unknown): never {
  throw new ValidationError('ClickHouse result', [
    { path: what, message: `unexpected ${JSON.stringify(value)}` },
  ]);
}

/**
 * The metric summaries of `runIds` as columns: per key (all keys the runs have when `keys` is
 * omitted, sorted), an array per aggregate with one cell per run in the order of `runIds`,
 * `null` where the run has no such series. Values are already in their JSON wire form.
 * ClickHouse returns the cells column-wise (`JSONColumnsWithMetadata`: a few arrays instead of
 * a JSON array per row), each checked as it is placed.
 */
export async function metricColumns(
  client: ClickHouseClient,
  maxIdsPerQuery: number,
  runIds: readonly string[],
  keys: readonly string[] | undefined,
  aggregates: readonly MetricColumnAggregate[],
): Promise<MetricColumn[]> {
  const position = new Map<string, number>();
  runIds.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });
  const wanted = [...new Set(aggregates)];
  const columns = new Map<string, MetricColumn>();
  const column = (key: string): MetricColumn => {
    let c = columns.get(key);
    if (!c) {
      c = { key };
      for (const a of wanted) c[a] = new Array(runIds.length).fill(null);
      columns.set(key, c);
    }
    return c;
  };
  for (const k of keys ?? []) column(k);
  if (runIds.length === 0 || keys?.length === 0) return [...columns.values()];

  const query = `
    SELECT run_id, key, ${wanted.map((a, i) => `${AGGREGATE_SQL[a]} AS a${i}`).join(', ')}
    FROM (
      SELECT run_id, key, max(latest_key) AS lk, min(min_value) AS lo, max(max_value) AS hi, sum(point_count) AS n
      FROM metric_summaries
      WHERE run_id IN {runs:Array(String)} AND ({all_keys:Bool} OR key IN {keys:Array(String)})
      GROUP BY run_id, key
    )`;
  for (const runs of chunks([...position.keys()], maxIdsPerQuery)) {
    const result = await client.query({
      query,
      query_params: { runs, all_keys: keys === undefined, keys: keys ?? [] },
      format: 'JSONColumnsWithMetadata',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const { data, rows }: { data?: unknown; rows?: unknown } = await result.json();
    // No rows: ClickHouse names no columns at all.
    if (rows === 0) continue;
    const columns = ['run_id', 'key', ...wanted.map((_, i) => `a${i}`)].map((name) =>
      data && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined,
    );
    if (!columns.every(Array.isArray)) bad('columns', typeof data);
    const [ids, names, ...values] = columns as unknown[][];
    for (let r = 0; r < ids!.length; r++) {
      const at = position.get(ids![r] as string);
      const key = names![r];
      if (at === undefined || typeof key !== 'string') bad(`[${r}]`, [ids![r], key]);
      const c = column(key);
      wanted.forEach((aggregate, a) => {
        const cell = values[a]![r];
        let wire: number | string;
        if (typeof cell === 'number') {
          if (!FLOAT_AGGREGATES.has(aggregate) && !Number.isSafeInteger(cell))
            bad(`[${r}].${aggregate}`, cell);
          wire = cell;
        } else if (typeof cell === 'string' && FLOAT_AGGREGATES.has(aggregate) && NON_FINITE[cell]) {
          wire = NON_FINITE[cell];
        } else {
          bad(`[${r}].${aggregate}`, cell);
        }
        (c[aggregate] as (number | string | null)[])[at] = wire;
      });
    }
  }
  return keys ? [...columns.values()] : [...columns.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
