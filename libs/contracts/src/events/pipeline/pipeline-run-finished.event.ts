import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { durationMsSchema, pipelineNameSchema, pipelineRunIdSchema } from '../shared';
import { failureSchema } from './pipeline-fields';

/** How a pipeline run ended. */
export const pipelineRunStatusSchema = z.enum(['succeeded', 'failed', 'cancelled']);
export type PipelineRunStatus = z.infer<typeof pipelineRunStatusSchema>;

/** A pipeline run ended. */
export const pipelineRunFinishedSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  pipeline: pipelineNameSchema,
  status: pipelineRunStatusSchema,
  /** From queued to finished. */
  durationMs: durationMsSchema,
  /** Set when `status` is `failed`. */
  failure: failureSchema.nullable(),
});
export type PipelineRunFinishedData = z.infer<typeof pipelineRunFinishedSchema>;

export const PipelineRunFinished = defineEvent({
  name: 'PipelineRunFinished',
  type: 'dev.slipway.pipeline.run.finished.v1',
  subject: 'evt.pipeline.run.finished',
  stream: 'events',
  schema: pipelineRunFinishedSchema,
  description: 'A pipeline run ended: succeeded, failed or cancelled.',
});
