import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema } from '../../events/shared/ids';
import { asOfSchema, historyEntrySchema } from './registry-views';

/** `slipway.rpc.registry.model.history`: the audit trail of a model (optionally only one alias): every event with its actor, reason and time. */
export const GetModelHistory = defineRpc({
  name: 'GetModelHistory',
  service: 'registry',
  method: 'model.history',
  request: z.object({
    model: modelNameSchema,
    /** Only the events about this alias (promotions, requests, removal, roll-back). */
    alias: z.string().min(1).max(255).optional(),
    asOf: asOfSchema.optional(),
  }),
  response: z.object({ model: modelNameSchema, entries: z.array(historyEntrySchema) }),
  description:
    'The audit trail of a model (optionally only one alias): every event with its actor, reason and time.',
});
