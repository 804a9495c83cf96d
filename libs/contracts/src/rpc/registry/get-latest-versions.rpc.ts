import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { mlflowStageSchema, modelVersionDetailSchema } from './registry-search-views';

/** `slipway.rpc.registry.model.latest-versions`: the newest version in each MLflow stage (MLflow's get-latest-versions). */
export const GetLatestVersions = defineRpc({
  name: 'GetLatestVersions',
  service: 'registry',
  method: 'model.latest-versions',
  request: z.object({
    model: modelNameSchema,
    /** The stages to answer for; all four when empty. */
    stages: z.array(mlflowStageSchema).max(4).default([]),
  }),
  response: z.object({ versions: z.array(modelVersionDetailSchema) }),
  description: 'The newest version in each MLflow stage (None, Staging, Production, Archived).',
});
