import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { aliasSchema, durationMsSchema, modelNameSchema, modelVersionSchema } from '../shared';

/** A serving replica loaded a model version and answers with it. */
export const modelLoadedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  /** The alias it serves under; `null` when loaded by version only. */
  alias: aliasSchema.nullable(),
  /** Time from download start to ready. */
  loadMs: durationMsSchema,
  /** The serving replica that loaded it. */
  replica: z.string().min(1).max(256),
});
export type ModelLoadedData = z.infer<typeof modelLoadedSchema>;

export const ModelLoaded = defineEvent({
  name: 'ModelLoaded',
  type: 'dev.slipway.serving.model.loaded.v1',
  subject: 'evt.serving.model.loaded',
  stream: 'events',
  schema: modelLoadedSchema,
  description: 'A serving replica loaded a model version.',
});
