import { batchIdSchema, metricPointSchema, MetricsLogged, TRACKING_LIMITS } from '@slipway/contracts';
import type { EventPublisher } from '@slipway/messaging';
import { z } from 'zod';
import { route, type GatewayRoute } from '../http/gateway-route';
import type { ActiveRunsCache } from './active-runs.cache';
import { pathParams } from './rpc-route';
import type { RunMetricsWriter } from './run-metrics.writer';

const bodySchema = z.strictObject({
  metrics: z
    .array(metricPointSchema)
    .min(1)
    .max(TRACKING_LIMITS.metricsPerEvent, `at most ${TRACKING_LIMITS.metricsPerEvent} metrics per request`),
  /**
   * Idempotency key: a retry with the same id is stored once. Without one, the points may share a
   * batch with other requests that arrived meanwhile (one JetStream message for many).
   */
  batchId: batchIdSchema.optional(),
});

const acceptedSchema = z.object({
  runId: z.string(),
  /** The batch that carried the points: the request's `batchId`, or one shared by coalesced requests. */
  batchId: z.string(),
  accepted: z.int(),
  /** True when this batch id was accepted before (a retry): nothing is stored twice. */
  duplicate: z.boolean(),
});

/**
 * `POST /api/v1/runs/:runId/metrics`: the HTTP face of NATS ingest. The reply (202) comes once
 * JetStream has stored the points: durable, not yet queryable (tracking's writer makes them so
 * within its batch age, `TRACKING_METRICS_FLUSH_MS`, 1 s by default). For read-your-writes use `POST /runs/:runId/batch`.
 * Requests without a `batchId` are coalesced with concurrent ones of any run into one
 * `MetricsBatchLogged` on `slipway.ingest.metrics.batch` ({@link RunMetricsWriter}); a request
 * with one is published alone as `MetricsLogged` on `slipway.ingest.runs.<runId>.metrics`, the
 * id making a retry a no-op.
 */
export function metricsIngestRoute(
  publisher: EventPublisher,
  writer: RunMetricsWriter,
  activeRuns: ActiveRunsCache,
): GatewayRoute {
  return route({
    method: 'POST',
    url: '/v1/runs/:runId/metrics',
    scope: 'write',
    tag: 'runs',
    summary:
      'Log metric points asynchronously: 202 once durable in JetStream, queryable within ~1 s (POST /runs/:runId/batch waits until queryable).',
    params: pathParams('runId'),
    body: bodySchema,
    response: acceptedSchema,
    status: 202,
    handle: async ({ params, body, rpc }) => {
      await activeRuns.ensureActive(rpc, params.runId);
      const accepted = body.metrics.length;
      if (!body.batchId) {
        const batchId = await writer.logAsync(params.runId, body.metrics);
        return { runId: params.runId, batchId, accepted, duplicate: false };
      }
      const ack = await publisher.publish(
        MetricsLogged,
        { runId: params.runId, metrics: body.metrics },
        { id: `http.${params.runId}.${body.batchId}` },
      );
      return { runId: params.runId, batchId: body.batchId, accepted, duplicate: ack.duplicate };
    },
  });
}
