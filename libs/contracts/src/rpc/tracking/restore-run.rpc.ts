import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { runInfoViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.run.restore`: restores a deleted run (idempotent); a run of a deleted
 * experiment is `TRACKING.RUN_INVALID_STATE` until the experiment is restored.
 */
export const RestoreRun = defineRpc({
  name: 'RestoreRun',
  service: 'tracking',
  method: 'run.restore',
  request: z.object({ runId: runIdSchema }),
  response: runInfoViewSchema,
  description: 'Restore a deleted run.',
});
