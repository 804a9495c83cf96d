import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { epochMillisSchema, experimentIdSchema, runIdSchema } from '../shared';
import { runStatusSchema } from './run-status';

/** A run's status changed (e.g. RUNNING → FINISHED); pipelines and live views follow this. */
export const runStatusChangedSchema = z.object({
  runId: runIdSchema,
  experimentId: experimentIdSchema,
  /** `null` when the run is new. */
  from: runStatusSchema.nullable(),
  to: runStatusSchema,
  /** Set when `to` is FINISHED, FAILED or KILLED. */
  endTime: epochMillisSchema.nullable(),
});
export type RunStatusChangedData = z.infer<typeof runStatusChangedSchema>;

export const RunStatusChanged = defineEvent({
  name: 'RunStatusChanged',
  type: 'dev.slipway.tracking.run.status-changed.v1',
  subject: 'evt.tracking.run.status-changed',
  stream: 'events',
  schema: runStatusChangedSchema,
  description: 'The status of a tracking run changed.',
});
