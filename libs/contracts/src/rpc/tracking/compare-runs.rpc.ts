import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { experimentIdSchema, runIdSchema } from '../../events/shared/ids';
import { trackingKeySchema } from '../../events/shared/key-value';
import { metricSummarySchema, runInfoViewSchema } from './tracking-views';

/** One row of a comparison: a run, its params and tags by key, its metric summaries by key. */
export const comparisonRowSchema = z.object({
  info: runInfoViewSchema,
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), metricSummarySchema),
});
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;

/** What a comparison asks for: which runs (exactly one of the three ways), which metrics, the order. */
export const compareRunsRequestFields = {
  runIds: z.array(runIdSchema).min(1).max(5000).optional(),
  experimentId: experimentIdSchema.optional(),
  parentRunId: runIdSchema.optional(),
  /** Metrics to include; default: every metric the runs have. */
  metricKeys: z.array(trackingKeySchema).max(200).optional(),
  /** Sort rows by this metric's latest value (NaN and missing last). */
  sortBy: z
    .object({ metric: trackingKeySchema, direction: z.enum(['ASC', 'DESC']).default('DESC') })
    .optional(),
  /** Keep only the params, tags and metrics whose values differ between runs. */
  onlyDifferences: z.boolean().default(false),
};

/** Exactly one of runIds, experimentId or parentRunId. */
export const oneRunSelection = {
  check: (r: { runIds?: unknown; experimentId?: unknown; parentRunId?: unknown }) =>
    [r.runIds, r.experimentId, r.parentRunId].filter((x) => x !== undefined).length === 1,
  message: 'give exactly one of runIds, experimentId or parentRunId',
};

/**
 * `slipway.rpc.tracking.runs.compare`: the params, tags and metric summaries of chosen runs
 * (or of every run of an experiment, or the children of a parent run) in one table, the
 * slide's table of classifiers sorted by f1.
 */
export const CompareRuns = defineRpc({
  name: 'CompareRuns',
  service: 'tracking',
  method: 'runs.compare',
  request: z
    .object(compareRunsRequestFields)
    .refine(oneRunSelection.check, { message: oneRunSelection.message }),
  response: z.object({
    columns: z.object({
      params: z.array(z.string()),
      tags: z.array(z.string()),
      metrics: z.array(z.string()),
    }),
    rows: z.array(comparisonRowSchema),
  }),
  description: 'Compare runs: params, tags and latest/min/max of metrics side by side.',
});
