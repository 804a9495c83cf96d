import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import {
  actorSchema,
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
  runIdSchema,
} from '../../events/shared';
import { gateMetricsSchema } from './gate-metrics';
import { commandCallerFields, registryCommandReplySchema } from './registry-views';
import { mlflowStageSchema } from './registry-search-views';

/**
 * `slipway.rpc.registry.model-version.transition-stage`: MLflow's transition-stage, mapped onto
 * aliases: Staging/Production become a promotion request to `staging`/`production` (promoted at
 * once when the alias needs no approval and its gates pass), Archived archives the version, None
 * removes its stage aliases. With `archiveExistingVersions` the previous holder is archived, in
 * the same append, only when the promotion happens at once.
 */
export const TransitionModelVersionStage = defineRpc({
  name: 'TransitionModelVersionStage',
  service: 'registry',
  method: 'model-version.transition-stage',
  request: z.object({
    model: modelNameSchema,
    version: modelVersionSchema,
    stage: mlflowStageSchema,
    archiveExistingVersions: z.boolean().default(false),
    /** The promotion request's id (Staging/Production); a fresh one when absent. */
    requestId: promotionRequestIdSchema.optional(),
    reason: z.string().max(2000).default('MLflow stage transition'),
    metrics: gateMetricsSchema.default({}),
    /** Compare `baseline-run` gates with this run instead of the policy's baseline. */
    baselineRunId: runIdSchema.optional(),
    actor: actorSchema,
    admin: commandCallerFields.admin,
  }),
  response: registryCommandReplySchema,
  description: "MLflow's transition-stage mapped onto aliases (Staging, Production, Archived, None).",
});
