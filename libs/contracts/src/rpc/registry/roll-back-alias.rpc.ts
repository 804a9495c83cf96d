import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { actorSchema } from '../../events/shared/actor';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.alias.roll-back`: point an alias back at its previous holder. */
export const RollBackAlias = defineRpc({
  name: 'RollBackAlias',
  service: 'registry',
  method: 'alias.roll-back',
  request: z.object({
    model: modelNameSchema,
    alias: z.string().min(1).max(255),
    reason: z.string().max(2000).default(''),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Point an alias back at its previous holder.',
});
