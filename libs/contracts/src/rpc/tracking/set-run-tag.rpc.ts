import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { tagSchema } from '../../events/shared/key-value';

/**
 * `slipway.rpc.tracking.run.setTag` (MLflow set-tag): sets or overwrites a tag of an active run;
 * `mlflow.runName` also renames the run.
 */
export const SetRunTag = defineRpc({
  name: 'SetRunTag',
  service: 'tracking',
  method: 'run.setTag',
  request: z.object({ runId: runIdSchema, ...tagSchema.shape }),
  response: z.object({}),
  description: 'Set (or overwrite) a tag of a run.',
});
