import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, promotionRequestIdSchema } from '../../events/shared/ids';
import { actorSchema } from '../../events/shared/actor';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.promotion.reject`: reject an open promotion request with a reason. */
export const RejectPromotion = defineRpc({
  name: 'RejectPromotion',
  service: 'registry',
  method: 'promotion.reject',
  request: z.object({
    model: modelNameSchema,
    requestId: promotionRequestIdSchema,
    reason: z.string().min(1).max(2000),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Reject an open promotion request with a reason.',
});
