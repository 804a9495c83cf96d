import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { pipelineNameSchema, pipelineRunIdSchema, taskIdSchema, taskTypeSchema } from '../shared';
import { attemptSchema, taskNameSchema } from './pipeline-fields';

/** A worker picked up a task. */
export const taskStartedSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  pipeline: pipelineNameSchema,
  taskId: taskIdSchema,
  taskName: taskNameSchema,
  taskType: taskTypeSchema,
  attempt: attemptSchema,
  /** The worker instance running it. */
  worker: z.string().min(1).max(256),
});
export type TaskStartedData = z.infer<typeof taskStartedSchema>;

export const TaskStarted = defineEvent({
  name: 'TaskStarted',
  type: 'dev.slipway.pipeline.task.started.v1',
  subject: 'evt.pipeline.task.started',
  stream: 'events',
  schema: taskStartedSchema,
  description: 'A worker started a pipeline task.',
});
