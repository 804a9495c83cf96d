import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema, tagListSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model.set-tags`: set tags of a registered model (a key set again gets the new value). */
export const SetModelTags = defineRpc({
  name: 'SetModelTags',
  service: 'registry',
  method: 'model.set-tags',
  request: z.object({
    model: modelNameSchema,
    tags: tagListSchema.min(1),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Set tags of a registered model (a key set again gets the new value).',
});
