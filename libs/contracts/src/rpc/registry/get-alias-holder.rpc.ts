import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, modelVersionSchema } from '../../events/shared/ids';
import { asOfSchema } from './registry-views';

/** `slipway.rpc.registry.alias.get`: which version held an alias, now or as of a position or time. */
export const GetAliasHolder = defineRpc({
  name: 'GetAliasHolder',
  service: 'registry',
  method: 'alias.get',
  request: z.object({
    model: modelNameSchema,
    alias: z.string().min(1).max(255),
    asOf: asOfSchema.optional(),
  }),
  response: z.object({
    model: modelNameSchema,
    alias: z.string(),
    /** `null` when nothing held the alias then. */
    version: modelVersionSchema.nullable(),
    /** The source of that version, for loading it. */
    source: z.string().nullable(),
  }),
  description: 'Which version held an alias, now or as of a position or time.',
});
