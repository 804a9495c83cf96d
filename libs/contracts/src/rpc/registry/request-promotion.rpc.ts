import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import {
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
  runIdSchema,
} from '../../events/shared/ids';
import { actorSchema } from '../../events/shared/actor';
import { gateMetricsSchema } from './gate-metrics';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.promotion.request`: ask to point an alias at a version; the alias policy's gates are evaluated and stored with the request. */
export const RequestPromotion = defineRpc({
  name: 'RequestPromotion',
  service: 'registry',
  method: 'promotion.request',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    alias: z.string().min(1).max(255),
    /** Chosen by the caller so that a retried request is recognised. */
    requestId: promotionRequestIdSchema,
    reason: z.string().max(2000).default(''),
    /** Metrics the gates compare; each defaults to the version snapshots the registry holds. */
    metrics: gateMetricsSchema.default({}),
    /** Compare `baseline-run` gates with this run instead of the policy's baseline (optional, since v1 callers omit it). */
    baselineRunId: runIdSchema.optional(),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description:
    "Ask to point an alias at a version; the alias policy's gates are evaluated and stored with the request.",
});
