import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { DATASET_LIMITS, datasetInputSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.run.logInputs` (MLflow log-inputs): records datasets as inputs of an
 * active run. A dataset is stored once per experiment by (name, digest); logging an input the
 * run already has changes nothing (as in MLflow).
 */
export const LogRunInputs = defineRpc({
  name: 'LogRunInputs',
  service: 'tracking',
  method: 'run.logInputs',
  request: z.object({
    runId: runIdSchema,
    datasets: z
      .array(datasetInputSchema)
      .max(
        DATASET_LIMITS.inputsPerRequest,
        `at most ${DATASET_LIMITS.inputsPerRequest} datasets per request`,
      ),
  }),
  response: z.object({}),
  description: 'Record datasets (name, digest, source, schema, profile) as inputs of a run.',
});
