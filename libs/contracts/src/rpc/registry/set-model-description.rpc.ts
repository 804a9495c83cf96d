import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model.set-description`: replace the description of a registered model; null clears it. */
export const SetModelDescription = defineRpc({
  name: 'SetModelDescription',
  service: 'registry',
  method: 'model.set-description',
  request: z.object({
    model: modelNameSchema,
    description: z.string().max(5000).nullable(),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Replace the description of a registered model; null clears it.',
});
