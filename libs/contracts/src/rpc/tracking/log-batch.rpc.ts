import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema, tokenIdSchema } from '../../events/shared/ids';
import { paramSchema, tagSchema, trackingKeySchema, TRACKING_LIMITS } from '../../events/shared/key-value';
import { metricValueWireSchema } from '../../events/shared/metric-value';
import { epochMillisSchema } from '../../events/shared/timestamps';

/**
 * The idempotency key of a write of metric points: a retried request with the same id (for the
 * same run) never stores its points twice. Letters, digits, `_` and `-` (a UUID fits).
 */
export const batchIdSchema = tokenIdSchema(128).describe('Idempotency key of the batch; default random');

/**
 * A metric point of a request. Its value stays in the wire form (a number, or `'NaN'`,
 * `'Infinity'`, `'-Infinity'`) when parsed, so a request parsed by the caller still travels as
 * JSON unchanged; the service turns the strings into numbers.
 */
export const rpcMetricPointSchema = z.object({
  key: trackingKeySchema,
  value: metricValueWireSchema,
  timestamp: epochMillisSchema.describe('When it was measured, ms since epoch'),
  /** Training step (MLflow uses 0 when there is none). */
  step: z.int().default(0).describe('Training step, default 0'),
});
export type RpcMetricPoint = z.infer<typeof rpcMetricPointSchema>;

/** What a write of metrics, params and tags stored. */
export const logBatchResultSchema = z.object({
  runId: runIdSchema,
  /** The batch id given, or the one chosen for the call. */
  batchId: batchIdSchema,
  /** Metric points stored by this call: 0 when this batch id was stored before (a retry). */
  metricsStored: z.number().int().min(0),
  /** Param keys new to the run (a param logged again with the same value is not counted). */
  paramsStored: z.number().int().min(0),
  tagsSet: z.number().int().min(0),
});
export type LogBatchResult = z.infer<typeof logBatchResultSchema>;

/**
 * `slipway.rpc.tracking.run.logBatch` (MLflow log-batch): metrics, params and tags of an active
 * run in one call, with MLflow's limits (≤ 1000 metrics, ≤ 100 params, ≤ 100 tags; over a limit
 * is `COMMON.VALIDATION_FAILED` naming the field). Params are immutable: another value for a logged key
 * is `TRACKING.PARAM_CONFLICT` and nothing of the batch is stored. The reply comes after the
 * points are in ClickHouse, so a following read sees them. Metric values may be `'NaN'`,
 * `'Infinity'`, `'-Infinity'`.
 */
export const LogBatch = defineRpc({
  name: 'LogBatch',
  service: 'tracking',
  method: 'run.logBatch',
  request: z.object({
    runId: runIdSchema,
    batchId: batchIdSchema.optional(),
    metrics: z
      .array(rpcMetricPointSchema)
      .max(TRACKING_LIMITS.metricsPerEvent, `at most ${TRACKING_LIMITS.metricsPerEvent} metrics per batch`)
      .default([]),
    params: z
      .array(paramSchema)
      .max(TRACKING_LIMITS.paramsPerEvent, `at most ${TRACKING_LIMITS.paramsPerEvent} params per batch`)
      .default([]),
    tags: z
      .array(tagSchema)
      .max(TRACKING_LIMITS.tagsPerEvent, `at most ${TRACKING_LIMITS.tagsPerEvent} tags per batch`)
      .default([]),
  }),
  response: logBatchResultSchema,
  description: 'Log metrics, params and tags of a run in one call (idempotent by batchId).',
});
