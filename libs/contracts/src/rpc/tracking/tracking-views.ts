import { z } from 'zod';
import { experimentIdSchema, runIdSchema } from '../../events/shared/ids';
import { paramSchema, tagSchema, trackingKeySchema } from '../../events/shared/key-value';
import { metricValueSchema } from '../../events/shared/metric-value';
import { runStatusSchema } from '../../events/tracking/run-status';

/** A run's own attributes as the tracking RPCs return them (MLflow's `RunInfo`). */
export const runInfoViewSchema = z.object({
  runId: runIdSchema,
  experimentId: experimentIdSchema,
  runName: z.string().nullable(),
  status: runStatusSchema,
  /** ms since the epoch */
  startTime: z.number().int(),
  endTime: z.number().int().nullable(),
  userId: z.string().nullable(),
  sourceName: z.string().nullable(),
  gitCommit: z.string().nullable(),
  parentRunId: runIdSchema.nullable(),
  lifecycleStage: z.enum(['active', 'deleted']),
  artifactUri: z.string(),
});
export type RunInfoView = z.infer<typeof runInfoViewSchema>;

/**
 * The summary of one metric of one run, read from ClickHouse aggregates: the latest point
 * (highest step, then latest timestamp), min, max and count. NaN and ±Infinity are kept:
 * on the wire they are `'NaN'`, `'Infinity'`, `'-Infinity'`.
 */
export const metricSummarySchema = z.object({
  key: trackingKeySchema,
  latest: metricValueSchema,
  step: z.number().int(),
  timestamp: z.number().int(),
  min: metricValueSchema,
  max: metricValueSchema,
  count: z.number().int().min(0),
});
export type MetricSummary = z.infer<typeof metricSummarySchema>;

/** MLflow's limits on datasets and their input tags (`mlflow/utils/validation.py`). */
export const DATASET_LIMITS = {
  nameMaxLength: 500,
  digestMaxLength: 36,
  sourceTypeMaxLength: 36,
  sourceMaxLength: 65_535,
  schemaMaxLength: 1_048_575,
  profileMaxLength: 16_777_215,
  inputTagKeyMaxLength: 255,
  inputTagValueMaxLength: 500,
  /** Most datasets in one `LogRunInputs`. */
  inputsPerRequest: 100,
} as const;

/**
 * A dataset a run used (MLflow's `Dataset`): identified within an experiment by name and digest;
 * `source` (where it came from), `schema` and `profile` are JSON texts as the client wrote them.
 */
export const datasetSchema = z.object({
  name: z.string().min(1).max(DATASET_LIMITS.nameMaxLength),
  digest: z.string().min(1).max(DATASET_LIMITS.digestMaxLength),
  sourceType: z.string().min(1).max(DATASET_LIMITS.sourceTypeMaxLength),
  source: z.string().min(1).max(DATASET_LIMITS.sourceMaxLength),
  schema: z.string().max(DATASET_LIMITS.schemaMaxLength).optional(),
  profile: z.string().max(DATASET_LIMITS.profileMaxLength).optional(),
});
export type Dataset = z.infer<typeof datasetSchema>;

/** A dataset as an input of a run, with the input's tags (`mlflow.data.context`: `training`…). */
export const datasetInputSchema = z.object({
  dataset: datasetSchema,
  tags: z
    .array(
      z.object({
        key: z.string().min(1).max(DATASET_LIMITS.inputTagKeyMaxLength),
        value: z.string().max(DATASET_LIMITS.inputTagValueMaxLength),
      }),
    )
    .max(100),
});
export type DatasetInput = z.infer<typeof datasetInputSchema>;

/** A run with its params, tags and metric summaries (and, from `GetRun`, its dataset inputs). */
export const runViewSchema = z.object({
  info: runInfoViewSchema,
  params: z.array(paramSchema),
  tags: z.array(tagSchema),
  metrics: z.array(metricSummarySchema),
  inputs: z.array(datasetInputSchema).optional(),
});
export type RunView = z.infer<typeof runViewSchema>;

/** An experiment: a named group of runs. */
export const experimentViewSchema = z.object({
  experimentId: experimentIdSchema,
  name: z.string(),
  artifactLocation: z.string(),
  lifecycleStage: z.enum(['active', 'deleted']),
  creationTime: z.number().int(),
  lastUpdateTime: z.number().int(),
  tags: z.array(tagSchema),
});
export type ExperimentView = z.infer<typeof experimentViewSchema>;

/** One point of a metric series. */
export const seriesPointSchema = z.object({
  step: z.number().int(),
  timestamp: z.number().int(),
  value: metricValueSchema,
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

/** An opaque pagination cursor handed back as it was received. */
export const pageTokenSchema = z.string().min(1).max(4096);
