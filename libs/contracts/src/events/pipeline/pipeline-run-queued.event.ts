import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { jsonObjectSchema, pipelineNameSchema, pipelineRunIdSchema } from '../shared';
import { pipelineTriggerSchema } from './pipeline-fields';

/** A pipeline run was created and waits for its first task. */
export const pipelineRunQueuedSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  pipeline: pipelineNameSchema,
  trigger: pipelineTriggerSchema,
  /** The run's parameters after defaults were applied. */
  params: jsonObjectSchema,
});
export type PipelineRunQueuedData = z.infer<typeof pipelineRunQueuedSchema>;

export const PipelineRunQueued = defineEvent({
  name: 'PipelineRunQueued',
  type: 'dev.slipway.pipeline.run.queued.v1',
  subject: 'evt.pipeline.run.queued',
  stream: 'events',
  schema: pipelineRunQueuedSchema,
  description: 'A pipeline run was queued.',
});
