import {
  LogBatch,
  MetricsLogged,
  TRACKING_LIMITS,
  type MetricPoint,
  type RpcMetricPoint,
} from '@slipway/contracts';
import type { EventPublisher, RpcClient } from '@slipway/messaging';
import { randomUUID } from 'node:crypto';
import { PerRunCoalescer } from './per-run-coalescer';

/** How long a synchronous write may take in tracking (a large batch behind a ClickHouse merge). */
const SYNC_TIMEOUT_MS = 30_000;

/**
 * The gateway's two ways of writing metric points without a client-chosen batch id, each
 * coalescing concurrent requests for the same run ({@link PerRunCoalescer}): many clients
 * logging one point per request (MLflow's `log_metric`, a training loop without client-side
 * batching) cost tracking one write per batch of requests, not one per request.
 *
 * A request that carries its own `batchId` is not coalesced: the id is the idempotency key of
 * exactly its points, so it is sent as it came.
 */
export class RunMetricsWriter {
  private readonly sync: PerRunCoalescer<RpcMetricPoint, string>;
  private readonly async: PerRunCoalescer<MetricPoint, string>;

  constructor(rpc: RpcClient, publisher: EventPublisher) {
    this.sync = new PerRunCoalescer(async (runId, metrics) => {
      const result = await rpc.request(
        LogBatch,
        { runId, metrics, params: [], tags: [] },
        { timeoutMs: SYNC_TIMEOUT_MS },
      );
      return result.batchId;
    }, TRACKING_LIMITS.metricsPerEvent);
    this.async = new PerRunCoalescer(async (runId, metrics) => {
      const batchId: string = randomUUID();
      await publisher.publish(MetricsLogged, { runId, metrics }, { id: `http.${runId}.${batchId}` });
      return batchId;
    }, TRACKING_LIMITS.metricsPerEvent);
  }

  /**
   * Resolves once the points are stored in tracking and queryable (tracking's `run.logBatch`),
   * with the id of the batch that carried them.
   */
  logSync(runId: string, metrics: readonly RpcMetricPoint[]): Promise<string> {
    return this.sync.add(runId, metrics);
  }

  /**
   * Resolves once the points are durable in JetStream as `MetricsLogged` (queryable shortly
   * after), with the id of the batch that carried them (shared by the requests coalesced into it).
   */
  logAsync(runId: string, metrics: readonly MetricPoint[]): Promise<string> {
    return this.async.add(runId, metrics);
  }
}
