import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { metricSummarySchema, runInfoViewSchema } from './tracking-views';

/** `slipway.rpc.tracking.runs.best`: the active run of an experiment with the best latest value of a metric. */
export const GetBestRun = defineRpc({
  name: 'GetBestRun',
  service: 'tracking',
  method: 'runs.best',
  request: z.object({
    experimentId: experimentIdSchema,
    metric: trackingKeySchema,
    mode: z.enum(['max', 'min']).default('max'),
  }),
  response: z.object({ run: runInfoViewSchema, metric: metricSummarySchema }),
  description:
    'Best run of an experiment by the latest value of a metric; TRACKING.NO_RUN_WITH_METRIC when none has it.',
});
