import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { durationMsSchema, pipelineRunIdSchema, taskIdSchema } from '../shared';
import { attemptSchema, failureSchema, taskNameSchema } from './pipeline-fields';

/** A task attempt failed. */
export const taskFailedSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  taskId: taskIdSchema,
  taskName: taskNameSchema,
  attempt: attemptSchema,
  durationMs: durationMsSchema,
  failure: failureSchema,
  /** Whether another attempt will be dispatched. */
  willRetry: z.boolean(),
});
export type TaskFailedData = z.infer<typeof taskFailedSchema>;

export const TaskFailed = defineEvent({
  name: 'TaskFailed',
  type: 'dev.slipway.pipeline.task.failed.v1',
  subject: 'evt.pipeline.task.failed',
  stream: 'events',
  schema: taskFailedSchema,
  description: 'A pipeline task attempt failed.',
});
