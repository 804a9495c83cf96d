import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentViewSchema, pageTokenSchema } from './tracking-views';

/** MLflow's default and largest `max_results` of search-experiments. */
export const SEARCH_EXPERIMENTS_LIMITS = { defaultMaxResults: 1000, maxResults: 50_000 } as const;

/**
 * `slipway.rpc.tracking.experiment.search` (MLflow search-experiments). `filter` in MLflow's
 * grammar over `name` (`attributes.name`), `tags.<key>`, `creation_time` and `last_update_time`,
 * clauses joined by AND (`name LIKE 'churn%' AND tags.team = 'ml'`); `orderBy` items such as
 * `name ASC`, `creation_time DESC`, `last_update_time`, `experiment_id` (default
 * `creation_time DESC`). A bad filter or order is `TRACKING.INVALID_FILTER` / `TRACKING.INVALID_ORDER_BY`.
 */
export const SearchExperiments = defineRpc({
  name: 'SearchExperiments',
  service: 'tracking',
  method: 'experiment.search',
  request: z.object({
    viewType: z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).default('ACTIVE_ONLY'),
    filter: z.string().max(100_000).default(''),
    orderBy: z.array(z.string().max(1000)).max(20).default([]),
    maxResults: z
      .number()
      .int()
      .min(1)
      .max(SEARCH_EXPERIMENTS_LIMITS.maxResults)
      .default(SEARCH_EXPERIMENTS_LIMITS.defaultMaxResults),
    pageToken: pageTokenSchema.optional(),
  }),
  response: z.object({
    experiments: z.array(experimentViewSchema),
    nextPageToken: pageTokenSchema.optional(),
  }),
  description: "Search experiments by name and tags with MLflow's filter and order_by, paginated.",
});
