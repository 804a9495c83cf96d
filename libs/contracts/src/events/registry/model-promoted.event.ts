import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  actorSchema,
  aliasSchema,
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
  uriSchema,
} from '../shared';
import { flavorSchema, modelSignatureSchema } from './model-signature';

/**
 * An alias now points at a model version. Carries all serving needs to load the model
 * without asking the registry.
 */
export const modelPromotedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  alias: aliasSchema,
  /** The version the alias pointed at before; `null` when the alias is new. */
  previousVersion: modelVersionSchema.nullable(),
  artifactUri: uriSchema.describe('Where the model files are'),
  flavor: flavorSchema,
  signature: modelSignatureSchema.nullable(),
  /** Who approved; the registry service itself when no approval was needed. */
  approvedBy: actorSchema,
  reason: z.string().max(2000),
  /** `null` when the alias was set directly, without a promotion request. */
  promotionRequestId: promotionRequestIdSchema.nullable(),
});
export type ModelPromotedData = z.infer<typeof modelPromotedSchema>;

export const ModelPromoted = defineEvent({
  name: 'ModelPromoted',
  type: 'dev.slipway.registry.model.promoted.v1',
  subject: 'evt.registry.model.promoted',
  stream: 'events',
  schema: modelPromotedSchema,
  description: 'An alias of a registered model now points at a new version; serving loads it.',
});
