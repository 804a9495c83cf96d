import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  actorSchema,
  aliasSchema,
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
} from '../shared';
import { gateResultSchema } from './gate-result';

/** Someone asked to point an alias at a version; the gates have been evaluated. */
export const promotionRequestedSchema = z.object({
  promotionRequestId: promotionRequestIdSchema,
  model: modelNameSchema,
  version: modelVersionSchema,
  /** The alias to move, e.g. `champion`. */
  alias: aliasSchema,
  requestedBy: actorSchema,
  reason: z.string().max(2000),
  /** Every gate's outcome; a failed gate means the request will be rejected. */
  gates: z.array(gateResultSchema),
  /** Whether a person must approve before the alias moves. */
  requiresApproval: z.boolean(),
});
export type PromotionRequestedData = z.infer<typeof promotionRequestedSchema>;

export const PromotionRequested = defineEvent({
  name: 'PromotionRequested',
  type: 'dev.slipway.registry.promotion.requested.v1',
  subject: 'evt.registry.promotion.requested',
  stream: 'events',
  schema: promotionRequestedSchema,
  description: 'A promotion of a model version to an alias was requested, with its gate results.',
});
