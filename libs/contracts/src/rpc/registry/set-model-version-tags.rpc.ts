import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema, modelVersionSchema, tagListSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model-version.set-tags`: set tags of one model version. */
export const SetModelVersionTags = defineRpc({
  name: 'SetModelVersionTags',
  service: 'registry',
  method: 'model-version.set-tags',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    tags: tagListSchema.min(1),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Set tags of one model version.',
});
