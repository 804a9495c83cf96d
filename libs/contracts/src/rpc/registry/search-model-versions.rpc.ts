import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, runIdSchema } from '../../events/shared/ids';
import { modelVersionDetailSchema, registryPageTokenSchema } from './registry-search-views';

/**
 * `slipway.rpc.registry.model-version.search`: versions by model name and/or source run ids, newest
 * first within a model (MLflow's search-model-versions). Deleted versions are never listed.
 */
export const SearchModelVersions = defineRpc({
  name: 'SearchModelVersions',
  service: 'registry',
  method: 'model-version.search',
  request: z.object({
    model: modelNameSchema.optional(),
    /** A LIKE pattern on the model name, e.g. `churn-%`. */
    modelLike: z.string().min(1).max(256).optional(),
    /** Only versions created from one of these runs. */
    runIds: z.array(runIdSchema).min(1).max(1000).optional(),
    /** Only versions having every one of these tags with exactly this value. */
    tags: z.record(z.string().min(1).max(250), z.string().max(8000)).default({}),
    maxResults: z.int().min(1).max(1000).default(100),
    pageToken: registryPageTokenSchema.optional(),
  }),
  response: z.object({
    versions: z.array(modelVersionDetailSchema),
    nextPageToken: z.string().nullable(),
  }),
  description: 'Search model versions by model name and/or source run ids, a page at a time.',
});
