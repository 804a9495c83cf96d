import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { TRACKING_LIMITS } from '../shared';
import { metricsLoggedSchema } from './metrics-logged.event';

const { pointsPerMetricsBatch } = TRACKING_LIMITS;

/**
 * Metric points of several runs in one event: what the gateway publishes when it coalesces
 * concurrent single-point requests for many runs (a sweep's trials, many small clients), so
 * JetStream and tracking handle one message per batch instead of one per request. Each entry is
 * a `MetricsLogged` payload (same rules, same fast validation).
 */
export const metricsBatchLoggedSchema = z
  .object({
    runs: z
      .array(metricsLoggedSchema)
      .min(1)
      .max(pointsPerMetricsBatch)
      .describe(
        `Runs with 1 to ${TRACKING_LIMITS.metricsPerEvent} points each, ${pointsPerMetricsBatch} points in all`,
      ),
  })
  .superRefine((data, ctx) => {
    let points = 0;
    for (const run of data.runs) points += run.metrics.length;
    if (points > pointsPerMetricsBatch)
      ctx.addIssue({
        code: 'custom',
        path: ['runs'],
        message: `at most ${pointsPerMetricsBatch} points per batch, all runs together (got ${points})`,
      });
  });
export type MetricsBatchLoggedData = z.infer<typeof metricsBatchLoggedSchema>;

export const MetricsBatchLogged = defineEvent({
  name: 'MetricsBatchLogged',
  type: 'dev.slipway.tracking.metrics.batch.logged.v1',
  subject: 'ingest.metrics.batch',
  stream: 'ingest',
  schema: metricsBatchLoggedSchema,
  description: `Metric points of one or more runs (at most ${pointsPerMetricsBatch} points in all): the gateway's coalesced writes.`,
});
