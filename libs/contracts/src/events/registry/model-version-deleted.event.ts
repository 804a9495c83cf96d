import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, modelNameSchema, modelVersionSchema } from '../shared';

/**
 * A model version was deleted (a tombstone: its events stay in the log). Its aliases were removed
 * just before; its number is never handed out again.
 */
export const modelVersionDeletedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  deletedBy: actorSchema,
  reason: z.string().max(2000),
});
export type ModelVersionDeletedData = z.infer<typeof modelVersionDeletedSchema>;

export const ModelVersionDeleted = defineEvent({
  name: 'ModelVersionDeleted',
  type: 'dev.slipway.registry.model-version.deleted.v1',
  subject: 'evt.registry.model-version.deleted',
  stream: 'events',
  schema: modelVersionDeletedSchema,
  description: 'A model version was deleted.',
});
