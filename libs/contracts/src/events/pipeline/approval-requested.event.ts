import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { approvalIdSchema, isoTimestampSchema, pipelineRunIdSchema, taskIdSchema } from '../shared';

/** One cell of the context table. */
export const tableCellSchema = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

/**
 * A small table shown with the question, e.g. candidate vs baseline vs production:
 * `columns: ['model', 'accuracy']`, `rows: [['candidate', 0.93], ['production', 0.91]]`.
 */
export const contextTableSchema = z.object({
  columns: z.array(z.string().max(128)).min(1).max(20),
  rows: z.array(z.array(tableCellSchema).max(20)).max(50),
});
export type ContextTable = z.infer<typeof contextTableSchema>;

/** A pipeline waits for a person's answer ("Should I deploy it?"). */
export const approvalRequestedSchema = z.object({
  approvalId: approvalIdSchema,
  pipelineRunId: pipelineRunIdSchema,
  /** The approval task waiting for the answer. */
  taskId: taskIdSchema,
  question: z.string().min(1).max(2000),
  /** The answers offered, e.g. `['Yes', 'No']`. */
  options: z.array(z.string().min(1).max(75)).min(2).max(5),
  context: contextTableSchema.nullable(),
  /** After this, the pipeline takes no answer as `No`; `null` waits for ever. */
  expiresAt: isoTimestampSchema.nullable(),
});
export type ApprovalRequestedData = z.infer<typeof approvalRequestedSchema>;

export const ApprovalRequested = defineEvent({
  name: 'ApprovalRequested',
  type: 'dev.slipway.pipeline.approval.requested.v1',
  subject: 'evt.pipeline.approval.requested',
  stream: 'events',
  schema: approvalRequestedSchema,
  description: 'A pipeline asks people a question (Slack, web, CLI) and waits for the answer.',
});
