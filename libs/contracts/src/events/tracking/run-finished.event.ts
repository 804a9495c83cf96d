import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { epochMillisSchema, runIdSchema } from '../shared';
import { terminalRunStatusSchema } from './run-status';

/** A client ended a run. */
export const runFinishedSchema = z.object({
  runId: runIdSchema,
  status: terminalRunStatusSchema,
  endTime: epochMillisSchema.describe('End time, ms since epoch'),
});
export type RunFinishedData = z.infer<typeof runFinishedSchema>;

export const RunFinished = defineEvent({
  name: 'RunFinished',
  type: 'dev.slipway.tracking.run.finished.v1',
  subject: 'ingest.runs.{runId}.finished',
  stream: 'ingest',
  schema: runFinishedSchema,
  description: 'A client ended a tracking run with FINISHED, FAILED or KILLED.',
});
