import { z } from 'zod';
import { actorSchema, eventIdSchema } from '../shared';

/** What started a pipeline run. */
export const pipelineTriggerSchema = z.object({
  kind: z.enum(['schedule', 'manual', 'event', 'api']),
  /** The person or token for `manual` / `api`; `null` otherwise. */
  by: actorSchema.nullable(),
  /** The CloudEvent id that triggered it, for `event`; `null` otherwise. */
  eventId: eventIdSchema.nullable(),
});
export type PipelineTrigger = z.infer<typeof pipelineTriggerSchema>;

/** Why a task or a run failed. */
export const failureSchema = z.object({
  /** A stable code when known (`TASK.TIMEOUT`), else `null`. */
  code: z.string().max(128).nullable(),
  message: z.string().max(8000),
});
export type Failure = z.infer<typeof failureSchema>;

/** Which attempt of a task this is, from 1. */
export const attemptSchema = z.int().min(1).describe('Attempt number, from 1');

/** The name of a task within its pipeline definition (a node of the DAG). */
export const taskNameSchema = z.string().min(1).max(128).describe('Task name within its pipeline');
