import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema, modelVersionSchema, trackingKeySchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model-version.delete-tag`: delete one tag of a model version (deleting a missing key is not an error). */
export const DeleteModelVersionTag = defineRpc({
  name: 'DeleteModelVersionTag',
  service: 'registry',
  method: 'model-version.delete-tag',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    key: trackingKeySchema,
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Delete one tag of a model version (deleting a missing key is not an error).',
});
