import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentNameSchema } from '../../events/shared/ids';
import { experimentViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.experiment.getByName` (MLflow get-by-name): the active experiment of
 * this name, else the one of this name deleted last; none is `TRACKING.EXPERIMENT_NOT_FOUND`.
 */
export const GetExperimentByName = defineRpc({
  name: 'GetExperimentByName',
  service: 'tracking',
  method: 'experiment.getByName',
  request: z.object({ name: experimentNameSchema }),
  response: experimentViewSchema,
  description: 'Get an experiment by name (the active one, else the one deleted last).',
});
