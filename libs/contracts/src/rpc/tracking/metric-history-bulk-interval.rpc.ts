import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { seriesPointSchema } from './tracking-views';

/** MLflow's limits of get-history-bulk-interval. */
export const HISTORY_BULK_INTERVAL_LIMITS = { maxRuns: 100, maxResults: 2500 } as const;

/**
 * `slipway.rpc.tracking.metrics.historyBulkInterval` (MLflow get-history-bulk-interval): one
 * metric of several runs between `startStep` and `endStep` (inclusive), sampled as MLflow does:
 * the steps of all the runs, at most `maxResults` of them evenly spaced (the first and last kept),
 * plus each run's first and last step; every point of each run at those steps, by run (in the
 * order asked), step, then time. Give `startStep` and `endStep` together or neither (every step);
 * otherwise, or with `startStep > endStep`, `COMMON.VALIDATION_FAILED`.
 */
export const GetMetricHistoryBulkInterval = defineRpc({
  name: 'GetMetricHistoryBulkInterval',
  service: 'tracking',
  method: 'metrics.historyBulkInterval',
  request: z.object({
    runIds: z.array(runIdSchema).min(1).max(HISTORY_BULK_INTERVAL_LIMITS.maxRuns),
    key: trackingKeySchema,
    startStep: z.int().optional(),
    endStep: z.int().optional(),
    maxResults: z
      .number()
      .int()
      .min(1)
      .max(HISTORY_BULK_INTERVAL_LIMITS.maxResults)
      .default(HISTORY_BULK_INTERVAL_LIMITS.maxResults),
  }),
  response: z.object({
    metrics: z.array(z.object({ runId: runIdSchema, key: trackingKeySchema, ...seriesPointSchema.shape })),
  }),
  description: 'Sampled history of one metric of several runs between two steps (MLflow bulk interval).',
});
