import { experimentIdSchema, parseOrThrow } from '@slipway/contracts';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { stagesOf, viewTypeSchema } from '../../persistence/lifecycle';
import { parseRows } from '../../persistence/rows';
import { runColumns, runRowSchema, type Run } from '../../runs/run.entity';
import { orderByItemSchema } from '../index';
import { clauseCondition, relationalClauseSchema } from './filter.sql';
import { afterCursor, cursorSelections, orderByTerms, type SortKey } from './keyset';
import { runSortPlan, type MetricSortValues } from './order-by.sql';
import {
  decodePageToken,
  encodePageToken,
  fingerprint,
  type CursorKey,
  type PageTokenScope,
} from './page-token';
import { SqlParams } from './sql-params';

/** MLflow's default and largest `max_results` of search_runs. */
export const RUN_SEARCH_LIMITS = { defaultMaxResults: 1000, maxResults: 50_000 } as const;

/** A search of runs in Postgres; see `index.ts` for how metric clauses and metric ordering join in. */
export const runSearchQuerySchema = z.strictObject({
  experimentIds: z.array(experimentIdSchema).min(1),
  /** Param, tag and attribute clauses (`partitionFilter(parseFilter(s)).relationalClauses`), all of them. */
  clauses: z.array(relationalClauseSchema).default([]),
  /** Sort keys; `start_time DESC, run_id ASC` complete them as in MLflow. */
  orderBy: z.array(orderByItemSchema).default([]),
  viewType: viewTypeSchema.default('ACTIVE_ONLY'),
  maxResults: z.int().min(1).max(RUN_SEARCH_LIMITS.maxResults).default(RUN_SEARCH_LIMITS.defaultMaxResults),
  /** The `nextPageToken` of the previous page of the same search. */
  pageToken: z.string().min(1).optional(),
  /** Only these runs (those the metrics store found matching the metric clauses). */
  runIdsIn: z.array(z.string()).optional(),
  /** Values of every metric named in `orderBy`, for the runs that have it. */
  metricSortValues: z.custom<MetricSortValues>((v) => v instanceof Map, 'must be a Map').optional(),
});
export type RunSearchQuery = z.input<typeof runSearchQuerySchema>;

/** One page of runs and, when more may follow, the token of the next. */
export interface RunPage<R> {
  runs: R[];
  nextPageToken?: string;
}

const RUN = 'r';

/** Runs a search: one parameterised SELECT of at most `maxResults + 1` rows, keyset-paginated. */
export async function searchRunRecords(db: DataSource, input: RunSearchQuery): Promise<RunPage<Run>> {
  const query = parseOrThrow(runSearchQuerySchema, input, 'run search');
  if (query.runIdsIn?.length === 0) return { runs: [] };
  const { qb, keys, scope } = buildRunSearch(db, query);
  const rows: unknown[] = await qb.getRawMany();
  const page = rows.slice(0, query.maxResults);
  const runs = parseRows(runRowSchema, page, 'tracking.runs row');
  if (rows.length <= query.maxResults) return { runs };
  return { runs, nextPageToken: encodePageToken(scope, cursorOf(keys, page[page.length - 1])) };
}

/** The query of a search, not yet run: SQL text built from generated aliases only, values as parameters. */
export function buildRunSearch(
  db: DataSource,
  query: z.infer<typeof runSearchQuerySchema>,
): { qb: SelectQueryBuilder<object>; keys: SortKey[]; scope: PageTokenScope } {
  const params = new SqlParams();
  const plan = runSortPlan(query.orderBy, RUN, params, query.metricSortValues);
  const scope: PageTokenScope = {
    query: fingerprint(['runs', [...query.experimentIds].sort(), query.viewType, query.clauses, plan.items]),
    keys: plan.keys.map((k) => ({ type: k.type, ranked: k.rank !== undefined })),
  };
  const cursor = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken, scope);

  const qb = db.createQueryBuilder().select(runColumns(RUN)).from('runs', RUN);
  for (const join of plan.joins) {
    if (join.cte) qb.addCommonTableExpression(join.cte, join.table);
    qb.leftJoin(join.table, join.alias, join.condition);
  }
  qb.where(`${RUN}.experiment_id = ANY(CAST(${params.add(query.experimentIds)} AS text[]))`);
  qb.andWhere(`${RUN}.lifecycle_stage = ANY(CAST(${params.add(stagesOf(query.viewType))} AS text[]))`);
  if (query.runIdsIn) qb.andWhere(`${RUN}.run_id = ANY(CAST(${params.add(query.runIdsIn)} AS text[]))`);
  query.clauses.forEach((clause, i) => qb.andWhere(clauseCondition(clause, RUN, params, i)));
  if (cursor) qb.andWhere(afterCursor(plan.keys, cursor, params));
  selectCursor(qb, plan.keys);
  for (const [expression, direction] of orderByTerms(plan.keys)) qb.addOrderBy(expression, direction);
  qb.limit(query.maxResults + 1).setParameters(params.all());
  return { qb, keys: plan.keys, scope };
}

function selectCursor(qb: SelectQueryBuilder<object>, keys: readonly SortKey[]): void {
  cursorSelections(keys).forEach((s, i) => {
    qb.addSelect(s.rank, `k${i}_rank`);
    qb.addSelect(s.value, `k${i}_value`);
  });
}

const integerValue = z.union([
  z.int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const cursorValueSchemas = {
  text: z.string(),
  integer: integerValue.pipe(z.int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)),
  // z.number() refuses ±Infinity, which metrics may hold (NaN never reaches here: it has rank 1).
  float: z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), 'must be a number'),
} as const;

/** The cursor after `row`: each key's rank and value as Postgres computed them. */
function cursorOf(keys: readonly SortKey[], row: unknown): CursorKey[] {
  const record = parseOrThrow(z.record(z.string(), z.unknown()), row, 'cursor row');
  return keys.map((key, i) => {
    const rank = parseOrThrow(integerValue, record[`k${i}_rank`], 'cursor rank');
    const raw = record[`k${i}_value`];
    const value =
      rank > 0 || raw === null ? null : parseOrThrow(cursorValueSchemas[key.type], raw, 'cursor value');
    return { rank, value };
  });
}
