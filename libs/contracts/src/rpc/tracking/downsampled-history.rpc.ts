import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { seriesPointSchema } from './tracking-views';

/** `slipway.rpc.tracking.metrics.downsampled`: at most `maxPoints` per series for charts, extremes kept, many runs at once. */
export const GetDownsampledHistory = defineRpc({
  name: 'GetDownsampledHistory',
  service: 'tracking',
  method: 'metrics.downsampled',
  request: z.object({
    runIds: z.array(runIdSchema).min(1).max(1000),
    keys: z.array(trackingKeySchema).min(1).max(100),
    maxPoints: z.number().int().min(2).max(10_000).default(1000),
  }),
  response: z.object({
    series: z.array(
      z.object({ runId: runIdSchema, key: trackingKeySchema, points: z.array(seriesPointSchema) }),
    ),
  }),
  description: 'Downsampled histories of many series (min/max buckets keep the extremes).',
});
