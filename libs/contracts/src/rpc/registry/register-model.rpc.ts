import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { tagListSchema } from '../../events/shared/key-value';
import { actorSchema } from '../../events/shared/actor';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model.register`: register a model name with a description and tags. */
export const RegisterModel = defineRpc({
  name: 'RegisterModel',
  service: 'registry',
  method: 'model.register',
  request: z.object({
    model: modelNameSchema,
    description: z.string().max(5000).nullable().default(null),
    tags: tagListSchema.default([]),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: 'Register a model name with a description and tags.',
});
