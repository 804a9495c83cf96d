import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model.delete`: delete a registered model with all its versions; aliases are removed first, the history stays for audit. */
export const DeleteModel = defineRpc({
  name: 'DeleteModel',
  service: 'registry',
  method: 'model.delete',
  request: z.object({
    model: modelNameSchema,
    reason: z.string().max(2000).default(''),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description:
    'Delete a registered model with all its versions; aliases are removed first, the history stays for audit.',
});
