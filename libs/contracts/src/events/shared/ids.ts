import { z } from 'zod';

/** A string that is safe as one NATS subject token: letters, digits, `_` and `-`, at most `max` long. */
export function tokenIdSchema(max = 64) {
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`), `must be 1 to ${max} letters, digits, '_' or '-'`);
}

/** A tracking run id; it rides in subjects (`ingest.runs.{runId}.metrics`), so it is a safe NATS token. */
export const runIdSchema = tokenIdSchema(64).describe('Run id: 1 to 64 letters, digits, _ or -');

/** A tracking experiment id (MLflow uses decimal strings; any safe token is accepted). */
export const experimentIdSchema = tokenIdSchema(64).describe('Experiment id');

/** A human-chosen experiment name. */
export const experimentNameSchema = z.string().min(1).max(500).describe('Experiment name');

/** The name of a registered model (no `/`, no control characters). */
export const modelNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^/\u0000-\u001f]+$/, "must not contain '/' or control characters")
  .describe('Registered model name');

/** A model version number, as MLflow counts them: 1, 2, 3… per registered model. */
export const modelVersionSchema = z.int().min(1).describe('Model version number (1, 2, …)');

/**
 * A model alias (`champion`, `production`). MLflow's rule: letters, digits, `_` and `-`;
 * not `latest` and not a version reference such as `v3`.
 */
export const aliasSchema = z
  .string()
  .regex(
    /^(?!latest$)(?![vV][0-9]+$)[A-Za-z0-9_-]{1,255}$/,
    "must be letters, digits, '_' or '-', not 'latest' or 'v<N>'",
  )
  .describe('Model alias, e.g. champion');

/** Identifies a promotion request (registry stream id). */
export const promotionRequestIdSchema = tokenIdSchema(64).describe('Promotion request id');

/** Identifies one run of a pipeline. */
export const pipelineRunIdSchema = tokenIdSchema(64).describe('Pipeline run id');

/** The name of a pipeline definition. */
export const pipelineNameSchema = tokenIdSchema(128).describe('Pipeline name');

/** Identifies one task instance (one node of one pipeline run). */
export const taskIdSchema = tokenIdSchema(128).describe('Task instance id');

/** The kind of work a task does; it rides in the task-queue subject (`task.pipeline.{taskType}`). */
export const taskTypeSchema = tokenIdSchema(64).describe('Task type, e.g. python, shell, train');

/** Identifies an approval question asked to people. */
export const approvalIdSchema = tokenIdSchema(64).describe('Approval id');

/** The `id` of a CloudEvent (also its `Nats-Msg-Id`). */
export const eventIdSchema = z.string().min(1).max(256).describe('CloudEvent id');

/** A URI to bytes kept outside events (`nats-obj://slipway-artifacts/…`, `s3://…`). */
export const uriSchema = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/, 'must be a URI with a scheme')
  .describe('URI');
