import { parseOrThrow, trackingKeySchema } from '@slipway/contracts';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { stagesOf, viewTypeSchema } from '../persistence/lifecycle';
import { parseRows } from '../persistence/rows';
import { afterCursor, cursorSelections, orderByTerms, type SortKey } from '../search/sql/keyset';
import {
  decodePageToken,
  encodePageToken,
  fingerprint,
  type CursorKey,
  type PageTokenScope,
} from '../search/sql/page-token';
import { SQL_OPERATORS } from '../search/search.vocabulary';
import { SqlParams } from '../search/sql/sql-params';
import { experimentRowSchema } from './experiment.entity';
import type { ExperimentRecord } from './experiments.repository';

/** MLflow's default and largest `max_results` of search_experiments. */
export const EXPERIMENT_SEARCH_LIMITS = { defaultMaxResults: 1000, maxResults: 50_000 } as const;

const stringOp = z.enum(['=', '!=', 'LIKE', 'ILIKE']);
const numericOp = z.enum(['=', '!=', '<', '<=', '>', '>=']);
const orderKey = z.enum(['name', 'creation_time', 'last_update_time', 'experiment_id']);

/** A search of experiments (MLflow search_experiments, with its filter already split into conditions). */
export const experimentSearchQuerySchema = z.strictObject({
  /** Default `ACTIVE_ONLY`. */
  viewType: viewTypeSchema.default('ACTIVE_ONLY'),
  /** `attributes.name <op> 'value'`. */
  name: z.strictObject({ op: stringOp, value: z.string() }).optional(),
  /** `tags.<key> <op> 'value'`, all of them. */
  tags: z.array(z.strictObject({ key: trackingKeySchema, op: stringOp, value: z.string() })).default([]),
  /** `attributes.creation_time <op> <ms>`, all of them. */
  times: z
    .array(
      z.strictObject({
        key: z.enum(['creation_time', 'last_update_time']),
        op: numericOp,
        value: z.int(),
      }),
    )
    .default([]),
  /** Default `creation_time DESC`; `experiment_id ASC` always breaks ties. */
  orderBy: z
    .array(z.strictObject({ key: orderKey, direction: z.enum(['ASC', 'DESC']) }))
    .default([{ key: 'creation_time', direction: 'DESC' }]),
  maxResults: z
    .int()
    .min(1)
    .max(EXPERIMENT_SEARCH_LIMITS.maxResults)
    .default(EXPERIMENT_SEARCH_LIMITS.defaultMaxResults),
  pageToken: z.string().min(1).optional(),
});
export type ExperimentSearchQuery = z.input<typeof experimentSearchQuerySchema>;

const KEY_TYPE = {
  name: 'text',
  creation_time: 'integer',
  last_update_time: 'integer',
  experiment_id: 'text',
} as const;

/** One page of experiments and, when more may follow, the token of the next. */
export async function searchExperimentRecords(
  db: DataSource,
  input: ExperimentSearchQuery,
): Promise<{ experiments: ExperimentRecord[]; nextPageToken?: string }> {
  const query = parseOrThrow(experimentSearchQuerySchema, input, 'experiment search');
  const order = query.orderBy.some((o) => o.key === 'experiment_id')
    ? query.orderBy
    : [...query.orderBy, { key: 'experiment_id' as const, direction: 'ASC' as const }];
  const keys: SortKey[] = order.map((o) => ({
    value: `e.${o.key}`,
    direction: o.direction,
    type: KEY_TYPE[o.key],
  }));
  const scope: PageTokenScope = {
    query: fingerprint(['experiments', query.viewType, query.name ?? null, query.tags, query.times, order]),
    keys: keys.map((k) => ({ type: k.type, ranked: false })),
  };
  const params = new SqlParams();
  const qb = db
    .createQueryBuilder()
    .select('e.*')
    .from('experiments', 'e')
    .where(`e.lifecycle_stage = ANY(CAST(${params.add(stagesOf(query.viewType))} AS text[]))`);
  if (query.name) qb.andWhere(`e.name ${SQL_OPERATORS[query.name.op]} ${params.add(query.name.value)}`);
  for (const time of query.times) {
    qb.andWhere(`e.${time.key} ${SQL_OPERATORS[time.op]} CAST(${params.add(time.value)} AS bigint)`);
  }
  query.tags.forEach((tag, i) => {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM experiment_tags t${i} WHERE t${i}.experiment_id = e.experiment_id` +
        ` AND t${i}.key = ${params.add(tag.key)} AND t${i}.value ${SQL_OPERATORS[tag.op]} ${params.add(tag.value)})`,
    );
  });
  if (query.pageToken) qb.andWhere(afterCursor(keys, decodePageToken(query.pageToken, scope), params));
  cursorSelections(keys).forEach((s, i) => qb.addSelect(s.value, `k${i}`));
  for (const [expr, dir] of orderByTerms(keys)) qb.addOrderBy(expr, dir);
  qb.limit(query.maxResults + 1).setParameters(params.all());

  const rows: unknown[] = await qb.getRawMany();
  const page = rows.slice(0, query.maxResults);
  const experiments = parseRows(experimentRowSchema, page, 'tracking.experiments row');
  if (rows.length <= query.maxResults) return { experiments };
  const last = parseRows(z.record(z.string(), z.unknown()), [page[page.length - 1]], 'cursor row')[0];
  const cursor: CursorKey[] = keys.map((k, i) => ({ rank: 0, value: cursorValue(k.type, last[`k${i}`]) }));
  return { experiments, nextPageToken: encodePageToken(scope, cursor) };
}

function cursorValue(type: SortKey['type'], raw: unknown): string | number {
  return type === 'text'
    ? parseOrThrow(z.string(), raw, 'cursor value')
    : parseOrThrow(
        z.union([
          z.int(),
          z
            .string()
            .regex(/^-?\d+$/)
            .transform(Number),
        ]),
        raw,
        'cursor value',
      );
}
