import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { pipelineNameSchema, pipelineRunIdSchema } from '../shared';

/** The first task of a pipeline run was dispatched. */
export const pipelineRunStartedSchema = z.object({
  pipelineRunId: pipelineRunIdSchema,
  pipeline: pipelineNameSchema,
});
export type PipelineRunStartedData = z.infer<typeof pipelineRunStartedSchema>;

export const PipelineRunStarted = defineEvent({
  name: 'PipelineRunStarted',
  type: 'dev.slipway.pipeline.run.started.v1',
  subject: 'evt.pipeline.run.started',
  stream: 'events',
  schema: pipelineRunStartedSchema,
  description: 'A pipeline run started.',
});
