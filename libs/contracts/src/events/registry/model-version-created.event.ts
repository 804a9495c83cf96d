import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  actorSchema,
  modelNameSchema,
  modelVersionSchema,
  runIdSchema,
  tagListSchema,
  uriSchema,
} from '../shared';
import { flavorSchema, modelSignatureSchema } from './model-signature';

/** A new version of a registered model was created from a run's artifacts. */
export const modelVersionCreatedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  /** The run that produced it; `null` when registered from outside tracking. */
  sourceRunId: runIdSchema.nullable(),
  artifactUri: uriSchema.describe('Where the model files are'),
  flavor: flavorSchema,
  signature: modelSignatureSchema.nullable(),
  tags: tagListSchema,
  createdBy: actorSchema,
});
export type ModelVersionCreatedData = z.infer<typeof modelVersionCreatedSchema>;

export const ModelVersionCreated = defineEvent({
  name: 'ModelVersionCreated',
  type: 'dev.slipway.registry.model-version.created.v1',
  subject: 'evt.registry.model-version.created',
  stream: 'events',
  schema: modelVersionCreatedSchema,
  description: 'A new version of a registered model was created.',
});
