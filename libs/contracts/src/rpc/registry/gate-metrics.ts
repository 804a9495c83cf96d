import { z } from 'zod';
import { metricValueSchema } from '../../events/shared/metric-value';

const metrics = z.record(z.string().min(1).max(250), metricValueSchema);

/**
 * Metrics the promotion gates compare, passed by the caller for now; each absent set defaults to
 * what the registry holds (the version's snapshot, the current holder's snapshot). Fetching them
 * from tracking over RPC is the next step.
 */
export const gateMetricsSchema = z.object({
  candidate: metrics.optional(),
  holder: metrics.optional(),
  baseline: metrics.optional(),
});
export type GateMetrics = z.infer<typeof gateMetricsSchema>;
