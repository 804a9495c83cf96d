import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  epochMillisSchema,
  metricValueSchema,
  runIdSchema,
  trackingKeySchema,
  TRACKING_LIMITS,
} from '../shared';
import { acceptMetricsLogged, withFastAccept } from './metrics-logged.fast-path';

/** One point of one metric. */
export const metricPointSchema = z.object({
  key: trackingKeySchema,
  /** A number; NaN and ±Infinity travel as `'NaN'`, `'Infinity'`, `'-Infinity'`. */
  value: metricValueSchema,
  timestamp: epochMillisSchema.describe('When it was measured, ms since epoch'),
  /** Training step (MLflow uses 0 when there is none). */
  step: z.int().describe('Training step, 0 when there is none'),
});
export type MetricPoint = z.infer<typeof metricPointSchema>;

/**
 * A client logged 1 to 1000 metric points of a run. Valid events are accepted by a hand-written
 * check before zod ({@link acceptMetricsLogged}: same acceptance, a fraction of the CPU).
 */
export const metricsLoggedSchema = withFastAccept(
  z.object({
    runId: runIdSchema,
    metrics: z
      .array(metricPointSchema)
      .min(1)
      .max(TRACKING_LIMITS.metricsPerEvent)
      .describe('1 to 1000 points'),
  }),
  acceptMetricsLogged,
);
export type MetricsLoggedData = z.infer<typeof metricsLoggedSchema>;

export const MetricsLogged = defineEvent({
  name: 'MetricsLogged',
  type: 'dev.slipway.tracking.run.metrics.logged.v1',
  subject: 'ingest.runs.{runId}.metrics',
  stream: 'ingest',
  schema: metricsLoggedSchema,
  description: 'A client logged metric points of a run (1 to 1000 per event).',
});
