import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema } from '../../events/shared/ids';
import { pageTokenSchema, runViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.runs.search`: MLflow's search: `filter` in its grammar
 * (`metrics.f1 > 0.9 AND params.model = 'svc'`), `orderBy` items (`metrics.f1 DESC`),
 * paginated with an opaque token. Bad grammar is `TRACKING.INVALID_FILTER` with the position.
 */
export const SearchRuns = defineRpc({
  name: 'SearchRuns',
  service: 'tracking',
  method: 'runs.search',
  request: z.object({
    experimentIds: z.array(experimentIdSchema).min(1).max(100),
    filter: z.string().max(100_000).default(''),
    orderBy: z.array(z.string().max(1000)).max(20).default([]),
    runViewType: z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).default('ACTIVE_ONLY'),
    maxResults: z.number().int().min(1).max(50_000).default(1000),
    pageToken: pageTokenSchema.optional(),
    /** Also load each run's dataset inputs (MLflow's search answers them; one more query). */
    includeInputs: z.boolean().default(false),
  }),
  response: z.object({ runs: z.array(runViewSchema), nextPageToken: pageTokenSchema.optional() }),
  description: "Search runs with MLflow's filter grammar and order_by, paginated.",
});
