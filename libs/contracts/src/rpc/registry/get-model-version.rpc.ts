import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, modelVersionSchema } from '../../events/shared/ids';
import { asOfSchema } from './registry-views';
import { modelVersionDetailSchema } from './registry-search-views';

/** `slipway.rpc.registry.model-version.get`: one version with its aliases and MLflow stage, now or as of a moment. */
export const GetModelVersion = defineRpc({
  name: 'GetModelVersion',
  service: 'registry',
  method: 'model-version.get',
  request: z.object({ model: modelNameSchema, version: modelVersionSchema, asOf: asOfSchema.optional() }),
  response: modelVersionDetailSchema,
  description: 'Get one model version with its aliases and MLflow stage, now or as of a moment.',
});
