import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { runInfoViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.run.delete`: soft-deletes a run (idempotent). A deleted run is still
 * readable with `run.get` and refuses writes with `TRACKING.RUN_INVALID_STATE`.
 */
export const DeleteRun = defineRpc({
  name: 'DeleteRun',
  service: 'tracking',
  method: 'run.delete',
  request: z.object({ runId: runIdSchema }),
  response: runInfoViewSchema,
  description: 'Soft-delete a run.',
});
