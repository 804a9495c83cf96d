import { SlipwayError, CommonErrorCodes } from '@slipway/contracts';
import type { OrderByItem } from '../index';
import type { RunAttribute } from '../search.vocabulary';
import type { SortKey, SortKeyType } from './keyset';
import type { SqlParams } from './sql-params';
import { ATTRIBUTE_COLUMNS } from './filter.sql';

/** Latest value per run of each metric named in order_by, from the metrics store: metric key → run id → value. */
export type MetricSortValues = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** A LEFT JOIN the order needs: a table (or a CTE declared in `cte`) joined on `condition`. */
export interface OrderJoin {
  table: string;
  alias: string;
  condition: string;
  /** Body of a common table expression named `table`, when the joined rows come from parameters. */
  cte?: string;
}

/** The complete sort of a run search: its keys (the last one unique) and the joins they read. */
export interface RunSortPlan {
  keys: SortKey[];
  joins: OrderJoin[];
  /** The order_by items in effect, defaults included; part of what a page token is bound to. */
  items: OrderByItem[];
}

const ATTRIBUTE_TYPES: Readonly<Record<RunAttribute, { type: SortKeyType; nullable: boolean }>> = {
  run_id: { type: 'text', nullable: false },
  run_name: { type: 'text', nullable: true },
  status: { type: 'text', nullable: false },
  user_id: { type: 'text', nullable: true },
  artifact_uri: { type: 'text', nullable: false },
  start_time: { type: 'integer', nullable: false },
  end_time: { type: 'integer', nullable: true },
};

/**
 * MLflow's order of search_runs: the given items, then `start_time DESC` unless start_time is
 * among them, then `run_id ASC` unless run_id is; missing values (and NaN metrics, before the
 * missing ones) sort last in either direction.
 */
export function runSortPlan(
  orderBy: readonly OrderByItem[],
  run: string,
  params: SqlParams,
  metricValues: MetricSortValues | undefined,
): RunSortPlan {
  const items = [...orderBy];
  const has = (key: RunAttribute) => items.some((i) => i.entity === 'attribute' && i.key === key);
  if (!has('start_time')) items.push({ entity: 'attribute', key: 'start_time', direction: 'DESC' });
  if (!has('run_id')) items.push({ entity: 'attribute', key: 'run_id', direction: 'ASC' });

  const joins: OrderJoin[] = [];
  const keys = items.map((item, i): SortKey => {
    if (item.entity === 'attribute') {
      const { type, nullable } = ATTRIBUTE_TYPES[item.key];
      const value = `${run}.${ATTRIBUTE_COLUMNS[item.key]}`;
      return { value, type, direction: item.direction, ...(nullable ? { rank: missingLast(value) } : {}) };
    }
    const alias = `o${i}`;
    if (item.entity === 'metric') {
      const values = metricValues?.get(item.key);
      if (!values) {
        throw new SlipwayError(
          CommonErrorCodes.INTERNAL,
          `ordering by metrics.${item.key} needs its values from the metrics store (metricSortValues)`,
        );
      }
      const ids = params.add([...values.keys()]);
      const numbers = params.add([...values.values()]);
      joins.push({
        table: `${alias}_values`,
        alias,
        condition: `${alias}.run_id = ${run}.run_id`,
        cte: `SELECT * FROM unnest(CAST(${ids} AS text[]), CAST(${numbers} AS float8[])) AS v(run_id, value)`,
      });
      const nan = `CAST('NaN' AS float8)`;
      return {
        value: `NULLIF(${alias}.value, ${nan})`,
        rank: `(CASE WHEN ${alias}.value IS NULL THEN 2 WHEN ${alias}.value = ${nan} THEN 1 ELSE 0 END)`,
        type: 'float',
        direction: item.direction,
      };
    }
    const table = item.entity === 'param' ? 'params' : 'run_tags';
    joins.push({
      table,
      alias,
      condition: `${alias}.run_id = ${run}.run_id AND ${alias}.key = ${params.add(item.key)}`,
    });
    return {
      value: `${alias}.value`,
      rank: missingLast(`${alias}.value`),
      type: 'text',
      direction: item.direction,
    };
  });
  return { keys, joins, items };
}

function missingLast(value: string): string {
  return `(CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END)`;
}
