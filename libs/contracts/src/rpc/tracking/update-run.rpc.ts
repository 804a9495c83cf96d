import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { epochMillisSchema } from '../../events/shared/timestamps';
import { runStatusSchema } from '../../events/tracking/run-status';
import { runInfoViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.run.update` (MLflow update-run): status, end time and/or name of an
 * active run. A terminal status without `endTime` ends the run now. A status change publishes
 * `RunStatusChanged`; a deleted run is `TRACKING.RUN_INVALID_STATE`.
 */
export const UpdateRun = defineRpc({
  name: 'UpdateRun',
  service: 'tracking',
  method: 'run.update',
  request: z.object({
    runId: runIdSchema,
    status: runStatusSchema.optional(),
    endTime: epochMillisSchema.optional(),
    runName: z.string().min(1).max(250).optional(),
  }),
  response: runInfoViewSchema,
  description: 'Update the status, end time or name of a run; replies with its attributes.',
});
