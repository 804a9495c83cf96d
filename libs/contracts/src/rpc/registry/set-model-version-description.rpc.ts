import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema, modelVersionSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model-version.set-description`: replace the description of one model version (MLflow update-model-version); null clears it. */
export const SetModelVersionDescription = defineRpc({
  name: 'SetModelVersionDescription',
  service: 'registry',
  method: 'model-version.set-description',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    description: z.string().max(5000).nullable(),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Replace the description of one model version (MLflow update-model-version); null clears it.',
});
