import { z } from 'zod';
import { gitCommitSchema } from '../shared/git-commit';
import { defineEvent } from '../../core/event-definition';
import {
  epochMillisSchema,
  experimentIdSchema,
  experimentNameSchema,
  runIdSchema,
  tagListSchema,
} from '../shared';

/** A client started a run. The run id is chosen by the client, so retries are idempotent. */
export const runStartedSchema = z
  .object({
    runId: runIdSchema,
    /** The experiment by id; give this or `experimentName`. */
    experimentId: experimentIdSchema.optional(),
    /** The experiment by name, created if it does not exist; give this or `experimentId`. */
    experimentName: experimentNameSchema.optional(),
    runName: z.string().min(1).max(250).optional().describe('Display name of the run'),
    /** Who ran it (MLflow `user_id`). */
    user: z.string().min(1).max(256).optional().describe('Who ran it'),
    /** Where the code came from: script path, notebook, job name. */
    source: z.string().max(1024).optional().describe('Script path, notebook or job that ran'),
    gitCommit: gitCommitSchema.optional(),
    /** Set for nested runs (a sweep's trials, a pipeline's steps). */
    parentRunId: runIdSchema.optional().describe('Parent run for nested runs'),
    tags: tagListSchema.optional(),
    startTime: epochMillisSchema.describe('Start time, ms since epoch'),
  })
  .refine((run) => run.experimentId !== undefined || run.experimentName !== undefined, {
    message: 'give experimentId or experimentName',
    path: ['experimentId'],
  })
  .meta({ anyOf: [{ required: ['experimentId'] }, { required: ['experimentName'] }] });
export type RunStartedData = z.infer<typeof runStartedSchema>;

export const RunStarted = defineEvent({
  name: 'RunStarted',
  type: 'dev.slipway.tracking.run.started.v1',
  subject: 'ingest.runs.{runId}.started',
  stream: 'ingest',
  schema: runStartedSchema,
  description: 'A client started a tracking run (published by clients, consumed by tracking).',
});
