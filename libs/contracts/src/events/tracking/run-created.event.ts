import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { epochMillisSchema, experimentIdSchema, runIdSchema } from '../shared';

/** Tracking stored a new run. */
export const runCreatedSchema = z.object({
  runId: runIdSchema,
  experimentId: experimentIdSchema,
  runName: z.string().max(250).nullable(),
  user: z.string().max(256).nullable(),
  parentRunId: runIdSchema.nullable(),
  startTime: epochMillisSchema,
});
export type RunCreatedData = z.infer<typeof runCreatedSchema>;

export const RunCreated = defineEvent({
  name: 'RunCreated',
  type: 'dev.slipway.tracking.run.created.v1',
  subject: 'evt.tracking.run.created',
  stream: 'events',
  schema: runCreatedSchema,
  description: 'Tracking stored a new run.',
});
