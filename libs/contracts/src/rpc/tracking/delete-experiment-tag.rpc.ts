import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { experimentViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.experiment.deleteTag`: removes a tag of an active experiment; a key it
 * does not have is `TRACKING.EXPERIMENT_TAG_NOT_FOUND`.
 */
export const DeleteExperimentTag = defineRpc({
  name: 'DeleteExperimentTag',
  service: 'tracking',
  method: 'experiment.deleteTag',
  request: z.object({ experimentId: experimentIdSchema, key: trackingKeySchema }),
  response: experimentViewSchema,
  description: 'Delete a tag of an active experiment.',
});
