import type { Tag } from '@slipway/contracts';
import { z } from 'zod';
import { lifecycleStageSchema, type LifecycleStage } from '../persistence/lifecycle';
import { millisColumn, nullableMillisColumn } from '../persistence/rows';

/** An experiment: a named group of runs (MLflow's `Experiment`). */
export interface Experiment {
  /** Decimal string from a sequence ('0' is the Default experiment). */
  experimentId: string;
  /** Unique among active experiments. */
  name: string;
  /** Root URI of the artifacts of its runs. */
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  /** ms since the epoch. */
  creationTime: number;
  /** ms since the epoch: creation, rename, tag change, delete or restore. */
  lastUpdateTime: number;
  /** When it was soft-deleted; `null` while active. */
  deletedTime: number | null;
  tags: Tag[];
}

/** The columns of `experiments`, in the order the repositories select them. */
export const EXPERIMENT_COLUMNS =
  'experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, deleted_time';

/** A row of `experiments`, as read back. */
export const experimentRowSchema = z
  .object({
    experiment_id: z.string(),
    name: z.string(),
    artifact_location: z.string(),
    lifecycle_stage: lifecycleStageSchema,
    creation_time: millisColumn,
    last_update_time: millisColumn,
    deleted_time: nullableMillisColumn,
  })
  .transform((row): Omit<Experiment, 'tags'> => ({
    experimentId: row.experiment_id,
    name: row.name,
    artifactLocation: row.artifact_location,
    lifecycleStage: row.lifecycle_stage,
    creationTime: row.creation_time,
    lastUpdateTime: row.last_update_time,
    deletedTime: row.deleted_time,
  }));

/** A row of `experiment_tags`, as read back. */
export const experimentTagRowSchema = z.object({
  experiment_id: z.string(),
  key: z.string(),
  value: z.string(),
});
