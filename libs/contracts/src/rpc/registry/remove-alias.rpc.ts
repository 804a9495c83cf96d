import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { actorSchema } from '../../events/shared/actor';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.alias.remove`: delete an alias. */
export const RemoveAlias = defineRpc({
  name: 'RemoveAlias',
  service: 'registry',
  method: 'alias.remove',
  request: z.object({
    model: modelNameSchema,
    alias: z.string().min(1).max(255),
    reason: z.string().max(2000).default(''),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Delete an alias.',
});
