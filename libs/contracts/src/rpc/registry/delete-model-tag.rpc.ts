import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { actorSchema, modelNameSchema, trackingKeySchema } from '../../events/shared';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model.delete-tag`: delete one tag of a registered model (deleting a missing key is not an error). */
export const DeleteModelTag = defineRpc({
  name: 'DeleteModelTag',
  service: 'registry',
  method: 'model.delete-tag',
  request: z.object({
    model: modelNameSchema,
    key: trackingKeySchema,
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Delete one tag of a registered model (deleting a missing key is not an error).',
});
