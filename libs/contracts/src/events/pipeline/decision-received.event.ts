import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { actorSchema, approvalIdSchema } from '../shared';

/** Someone answered an approval question. */
export const decisionReceivedSchema = z.object({
  approvalId: approvalIdSchema,
  /** One of the question's `options`. */
  answer: z.string().min(1).max(75),
  by: actorSchema,
  /** Where the answer came from. */
  via: z.enum(['slack', 'web', 'api', 'cli', 'email']),
  comment: z.string().max(2000).nullable(),
});
export type DecisionReceivedData = z.infer<typeof decisionReceivedSchema>;

export const DecisionReceived = defineEvent({
  name: 'DecisionReceived',
  type: 'dev.slipway.pipeline.decision.received.v1',
  subject: 'evt.pipeline.decision.received',
  stream: 'events',
  schema: decisionReceivedSchema,
  description: 'A person answered an approval question.',
});
