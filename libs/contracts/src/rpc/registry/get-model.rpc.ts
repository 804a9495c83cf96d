import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { asOfSchema, modelViewSchema } from './registry-views';

/** `slipway.rpc.registry.model.get`: get a model with its versions, aliases and open requests, now or as of a position or time (time travel). */
export const GetModel = defineRpc({
  name: 'GetModel',
  service: 'registry',
  method: 'model.get',
  request: z.object({ model: modelNameSchema, asOf: asOfSchema.optional() }),
  response: modelViewSchema,
  description:
    'Get a model with its versions, aliases and open requests, now or as of a position or time (time travel).',
});
