import { runStatusSchema, type Param, type RunStatus, type Tag } from '@slipway/contracts';
import { z } from 'zod';
import { lifecycleStageSchema, type LifecycleStage } from '../persistence/lifecycle';
import { millisColumn, nullableMillisColumn } from '../persistence/rows';

/** A tracking run's own attributes (MLflow's `RunInfo`). */
export interface Run {
  /** Chosen by the client (any safe token) or 32 hex digits made by the server. */
  runId: string;
  experimentId: string;
  runName: string | null;
  status: RunStatus;
  /** ms since the epoch. */
  startTime: number;
  /** ms since the epoch; `null` until it ends. */
  endTime: number | null;
  /** Who ran it (MLflow `user_id`, tag `mlflow.user`). */
  userId: string | null;
  /** Script, notebook or job that ran (tag `mlflow.source.name`). */
  sourceName: string | null;
  /** Commit of the code (tag `mlflow.source.git.commit`). */
  gitCommit: string | null;
  /** The parent of a nested run (tag `mlflow.parentRunId`); the parent may not be stored yet. */
  parentRunId: string | null;
  lifecycleStage: LifecycleStage;
  /** When it was soft-deleted; `null` while active. */
  deletedTime: number | null;
  /** `<experiment artifact location>/<runId>/artifacts`. */
  artifactUri: string;
}

/** A run with its params and tags (MLflow's `Run`; metrics come from the metrics store). */
export interface RunDetails {
  info: Run;
  data: { params: Param[]; tags: Tag[] };
}

/** Columns of `runs` in the order they are selected; prefix each with an alias via {@link runColumns}. */
export const RUN_COLUMN_NAMES = [
  'run_id',
  'experiment_id',
  'run_name',
  'status',
  'start_time',
  'end_time',
  'user_id',
  'source_name',
  'source_git_commit',
  'parent_run_id',
  'lifecycle_stage',
  'deleted_time',
  'artifact_uri',
] as const;

/** `r.run_id, r.experiment_id, …` for a SELECT list. */
export function runColumns(alias?: string): string {
  return RUN_COLUMN_NAMES.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
}

const nullableText = z.string().nullable();

/** A row of `runs`, as read back. */
export const runRowSchema = z
  .object({
    run_id: z.string(),
    experiment_id: z.string(),
    run_name: nullableText,
    status: runStatusSchema,
    start_time: millisColumn,
    end_time: nullableMillisColumn,
    user_id: nullableText,
    source_name: nullableText,
    source_git_commit: nullableText,
    parent_run_id: nullableText,
    lifecycle_stage: lifecycleStageSchema,
    deleted_time: nullableMillisColumn,
    artifact_uri: z.string(),
  })
  .transform((row): Run => ({
    runId: row.run_id,
    experimentId: row.experiment_id,
    runName: row.run_name,
    status: row.status,
    startTime: row.start_time,
    endTime: row.end_time,
    userId: row.user_id,
    sourceName: row.source_name,
    gitCommit: row.source_git_commit,
    parentRunId: row.parent_run_id,
    lifecycleStage: row.lifecycle_stage,
    deletedTime: row.deleted_time,
    artifactUri: row.artifact_uri,
  }));

/** A row of `params` or `run_tags`, as read back. */
export const keyValueRowSchema = z.object({ run_id: z.string(), key: z.string(), value: z.string() });
