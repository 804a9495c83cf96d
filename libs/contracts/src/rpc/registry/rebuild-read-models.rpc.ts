import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema } from '../../events/shared/actor';

/** `slipway.rpc.registry.read-models.rebuild`: replay every event into fresh read models (an operator command). */
export const RebuildReadModels = defineRpc({
  name: 'RebuildReadModels',
  service: 'registry',
  method: 'read-models.rebuild',
  request: z.object({ actor: actorSchema }),
  response: z.object({ models: z.int().min(0), events: z.int().min(0) }),
  description: 'Replay every event into fresh read models (an operator command).',
});
