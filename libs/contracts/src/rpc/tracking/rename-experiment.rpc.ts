import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema, experimentNameSchema } from '../../events/shared/ids';
import { experimentViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.experiment.rename` (MLflow update-experiment): renames an active
 * experiment; a name taken by another active one is `TRACKING.EXPERIMENT_ALREADY_EXISTS`, a
 * deleted experiment `TRACKING.EXPERIMENT_INVALID_STATE`.
 */
export const RenameExperiment = defineRpc({
  name: 'RenameExperiment',
  service: 'tracking',
  method: 'experiment.rename',
  request: z.object({ experimentId: experimentIdSchema, newName: experimentNameSchema }),
  response: experimentViewSchema,
  description: 'Rename an active experiment.',
});
