import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { metricValueWireSchema } from '../../events/shared/metric-value';
import { epochMillisSchema } from '../../events/shared/timestamps';
import { batchIdSchema, logBatchResultSchema } from './log-batch.rpc';

/**
 * `slipway.rpc.tracking.run.logMetric` (MLflow log-metric): one point of an active run, stored
 * before the reply; `batchId` makes a retry harmless, as in `run.logBatch`.
 */
export const LogMetric = defineRpc({
  name: 'LogMetric',
  service: 'tracking',
  method: 'run.logMetric',
  request: z.object({
    runId: runIdSchema,
    key: trackingKeySchema,
    /** A number, or `'NaN'`, `'Infinity'`, `'-Infinity'`. */
    value: metricValueWireSchema,
    /** Default now. */
    timestamp: epochMillisSchema.optional(),
    step: z.int().default(0),
    batchId: batchIdSchema.optional(),
  }),
  response: logBatchResultSchema,
  description: 'Log one metric point of a run.',
});
