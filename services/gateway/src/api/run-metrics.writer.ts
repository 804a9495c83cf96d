import {
  LogBatch,
  MetricsBatchLogged,
  TRACKING_LIMITS,
  type MetricPoint,
  type RpcMetricPoint,
} from '@slipway/contracts';
import type { EventPublisher, RpcClient } from '@slipway/messaging';
import { randomUUID } from 'node:crypto';
import { Coalescer } from './coalescer';

/** How long a synchronous write may take in tracking (a large batch behind a ClickHouse merge). */
const SYNC_TIMEOUT_MS = 30_000;
/**
 * Synchronous writes of one run in flight at once: tracking shares one ClickHouse insert between
 * concurrent ones, so a run logged to by many clients keeps several inserts' worth in the air.
 */
const SYNC_SENDS_PER_RUN = 8;
/** The one lane of asynchronous writes: points of all runs share a batch. */
const ALL_RUNS = '*';

export interface RunMetricsWriterOptions {
  /**
   * Least time between two asynchronous messages (`GATEWAY_METRICS_LINGER_MS`): under load each
   * carries that long of requests, so tracking and NATS handle a few hundred messages a second
   * whatever the request rate; a request to an idle writer still goes at once.
   */
  asyncLingerMs?: number;
}

interface RunPoint {
  runId: string;
  point: MetricPoint;
}

/**
 * The gateway's two ways of writing metric points without a client-chosen batch id, each
 * coalescing concurrent requests ({@link Coalescer}): many clients logging one point per request
 * (MLflow's `log_metric`, a sweep's trials, a loop without client-side batching) cost one write
 * per batch of requests, not one per request.
 *
 * - synchronous: per run, one tracking `run.logBatch` per batch (its reply means queryable);
 * - asynchronous: all runs together, one `MetricsBatchLogged` JetStream message per batch (its
 *   PubAck means durable; followers of a run's live events get the run's share of it), messages
 *   at least `asyncLingerMs` apart.
 *
 * A request that carries its own `batchId` is not coalesced: the id is the idempotency key of
 * exactly its points, so it is sent as it came.
 */
export class RunMetricsWriter {
  private readonly sync: Coalescer<RpcMetricPoint, string>;
  private readonly async: Coalescer<RunPoint, string>;

  constructor(rpc: RpcClient, publisher: EventPublisher, options: RunMetricsWriterOptions = {}) {
    this.sync = new Coalescer(
      async (runId, metrics) => {
        const result = await rpc.request(
          LogBatch,
          { runId, metrics, params: [], tags: [] },
          { timeoutMs: SYNC_TIMEOUT_MS },
        );
        return result.batchId;
      },
      TRACKING_LIMITS.metricsPerEvent,
      SYNC_SENDS_PER_RUN,
    );
    this.async = new Coalescer(
      async (_lane, points) => {
        const runs = byRun(points);
        const batchId: string = randomUUID();
        await publisher.publish(MetricsBatchLogged, { runs }, { id: `http.batch.${batchId}` });
        return batchId;
      },
      TRACKING_LIMITS.pointsPerMetricsBatch,
      1,
      options.asyncLingerMs ?? 0,
    );
  }

  /**
   * Resolves once the points are stored in tracking and queryable (tracking's `run.logBatch`),
   * with the id of the batch that carried them.
   */
  logSync(runId: string, metrics: readonly RpcMetricPoint[]): Promise<string> {
    return this.sync.add(runId, metrics);
  }

  /**
   * Resolves once the points are durable in JetStream (queryable shortly after), with the id of
   * the batch that carried them (shared by the requests coalesced into it).
   */
  logAsync(runId: string, metrics: readonly MetricPoint[]): Promise<string> {
    return this.async.add(
      ALL_RUNS,
      metrics.map((point) => ({ runId, point })),
    );
  }
}

/**
 * Points grouped by run (runs in order of first appearance, each run's points in order), a run
 * with more than `MetricsLogged`'s 1,000 points split into several entries.
 */
function byRun(points: readonly RunPoint[]): { runId: string; metrics: MetricPoint[] }[] {
  const runs = new Map<string, MetricPoint[]>();
  for (const { runId, point } of points) {
    const metrics = runs.get(runId);
    if (metrics) metrics.push(point);
    else runs.set(runId, [point]);
  }
  const entries: { runId: string; metrics: MetricPoint[] }[] = [];
  const max = TRACKING_LIMITS.metricsPerEvent;
  for (const [runId, metrics] of runs)
    for (let i = 0; i < metrics.length; i += max) entries.push({ runId, metrics: metrics.slice(i, i + max) });
  return entries;
}
