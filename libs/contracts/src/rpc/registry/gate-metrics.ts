import { z } from 'zod';
import { metricValueSchema } from '../../events/shared/metric-value';

const metrics = z.record(z.string().min(1).max(250), metricValueSchema);

/**
 * Metrics the promotion gates compare, to override what the registry fetches from tracking
 * (`run.get` of the candidate's, the holder's and the baseline's runs) — for offline use and tests.
 * A version without a run id falls back to its metrics snapshot.
 */
export const gateMetricsSchema = z.object({
  candidate: metrics.optional(),
  holder: metrics.optional(),
  baseline: metrics.optional(),
});
export type GateMetrics = z.infer<typeof gateMetricsSchema>;
