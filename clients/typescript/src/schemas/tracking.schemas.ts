import { z } from 'zod';
import { metricValue } from './metric-value';

const keyValue = z.object({ key: z.string(), value: z.string() });

/** The statuses of a run (MLflow's `RunStatus`). */
export const runStatusSchema = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
/** The status of a run. */
export type RunStatus = z.infer<typeof runStatusSchema>;

/** A run's own attributes (MLflow's `RunInfo`); times in ms since the epoch. */
export const runInfoSchema = z.looseObject({
  runId: z.string(),
  experimentId: z.string(),
  runName: z.string().nullable(),
  status: runStatusSchema,
  startTime: z.number(),
  endTime: z.number().nullable(),
  userId: z.string().nullable(),
  sourceName: z.string().nullable().optional(),
  gitCommit: z.string().nullable().optional(),
  parentRunId: z.string().nullable(),
  lifecycleStage: z.enum(['active', 'deleted']),
  artifactUri: z.string(),
});
/** A run's own attributes. */
export type RunInfo = z.infer<typeof runInfoSchema>;

/** Latest (highest step), min, max and count of one metric of one run. */
export const metricSummarySchema = z.looseObject({
  key: z.string(),
  latest: metricValue,
  step: z.number(),
  timestamp: z.number(),
  min: metricValue,
  max: metricValue,
  count: z.number(),
});
/** The summary of one metric of one run. */
export type MetricSummary = z.infer<typeof metricSummarySchema>;

/**
 * A dataset a run used, with the input's tags (`mlflow.data.context`: `training`…): stored once
 * per experiment by name and digest; `source`, `schema` and `profile` are JSON texts.
 */
export const datasetInputSchema = z.object({
  dataset: z.object({
    name: z.string(),
    digest: z.string(),
    sourceType: z.string(),
    source: z.string(),
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
  tags: z.array(keyValue),
});
/** A dataset a run used. */
export type DatasetInput = z.infer<typeof datasetInputSchema>;

/** A run with its params, tags and metric summaries (and, read one by one, its dataset inputs). */
export const runSchema = z.looseObject({
  info: runInfoSchema,
  params: z.array(keyValue),
  tags: z.array(keyValue),
  metrics: z.array(metricSummarySchema),
  inputs: z.array(datasetInputSchema).optional(),
});
/** A run with its params, tags and metric summaries. */
export type Run = z.infer<typeof runSchema>;

/** An experiment: a named group of runs. */
export const experimentSchema = z.looseObject({
  experimentId: z.string(),
  name: z.string(),
  artifactLocation: z.string(),
  lifecycleStage: z.enum(['active', 'deleted']),
  creationTime: z.number(),
  lastUpdateTime: z.number(),
  tags: z.array(keyValue),
});
/** An experiment. */
export type Experiment = z.infer<typeof experimentSchema>;

/** A page of experiments. */
export const experimentPageSchema = z.object({
  experiments: z.array(experimentSchema),
  nextPageToken: z.string().optional(),
});

/** A page of runs found by a search. */
export const runPageSchema = z.object({ runs: z.array(runSchema), nextPageToken: z.string().optional() });
/** A page of runs. */
export type RunPage = z.infer<typeof runPageSchema>;

/** One row of a comparison: a run's info, and its params, tags and metric summaries by key. */
export const comparisonRowSchema = z.looseObject({
  info: runInfoSchema,
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), metricSummarySchema),
});
/** One row of a comparison. */
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;

/** Runs side by side: the columns present and one row per run, in the order asked for. */
export const comparisonSchema = z.object({
  columns: z.object({ params: z.array(z.string()), tags: z.array(z.string()), metrics: z.array(z.string()) }),
  rows: z.array(comparisonRowSchema),
});
/** Runs side by side. */
export type Comparison = z.infer<typeof comparisonSchema>;

/** One point of a metric series. */
export const seriesPointSchema = z.object({ step: z.number(), timestamp: z.number(), value: metricValue });
/** One point of a metric series. */
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

/** A page of a metric's history. */
export const historyPageSchema = z.object({
  points: z.array(seriesPointSchema),
  nextPageToken: z.string().optional(),
});
/** A page of a metric's history. */
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** Downsampled series of several runs and keys. */
export const downsampledSchema = z.object({
  series: z.array(z.object({ runId: z.string(), key: z.string(), points: z.array(seriesPointSchema) })),
});
/** Downsampled series. */
export type Downsampled = z.infer<typeof downsampledSchema>;

/** What one log-batch call stored: `metricsStored` is 0 when its `batchId` was stored before. */
export const logBatchResultSchema = z.looseObject({
  runId: z.string(),
  batchId: z.string(),
  metricsStored: z.number(),
  paramsStored: z.number(),
  tagsSet: z.number(),
});
/** What one log-batch call stored. */
export type LogBatchResult = z.infer<typeof logBatchResultSchema>;
