import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, modelVersionSchema } from '../../events/shared/ids';
import { actorSchema } from '../../events/shared/actor';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model-version.archive`: archive a version: it loses its aliases and open requests and can no longer be promoted. */
export const ArchiveModelVersion = defineRpc({
  name: 'ArchiveModelVersion',
  service: 'registry',
  method: 'model-version.archive',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    reason: z.string().max(2000).default(''),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Archive a version: it loses its aliases and open requests and can no longer be promoted.',
});
