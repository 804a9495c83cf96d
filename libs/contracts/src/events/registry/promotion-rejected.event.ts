import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  actorSchema,
  aliasSchema,
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
} from '../shared';

/** A promotion request was rejected, by a person or by a failed gate. */
export const promotionRejectedSchema = z.object({
  promotionRequestId: promotionRequestIdSchema,
  model: modelNameSchema,
  version: modelVersionSchema,
  alias: aliasSchema,
  /** A person, or the registry service when a gate failed. */
  rejectedBy: actorSchema,
  reason: z.string().max(2000),
});
export type PromotionRejectedData = z.infer<typeof promotionRejectedSchema>;

export const PromotionRejected = defineEvent({
  name: 'PromotionRejected',
  type: 'dev.slipway.registry.promotion.rejected.v1',
  subject: 'evt.registry.promotion.rejected',
  stream: 'events',
  schema: promotionRejectedSchema,
  description: 'A promotion request was rejected.',
});
