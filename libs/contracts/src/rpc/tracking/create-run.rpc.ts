import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { gitCommitSchema } from '../../events/shared/git-commit';
import { experimentIdSchema, runIdSchema } from '../../events/shared/ids';
import { tagListSchema } from '../../events/shared/key-value';
import { epochMillisSchema } from '../../events/shared/timestamps';
import { runViewSchema } from './tracking-views';

/**
 * `slipway.rpc.tracking.run.create` (MLflow create-run): a RUNNING run of an active experiment
 * (default experiment `0`, Default). MLflow's system tags stand in for fields not given:
 * `mlflow.runName`, `mlflow.user`, `mlflow.source.name`, `mlflow.source.git.commit` and
 * `mlflow.parentRunId` (nested runs, as MLflow clients send it). A run given no name gets a
 * random one (`swift-otter-417`), as in MLflow. Replies after the run is stored
 * and `RunCreated` is published. With `runId` the call is idempotent: a retry with the same start
 * gets the same run, another start under that id is `TRACKING.RUN_ALREADY_EXISTS`. A missing
 * experiment is `TRACKING.EXPERIMENT_NOT_FOUND`, a deleted one `TRACKING.EXPERIMENT_INVALID_STATE`.
 */
export const CreateRun = defineRpc({
  name: 'CreateRun',
  service: 'tracking',
  method: 'run.create',
  request: z.object({
    /** Chosen by the caller so a retried create is recognised; default 32 random hex digits. */
    runId: runIdSchema.optional(),
    experimentId: experimentIdSchema.default('0'),
    runName: z.string().min(1).max(250).optional(),
    /** Default now. */
    startTime: epochMillisSchema.optional(),
    userId: z.string().min(1).max(256).optional(),
    sourceName: z.string().max(1024).optional(),
    gitCommit: gitCommitSchema.optional(),
    /** Same as the tag `mlflow.parentRunId`; the field wins when both are given. */
    parentRunId: runIdSchema.optional(),
    tags: tagListSchema.default([]),
  }),
  response: runViewSchema,
  description: 'Create a run (nested under mlflow.parentRunId when tagged); replies with the stored run.',
});
