import { z } from 'zod';
import {
  numericAttributeClauseSchema,
  paramClauseSchema,
  runIdListClauseSchema,
  stringAttributeClauseSchema,
  tagClauseSchema,
  type FilterAst,
  type MetricClause,
} from '../index';
import { SQL_OPERATORS, type RunAttribute } from '../search.vocabulary';
import type { SqlParams } from './sql-params';

/** A filter clause Postgres answers: on params, tags or run attributes (metrics are ClickHouse's). */
export const relationalClauseSchema = z.union([
  paramClauseSchema,
  tagClauseSchema,
  stringAttributeClauseSchema,
  numericAttributeClauseSchema,
  runIdListClauseSchema,
]);
export type RelationalClause = z.infer<typeof relationalClauseSchema>;

/** The clauses of a parsed filter, split by the store that answers them. */
export function partitionFilter(ast: FilterAst): {
  metricClauses: MetricClause[];
  relationalClauses: RelationalClause[];
} {
  const metricClauses: MetricClause[] = [];
  const relationalClauses: RelationalClause[] = [];
  for (const clause of ast.clauses) {
    if (clause.entity === 'metric') metricClauses.push(clause);
    else relationalClauses.push(clause);
  }
  return { metricClauses, relationalClauses };
}

/** Column of `runs` holding each searchable attribute. */
export const ATTRIBUTE_COLUMNS: Readonly<Record<RunAttribute, string>> = {
  run_id: 'run_id',
  run_name: 'run_name',
  status: 'status',
  user_id: 'user_id',
  artifact_uri: 'artifact_uri',
  start_time: 'start_time',
  end_time: 'end_time',
};

/** Length of the value prefix the params/run_tags search indexes hold (see their migrations). */
const INDEXED_PREFIX = 256;

/**
 * The SQL condition of one clause on runs aliased `run`; values become parameters. As in MLflow,
 * a param or tag clause only matches runs that have the key (`params.x != 'a'` skips runs
 * without `x`), and LIKE is case-sensitive where ILIKE is not. `index` makes sub-query aliases unique.
 */
export function clauseCondition(
  clause: RelationalClause,
  run: string,
  params: SqlParams,
  index: number,
): string {
  if (clause.entity === 'param' || clause.entity === 'tag') {
    const table = clause.entity === 'param' ? 'params' : 'run_tags';
    const alias = `f${index}`;
    const value = params.add(clause.value);
    const match =
      clause.op === '='
        ? `left(${alias}.value, ${INDEXED_PREFIX}) = left(${value}, ${INDEXED_PREFIX}) AND ${alias}.value = ${value}`
        : `${alias}.value ${SQL_OPERATORS[clause.op]} ${value}`;
    return (
      `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.run_id = ${run}.run_id` +
      ` AND ${alias}.key = ${params.add(clause.key)} AND ${match})`
    );
  }
  const column = `${run}.${ATTRIBUTE_COLUMNS[clause.key]}`;
  if (clause.op === 'IN' || clause.op === 'NOT IN') {
    const list = `CAST(${params.add(clause.value)} AS text[])`;
    return clause.op === 'IN' ? `${column} = ANY(${list})` : `${column} <> ALL(${list})`;
  }
  if (clause.key === 'start_time' || clause.key === 'end_time') {
    return `${column} ${SQL_OPERATORS[clause.op]} CAST(${params.add(clause.value)} AS bigint)`;
  }
  return `${column} ${SQL_OPERATORS[clause.op]} ${params.add(clause.value)}`;
}
