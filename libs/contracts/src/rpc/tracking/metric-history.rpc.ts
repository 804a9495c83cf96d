import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { seriesPointSchema, pageTokenSchema } from './tracking-views';

/** `slipway.rpc.tracking.metrics.history`: every point of one series, by step then time, paginated (no silent cap). */
export const GetMetricHistory = defineRpc({
  name: 'GetMetricHistory',
  service: 'tracking',
  method: 'metrics.history',
  request: z.object({
    runId: runIdSchema,
    key: trackingKeySchema,
    pageSize: z.number().int().min(1).max(10_000).default(10_000),
    pageToken: pageTokenSchema.optional(),
  }),
  response: z.object({ points: z.array(seriesPointSchema), nextPageToken: pageTokenSchema.optional() }),
  description: 'Full history of one metric of one run, paginated.',
});
