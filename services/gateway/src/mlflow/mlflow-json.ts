import { z } from 'zod';

/**
 * MLflow's JSON shapes (`service.proto`, `model_registry.proto`, snake_case as protobuf's JSON
 * mapping with preserved field names writes them): int64 as numbers, unset fields left out, NaN and
 * ±Infinity as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
 */

/** A double as protobuf's JSON writes it. */
export const doubleJson = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);

export const keyValueJson = z.object({ key: z.string(), value: z.string() });

export const experimentJson = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string(),
  lifecycle_stage: z.enum(['active', 'deleted']),
  last_update_time: z.number(),
  creation_time: z.number(),
  tags: z.array(keyValueJson),
});
export type ExperimentJson = z.infer<typeof experimentJson>;

export const runInfoJson = z.object({
  run_id: z.string(),
  run_uuid: z.string(),
  run_name: z.string().optional(),
  experiment_id: z.string(),
  user_id: z.string().optional(),
  status: z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']),
  start_time: z.number(),
  end_time: z.number().optional(),
  artifact_uri: z.string(),
  lifecycle_stage: z.enum(['active', 'deleted']),
});
export type RunInfoJson = z.infer<typeof runInfoJson>;

export const metricJson = z.object({
  key: z.string(),
  value: doubleJson,
  timestamp: z.number(),
  step: z.number(),
});
export type MetricJson = z.infer<typeof metricJson>;

/** MLflow's `DatasetInput`: a dataset a run used, with the input's tags. */
export const datasetInputJson = z.object({
  tags: z.array(keyValueJson),
  dataset: z.object({
    name: z.string(),
    digest: z.string(),
    source_type: z.string(),
    source: z.string(),
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
});
export type DatasetInputJson = z.infer<typeof datasetInputJson>;

export const runJson = z.object({
  info: runInfoJson,
  data: z.object({
    metrics: z.array(metricJson),
    params: z.array(keyValueJson),
    tags: z.array(keyValueJson),
  }),
  /** As MLflow's server answers: `{}` for a run without inputs (proto3 JSON omits empty lists). */
  inputs: z.object({ dataset_inputs: z.array(datasetInputJson).optional() }),
});
export type RunJson = z.infer<typeof runJson>;

export const modelVersionJson = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  user_id: z.string().optional(),
  current_stage: z.enum(['None', 'Staging', 'Production', 'Archived']),
  description: z.string().optional(),
  source: z.string(),
  run_id: z.string().optional(),
  status: z.literal('READY'),
  tags: z.array(keyValueJson),
  aliases: z.array(z.string()),
});
export type ModelVersionJson = z.infer<typeof modelVersionJson>;

export const registeredModelJson = z.object({
  name: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  description: z.string().optional(),
  latest_versions: z.array(modelVersionJson),
  tags: z.array(keyValueJson),
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })),
});
export type RegisteredModelJson = z.infer<typeof registeredModelJson>;

/** The empty reply of MLflow's write endpoints. */
export const emptyJson = z.object({});

/** MLflow's `FileInfo` (service.proto): a folder has no `file_size`. */
export const fileInfoJson = z.object({
  path: z.string(),
  is_dir: z.boolean(),
  file_size: z.number().optional(),
});
export type FileInfoJson = z.infer<typeof fileInfoJson>;
