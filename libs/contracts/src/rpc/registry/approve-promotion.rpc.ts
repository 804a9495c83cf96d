import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, promotionRequestIdSchema } from '../../events/shared/ids';
import { commandCallerFields, registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.promotion.approve`: approve an open promotion request; failed gates need an admin and an override reason. */
export const ApprovePromotion = defineRpc({
  name: 'ApprovePromotion',
  service: 'registry',
  method: 'promotion.approve',
  request: z.object({
    model: modelNameSchema,
    requestId: promotionRequestIdSchema,
    comment: z.string().max(2000).nullable().default(null),
    overrideReason: z.string().min(1).max(1000).optional(),
    ...commandCallerFields,
  }),
  response: registryCommandReplySchema,
  description: 'Approve an open promotion request; failed gates need an admin and an override reason.',
});
