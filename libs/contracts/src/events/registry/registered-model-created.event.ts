import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, modelNameSchema, tagListSchema } from '../shared';

/** A model name was registered. */
export const registeredModelCreatedSchema = z.object({
  model: modelNameSchema,
  description: z.string().max(5000).nullable(),
  tags: tagListSchema,
  createdBy: actorSchema,
});
export type RegisteredModelCreatedData = z.infer<typeof registeredModelCreatedSchema>;

export const RegisteredModelCreated = defineEvent({
  name: 'RegisteredModelCreated',
  type: 'dev.slipway.registry.registered-model.created.v1',
  subject: 'evt.registry.registered-model.created',
  stream: 'events',
  schema: registeredModelCreatedSchema,
  description: 'A model name was registered in the registry.',
});
