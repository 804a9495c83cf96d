import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentNameSchema } from '../../events/shared/ids';
import { tagSchema } from '../../events/shared/key-value';
import { experimentViewSchema } from './tracking-views';

/** `slipway.rpc.tracking.experiment.create`: a new experiment; a taken name is `TRACKING.EXPERIMENT_ALREADY_EXISTS`. */
export const CreateExperiment = defineRpc({
  name: 'CreateExperiment',
  service: 'tracking',
  method: 'experiment.create',
  request: z.object({
    name: experimentNameSchema,
    artifactLocation: z.string().min(1).max(2000).optional(),
    tags: z.array(tagSchema).max(100).optional(),
  }),
  response: experimentViewSchema,
  description: 'Create an experiment (name unique among active experiments).',
});
