import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema, modelVersionSchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model-version.delete`: delete a model version (a tombstone event); its aliases are removed first, its number is never reused. */
export const DeleteModelVersion = defineRpc({
  name: 'DeleteModelVersion',
  service: 'registry',
  method: 'model-version.delete',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    reason: z.string().max(2000).default(''),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description:
    'Delete a model version (a tombstone event); its aliases are removed first, its number is never reused.',
});
