import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, modelNameSchema } from '../shared';

/**
 * A registered model was deleted with all its versions. Its aliases were removed just before
 * (one `AliasRemoved` each, so serving lets go); the events stay in the log for audit and the
 * name can be registered again.
 */
export const registeredModelDeletedSchema = z.object({
  model: modelNameSchema,
  /** How many versions it had when deleted. */
  versions: z.int().min(0),
  deletedBy: actorSchema,
  reason: z.string().max(2000),
});
export type RegisteredModelDeletedData = z.infer<typeof registeredModelDeletedSchema>;

export const RegisteredModelDeleted = defineEvent({
  name: 'RegisteredModelDeleted',
  type: 'dev.slipway.registry.registered-model.deleted.v1',
  subject: 'evt.registry.registered-model.deleted',
  stream: 'events',
  schema: registeredModelDeletedSchema,
  description: 'A registered model was deleted with all its versions.',
});
