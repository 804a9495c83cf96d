import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  actorSchema,
  aliasSchema,
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
} from '../shared';

/** A promotion request was approved (by a person, or automatically when no approval is needed). */
export const promotionApprovedSchema = z.object({
  promotionRequestId: promotionRequestIdSchema,
  model: modelNameSchema,
  version: modelVersionSchema,
  alias: aliasSchema,
  approvedBy: actorSchema,
  comment: z.string().max(2000).nullable(),
});
export type PromotionApprovedData = z.infer<typeof promotionApprovedSchema>;

export const PromotionApproved = defineEvent({
  name: 'PromotionApproved',
  type: 'dev.slipway.registry.promotion.approved.v1',
  subject: 'evt.registry.promotion.approved',
  stream: 'events',
  schema: promotionApprovedSchema,
  description: 'A promotion request was approved.',
});
