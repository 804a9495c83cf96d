import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { runViewSchema } from './tracking-views';

/** `slipway.rpc.tracking.run.get`: one run with params, tags and metric summaries. */
export const GetRun = defineRpc({
  name: 'GetRun',
  service: 'tracking',
  method: 'run.get',
  request: z.object({ runId: runIdSchema }),
  response: runViewSchema,
  description: 'Get a run with its params, tags and the latest/min/max of each metric.',
});
