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

/** The wire form of one cell of `aggregate`, or undefined when ClickHouse sent something else. */
function wireCell(aggregate: MetricColumnAggregate, cell: unknown): number | string | undefined {
  if (typeof cell === 'number') {
    return FLOAT_AGGREGATES.has(aggregate) || Number.isSafeInteger(cell) ? cell : undefined;
  }
  return typeof cell === 'string' && FLOAT_AGGREGATES.has(aggregate) ? NON_FINITE[cell] : undefined;
}

/**
 * The metric summaries of `runIds` as columns: per key (all keys the runs have when `keys` is
 * omitted, sorted), an array per aggregate with one cell per run in the order of `runIds`,
 * `null` where the run has no such series. Values are already in their JSON wire form.
 * ClickHouse answers a row per key: the positions of its runs in the list sent and an array per
 * aggregate (`JSONCompactColumns`), so no run id or key string is repeated per cell; each cell
 * is checked as it is placed.
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
  // engine time of the GROUP BY for 1,000 runs × 20 keys (bench/tracking). `transform` maps each
  // run id to its index in {runs} with a hash table built once.
  const query = `
    SELECT key, groupArray(pos), ${wanted.map((_, i) => `groupArray(a${i})`).join(', ')}
    FROM (
      SELECT transform(run_id, {runs:Array(String)}, range(toUInt32(length({runs:Array(String)}))), toUInt32(0)) AS pos,
        key, ${wanted.map((a, i) => `${AGGREGATE_SQL[a]} AS a${i}`).join(', ')}
      FROM metric_summaries FINAL
      WHERE run_id IN {runs:Array(String)} AND ({all_keys:Bool} OR key IN {keys:Array(String)})
    )
    GROUP BY key
    FORMAT JSONCompactColumns`;
  for (const runs of chunks([...position.keys()], maxIdsPerQuery)) {
    const at = runs.map((id) => position.get(id)!);
    // `JSONCompactColumns` (an array per column, no names) is the smallest JSON ClickHouse writes
    // for this; the client's typed formats lack it, so it is asked for in the SQL.
    const result = await client.exec({
      query,
      query_params: { runs, all_keys: keys === undefined, keys: keys ?? [] },
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const answer: unknown = JSON.parse(await textOf(result.stream));
    // No rows: ClickHouse writes no columns at all (`[]`).
    if (Array.isArray(answer) && answer.length === 0) continue;
    if (
      !Array.isArray(answer) ||
      answer.length !== wanted.length + 2 ||
      !answer.every((c) => Array.isArray(c) && c.length === (answer[0] as unknown[]).length)
    )
      bad('columns', Array.isArray(answer) ? `${answer.length} columns` : typeof answer);
    const [names, positions, ...values] = answer as unknown[][];
    for (let k = 0; k < names!.length; k++) {
      const key = names![k];
      const cellsAt = positions![k];
      if (typeof key !== 'string' || !Array.isArray(cellsAt)) bad(`[${k}]`, key);
      const c = column(key);
      wanted.forEach((aggregate, a) => {
        const cells = values[a]![k];
        const target = c[aggregate] as (number | string | null)[];
        if (!Array.isArray(cells) || cells.length !== cellsAt.length)
          bad(`${key}.${aggregate}`, typeof cells);
        for (let i = 0; i < cells.length; i++) {
          const row = at[cellsAt[i] as number];
          const wire = wireCell(aggregate, cells[i]);
          if (row === undefined || wire === undefined) bad(`${key}.${aggregate}[${i}]`, cells[i]);
          target[row] = wire;
        }
      });
    }
  }
  return keys ? [...columns.values()] : [...columns.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
