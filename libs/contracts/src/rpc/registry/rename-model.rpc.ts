import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model.rename`: rename a registered model; versions, aliases and history move with it, and the old name is free again. */
export const RenameModel = defineRpc({
  name: 'RenameModel',
  service: 'registry',
  method: 'model.rename',
  request: z.object({
    model: modelNameSchema,
    newName: modelNameSchema,
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description:
    'Rename a registered model; versions, aliases and history move with it, and the old name is free again.',
});
