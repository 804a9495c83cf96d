import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema } from '../../events/shared/ids';
import { experimentViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.experiment.restore`: restores a deleted experiment and the runs deleted
 * with it; an active one is `TRACKING.EXPERIMENT_INVALID_STATE`, a name now taken by another
 * active experiment `TRACKING.EXPERIMENT_ALREADY_EXISTS`.
 */
export const RestoreExperiment = defineRpc({
  name: 'RestoreExperiment',
  service: 'tracking',
  method: 'experiment.restore',
  request: z.object({ experimentId: experimentIdSchema }),
  response: experimentViewSchema,
  description: 'Restore a deleted experiment and the runs deleted with it.',
});
