import type { ClickHouseClient } from '@clickhouse/client';
import type { MetricColumn, MetricColumnAggregate } from '@slipway/contracts';
import { ValidationError } from '@slipway/contracts';
import { chunks } from './id-chunks';
import { latestStepSql, latestTimestampSql, latestValueSql } from './latest-key.sql';

// SQL of each aggregate over a merged summary row (`FINAL`); picked by checked keys.
const AGGREGATE_SQL: Record<MetricColumnAggregate, string> = {
  latest: latestValueSql('latest_key'),
  step: latestStepSql('latest_key'),
  timestamp: latestTimestampSql('latest_key'),
  min: 'min_value',
  max: 'max_value',
  count: 'point_count',
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

async function textOf(stream: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function bad(what: string, value: unknown): never {
  throw new ValidationError('ClickHouse result', [
    { path: what, message: `unexpected ${JSON.stringify(value)}` },
  ]);
}

/**
 * The metric summaries of `runIds` as columns: per key (all keys the runs have when `keys` is
 * omitted, sorted), an array per aggregate with one cell per run in the order of `runIds`,
 * `null` where the run has no such series. Values are already in their JSON wire form.
 * ClickHouse returns the cells column-wise (`JSONCompactColumns`: a few arrays instead of a
 * JSON array per row), each checked as it is placed.
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

  // FINAL merges the rows of a series still split over parts with each column's aggregate
  // (max, min, sum), as GROUP BY run_id, key would, but only where parts overlap: half the
  // engine time of the GROUP BY for 1,000 runs × 20 keys (bench/tracking).
  const query = `
    SELECT run_id, key, ${wanted.map((a) => AGGREGATE_SQL[a]).join(', ')}
    FROM metric_summaries FINAL
    WHERE run_id IN {runs:Array(String)} AND ({all_keys:Bool} OR key IN {keys:Array(String)})`;
  for (const runs of chunks([...position.keys()], maxIdsPerQuery)) {
    // `JSONCompactColumns` (an array per column, no names) is the smallest JSON ClickHouse writes
    // for this; the client's typed formats lack it, so it is asked for in the SQL.
    const result = await client.exec({
      query: `${query} FORMAT JSONCompactColumns`,
      query_params: { runs, all_keys: keys === undefined, keys: keys ?? [] },
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const columns: unknown = JSON.parse(await textOf(result.stream));
    // No rows: ClickHouse writes no columns at all (`[]`).
    if (Array.isArray(columns) && columns.length === 0) continue;
    if (
      !Array.isArray(columns) ||
      columns.length !== wanted.length + 2 ||
      !columns.every((c) => Array.isArray(c) && c.length === (columns[0] as unknown[]).length)
    )
      bad('columns', Array.isArray(columns) ? `${columns.length} columns` : typeof columns);
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
