import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, modelVersionSchema } from '../../events/shared/ids';
import { gateMetricsSchema } from './gate-metrics';
import { commandCallerFields, registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.alias.promote`: point an alias at a version without a request, where the alias policy allows it or an admin overrides. */
export const PromoteModelVersion = defineRpc({
  name: 'PromoteModelVersion',
  service: 'registry',
  method: 'alias.promote',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    alias: z.string().min(1).max(255),
    reason: z.string().max(2000).default(''),
    overrideReason: z.string().min(1).max(1000).optional(),
    /** Metrics the gates compare; each defaults to the version snapshots the registry holds. */
    metrics: gateMetricsSchema.default({}),
    ...commandCallerFields,
  }),
  response: registryCommandReplySchema,
  description:
    'Point an alias at a version without a request, where the alias policy allows it or an admin overrides.',
});
