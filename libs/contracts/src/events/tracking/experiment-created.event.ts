import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, experimentIdSchema, experimentNameSchema, uriSchema } from '../shared';

/** Tracking created an experiment. */
export const experimentCreatedSchema = z.object({
  experimentId: experimentIdSchema,
  name: experimentNameSchema,
  /** Where the experiment's run artifacts go. */
  artifactLocation: uriSchema.describe('Root URI of the artifacts of its runs'),
  createdBy: actorSchema,
});
export type ExperimentCreatedData = z.infer<typeof experimentCreatedSchema>;

export const ExperimentCreated = defineEvent({
  name: 'ExperimentCreated',
  type: 'dev.slipway.tracking.experiment.created.v1',
  subject: 'evt.tracking.experiment.created',
  stream: 'events',
  schema: experimentCreatedSchema,
  description: 'Tracking created an experiment.',
});
