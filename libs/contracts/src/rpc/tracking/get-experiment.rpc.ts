import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema, experimentNameSchema } from '../../events/shared/ids';
import { experimentViewSchema } from './tracking-views';

/** `slipway.rpc.tracking.experiment.get`: an experiment by id or by name. */
export const GetExperiment = defineRpc({
  name: 'GetExperiment',
  service: 'tracking',
  method: 'experiment.get',
  request: z.union([
    z.object({ experimentId: experimentIdSchema }).strict(),
    z.object({ name: experimentNameSchema }).strict(),
  ]),
  response: experimentViewSchema,
  description: 'Get an experiment by id or by name.',
});
