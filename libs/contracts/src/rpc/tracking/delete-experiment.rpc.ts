import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema } from '../../events/shared/ids';
import { experimentViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.experiment.delete`: soft-deletes an active experiment and its active runs
 * (restore brings both back); deleting a deleted one is `TRACKING.EXPERIMENT_INVALID_STATE`.
 */
export const DeleteExperiment = defineRpc({
  name: 'DeleteExperiment',
  service: 'tracking',
  method: 'experiment.delete',
  request: z.object({ experimentId: experimentIdSchema }),
  response: experimentViewSchema,
  description: 'Soft-delete an experiment and its active runs.',
});
