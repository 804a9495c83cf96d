import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, modelNameSchema, modelVersionSchema } from '../shared';

/** A model version was archived: it keeps its files but can no longer be promoted. */
export const modelVersionArchivedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  archivedBy: actorSchema,
  reason: z.string().max(2000),
});
export type ModelVersionArchivedData = z.infer<typeof modelVersionArchivedSchema>;

export const ModelVersionArchived = defineEvent({
  name: 'ModelVersionArchived',
  type: 'dev.slipway.registry.model-version.archived.v1',
  subject: 'evt.registry.model-version.archived',
  stream: 'events',
  schema: modelVersionArchivedSchema,
  description: 'A model version was archived.',
});
