import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { metricValueWireSchema } from '../../events/shared/metric-value';
import { runStatusSchema } from '../../events/tracking/run-status';
import { isCompareRunsColumnsReply } from './compare-runs-columns.guard';
import { compareRunsRequestFields, oneRunSelection } from './compare-runs.rpc';

/** The numbers of a metric summary a column comparison can carry, one array each. */
export const METRIC_COLUMN_AGGREGATES = ['latest', 'step', 'timestamp', 'min', 'max', 'count'] as const;
export type MetricColumnAggregate = (typeof METRIC_COLUMN_AGGREGATES)[number];

/** A metric value as it travels: a number, `'NaN'`, `'Infinity'`, `'-Infinity'`; `null` where the run has no such metric. */
const valueColumn = z.array(metricValueWireSchema.nullable());
const integerColumn = z.array(z.number().int().nullable());
const stringColumn = z.array(z.string().nullable());

/** One metric across the runs: an array per aggregate asked for, a cell per run (in `runs.runId` order). */
export const metricColumnSchema = z.object({
  key: z.string(),
  /** Value of the latest point (highest step, then latest timestamp). */
  latest: valueColumn.optional(),
  /** Step of the latest point. */
  step: integerColumn.optional(),
  /** Timestamp of the latest point, ms since the epoch. */
  timestamp: integerColumn.optional(),
  /** Smallest value, NaN skipped (NaN only when every value is). */
  min: valueColumn.optional(),
  /** Largest value, NaN skipped (NaN only when every value is). */
  max: valueColumn.optional(),
  /** Number of points. */
  count: integerColumn.optional(),
});
export type MetricColumn = z.infer<typeof metricColumnSchema>;

/** A param or tag across the runs: its value per run, `null` where the run has none. */
export const keyColumnSchema = z.object({ key: z.string(), values: stringColumn });
export type KeyColumn = z.infer<typeof keyColumnSchema>;

/** The runs' own attributes, one array per attribute, a cell per run (the row order of the table). */
export const runColumnsSchema = z.object({
  runId: z.array(z.string()),
  experimentId: z.array(z.string()),
  runName: stringColumn,
  status: z.array(runStatusSchema),
  /** ms since the epoch */
  startTime: z.array(z.number().int()),
  endTime: integerColumn,
  userId: stringColumn,
  sourceName: stringColumn,
  gitCommit: stringColumn,
  parentRunId: stringColumn,
  lifecycleStage: z.array(z.enum(['active', 'deleted'])),
  artifactUri: z.array(z.string()),
});
export type RunColumns = z.infer<typeof runColumnsSchema>;

/**
 * `slipway.rpc.tracking.runs.compareColumns`: the comparison of {@link CompareRuns} in a compact
 * column layout: one array per run attribute, param, tag and metric aggregate, a cell per run,
 * in the row order (`runs.runId`). No key is repeated per row, and only the aggregates asked
 * for travel (default the latest value), so 1,000 runs × 20 metrics fit in one NATS message
 * (about 0.6 MiB instead of 3.5 MiB). Values stay in their wire form (`'NaN'`, `'Infinity'`).
 */
export const CompareRunsColumns = defineRpc({
  name: 'CompareRunsColumns',
  service: 'tracking',
  method: 'runs.compareColumns',
  request: z
    .object({
      ...compareRunsRequestFields,
      /** Which numbers of each metric to return; default only the latest value. */
      aggregates: z.array(z.enum(METRIC_COLUMN_AGGREGATES)).min(1).max(6).default(['latest']),
    })
    .refine(oneRunSelection.check, { message: oneRunSelection.message }),
  response: z.object({
    runs: runColumnsSchema,
    params: z.array(keyColumnSchema),
    tags: z.array(keyColumnSchema),
    metrics: z.array(metricColumnSchema),
  }),
  description: 'Compare runs in a column layout: an array per attribute, param, tag and metric aggregate.',
  responseGuard: isCompareRunsColumnsReply,
});
