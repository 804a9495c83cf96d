import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, aliasSchema, modelNameSchema, modelVersionSchema } from '../shared';

/** An alias was deleted; serving stops answering for it. */
export const aliasRemovedSchema = z.object({
  model: modelNameSchema,
  alias: aliasSchema,
  /** The version the alias pointed at. */
  version: modelVersionSchema,
  removedBy: actorSchema,
  reason: z.string().max(2000),
});
export type AliasRemovedData = z.infer<typeof aliasRemovedSchema>;

export const AliasRemoved = defineEvent({
  name: 'AliasRemoved',
  type: 'dev.slipway.registry.alias.removed.v1',
  subject: 'evt.registry.alias.removed',
  stream: 'events',
  schema: aliasRemovedSchema,
  description: 'An alias of a registered model was removed.',
});
