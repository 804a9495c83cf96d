import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { modelSummarySchema, registryPageTokenSchema } from './registry-search-views';

/**
 * `slipway.rpc.registry.model.search`: registered models by name (exact, or a SQL LIKE pattern
 * with `%` and `_`) and tags, a page at a time (MLflow's search-registered-models; with no filter
 * it lists them all).
 */
export const SearchModels = defineRpc({
  name: 'SearchModels',
  service: 'registry',
  method: 'model.search',
  request: z.object({
    /** Exactly this name. */
    name: modelNameSchema.optional(),
    /** A LIKE pattern on the name, e.g. `%churn%`. */
    nameLike: z.string().min(1).max(256).optional(),
    /** Match `nameLike` ignoring case (MLflow's ILIKE). */
    ignoreCase: z.boolean().default(false),
    /** Only models having every one of these tags with exactly this value. */
    tags: z.record(z.string().min(1).max(250), z.string().max(8000)).default({}),
    /** MLflow's default page is 100 and its limit 1,000. */
    maxResults: z.int().min(1).max(1000).default(100),
    orderBy: z.enum(['name', 'createdAt', 'updatedAt']).default('name'),
    descending: z.boolean().default(false),
    pageToken: registryPageTokenSchema.optional(),
  }),
  response: z.object({
    models: z.array(modelSummarySchema),
    /** Pass it back for the next page; `null` on the last one. */
    nextPageToken: z.string().nullable(),
  }),
  description: 'Search registered models by name (exact or LIKE pattern) and tags, a page at a time.',
});
