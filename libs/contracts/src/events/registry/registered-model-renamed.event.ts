import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, modelNameSchema } from '../shared';

/**
 * A registered model took a new name. Its versions, aliases, requests and history move with it
 * (the event is appended to the model's own stream); the old name is free to register again.
 */
export const registeredModelRenamedSchema = z.object({
  /** The name before the rename. */
  model: modelNameSchema,
  newName: modelNameSchema,
  renamedBy: actorSchema,
});
export type RegisteredModelRenamedData = z.infer<typeof registeredModelRenamedSchema>;

export const RegisteredModelRenamed = defineEvent({
  name: 'RegisteredModelRenamed',
  type: 'dev.slipway.registry.registered-model.renamed.v1',
  subject: 'evt.registry.registered-model.renamed',
  stream: 'events',
  schema: registeredModelRenamedSchema,
  description: 'A registered model was renamed; its versions, aliases and history moved with it.',
});
