import { z } from 'zod';
import {
  actorSchema,
  gateResultSchema,
  modelNameSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
} from '@slipway/contracts';
import type { ModelCommand } from './model.commands';
import type { ModelState } from './model.state';
import { failedGates, policyFor, type RegistryPolicy } from './promotion-policy';

/** MLflow's (deprecated) model version stages. */
export const mlflowStageSchema = z.enum(['None', 'Staging', 'Production', 'Archived']);
export type MlflowStage = z.infer<typeof mlflowStageSchema>;

/** The alias each promotable stage maps onto. */
export const STAGE_ALIASES = { Staging: 'staging', Production: 'production' } as const;

/** MLflow's `transition-stage` request, plus what Slipway needs to decide it. */
export const stageTransitionSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  stage: mlflowStageSchema,
  /** MLflow's flag: archive the versions that were in the target stage. */
  archiveExistingVersions: z.boolean().default(false),
  /** The promotion request id used when the stage maps onto an alias. */
  requestId: promotionRequestIdSchema,
  gates: z.array(gateResultSchema).default([]),
  reason: z.string().max(2000).default('MLflow stage transition'),
  actor: actorSchema,
});
export type StageTransition = z.infer<typeof stageTransitionSchema>;

/** The MLflow stage a version shows: Production wins over Staging; archived is Archived. */
export function stageOf(state: ModelState, version: number): MlflowStage {
  if (state.versions[version]?.status === 'archived') return 'Archived';
  if (state.aliases[STAGE_ALIASES.Production] === version) return 'Production';
  if (state.aliases[STAGE_ALIASES.Staging] === version) return 'Staging';
  return 'None';
}

/**
 * Turns a stage transition into model commands, run in order:
 * - Staging / Production → a promotion request to `staging` / `production` (it is promoted at once
 *   when the alias's policy needs no approval and the gates pass); with `archiveExistingVersions`
 *   the alias's current holder is archived after it, but only when the promotion happens at once:
 *   archiving it while the request waits for approval would leave the stage empty;
 * - Archived → archive the version (its aliases go with it);
 * - None → remove the stage aliases the version holds.
 */
export function stageTransitionCommands(
  t: StageTransition,
  state: ModelState,
  policy: RegistryPolicy,
): ModelCommand[] {
  const { model, version, actor, reason } = t;
  switch (t.stage) {
    case 'Staging':
    case 'Production': {
      const alias = STAGE_ALIASES[t.stage];
      const request: ModelCommand = {
        type: 'RequestPromotion',
        data: { model, version, alias, requestId: t.requestId, gates: t.gates, reason, actor },
      };
      const holder = state.aliases[alias];
      const promotesAtOnce = !policyFor(policy, alias).requiresApproval && failedGates(t.gates).length === 0;
      if (!t.archiveExistingVersions || !promotesAtOnce || holder === undefined || holder === version) {
        return [request];
      }
      return [request, { type: 'ArchiveVersion', data: { model, version: holder, reason, actor } }];
    }
    case 'Archived':
      return [{ type: 'ArchiveVersion', data: { model, version, reason, actor } }];
    case 'None':
      return Object.values(STAGE_ALIASES)
        .filter((alias) => state.aliases[alias] === version)
        .map((alias): ModelCommand => ({ type: 'RemoveAlias', data: { model, alias, reason, actor } }));
  }
}
