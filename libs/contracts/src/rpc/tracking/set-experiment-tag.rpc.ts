import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema } from '../../events/shared/ids';
import { tagSchema } from '../../events/shared/key-value';
import { experimentViewSchema } from './tracking-views';

/** `slipway.rpc.tracking.experiment.setTag`: sets or overwrites a tag of an active experiment. */
export const SetExperimentTag = defineRpc({
  name: 'SetExperimentTag',
  service: 'tracking',
  method: 'experiment.setTag',
  request: z.object({ experimentId: experimentIdSchema, ...tagSchema.shape }),
  response: experimentViewSchema,
  description: 'Set (or overwrite) a tag of an active experiment.',
});
