import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import {
  jsonObjectSchema,
  pipelineNameSchema,
  pipelineRunIdSchema,
  taskIdSchema,
  taskTypeSchema,
} from '../shared';
import { attemptSchema, taskNameSchema } from './pipeline-fields';

/** Work for a pipeline worker: run one task attempt. Workers of `taskType` share the queue. */
export const runPipelineTaskSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  pipeline: pipelineNameSchema,
  taskId: taskIdSchema,
  taskName: taskNameSchema,
  /** Also the last subject token: a worker subscribes to the types it can run. */
  taskType: taskTypeSchema,
  attempt: attemptSchema,
  /** The task's parameters and its upstream tasks' outputs. */
  inputs: jsonObjectSchema,
  /** Stop the attempt after this many seconds. */
  timeoutSeconds: z
    .int()
    .min(1)
    .max(7 * 24 * 3600),
});
export type RunPipelineTaskData = z.infer<typeof runPipelineTaskSchema>;

export const RunPipelineTask = defineEvent({
  name: 'RunPipelineTask',
  type: 'dev.slipway.pipeline.task.run.v1',
  subject: 'task.pipeline.{taskType}',
  stream: 'tasks',
  schema: runPipelineTaskSchema,
  description: 'Command to a pipeline worker: run one attempt of one task (work queue).',
});
