import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';

/**
 * `slipway.rpc.tracking.run.deleteTag` (MLflow delete-tag): removes a tag of an active run; a key
 * it does not have is `TRACKING.RUN_TAG_NOT_FOUND`.
 */
export const DeleteRunTag = defineRpc({
  name: 'DeleteRunTag',
  service: 'tracking',
  method: 'run.deleteTag',
  request: z.object({ runId: runIdSchema, key: trackingKeySchema }),
  response: z.object({}),
  description: 'Delete a tag of a run.',
});
