import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { paramSchema, runIdSchema, TRACKING_LIMITS } from '../shared';

/** A client logged up to 100 parameters of a run. A param, once logged, may not change value. */
export const paramsLoggedSchema = z.object({
  runId: runIdSchema,
  params: z.array(paramSchema).min(1).max(TRACKING_LIMITS.paramsPerEvent).describe('1 to 100 params'),
});
export type ParamsLoggedData = z.infer<typeof paramsLoggedSchema>;

export const ParamsLogged = defineEvent({
  name: 'ParamsLogged',
  type: 'dev.slipway.tracking.run.params.logged.v1',
  subject: 'ingest.runs.{runId}.params',
  stream: 'ingest',
  schema: paramsLoggedSchema,
  description: 'A client logged parameters of a run (at most 100 per event).',
});
