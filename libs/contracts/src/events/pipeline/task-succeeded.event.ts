import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { durationMsSchema, jsonObjectSchema, pipelineRunIdSchema, taskIdSchema } from '../shared';
import { attemptSchema, taskNameSchema } from './pipeline-fields';

/** A task finished well. */
export const taskSucceededSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  taskId: taskIdSchema,
  taskName: taskNameSchema,
  attempt: attemptSchema,
  durationMs: durationMsSchema,
  /** What the task returned; later tasks read it as their inputs. Large bytes go by URI. */
  outputs: jsonObjectSchema,
});
export type TaskSucceededData = z.infer<typeof taskSucceededSchema>;

export const TaskSucceeded = defineEvent({
  name: 'TaskSucceeded',
  type: 'dev.slipway.pipeline.task.succeeded.v1',
  subject: 'evt.pipeline.task.succeeded',
  stream: 'events',
  schema: taskSucceededSchema,
  description: 'A pipeline task succeeded, with its outputs.',
});
