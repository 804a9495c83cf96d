import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { MetricsBatchLogged, MetricsLogged, withRoot } from '@slipway/contracts';

/**
 * Tells live-event followers (`GET /api/v1/events?topics=run:<id>`) about metric points logged
 * through the HTTP API, the way points published on NATS ingest reach them. Core NATS, no
 * stream: a live view, not a record (tracking's stores are the record).
 */
export function publishLiveMetrics(
  nc: NatsConnection,
  root: string,
  runId: string,
  metrics: readonly unknown[],
): void {
  if (metrics.length === 0) return;
  const event = {
    specversion: '1.0',
    id: randomUUID(),
    source: '/gateway',
    type: MetricsLogged.type,
    time: new Date().toISOString(),
    subject: runId,
    datacontenttype: 'application/json',
    data: { runId, metrics },
  };
  nc.publish(withRoot(root, `live.runs.${runId}.metrics`), JSON.stringify(event));
}

interface BatchData {
  runs?: { runId?: string; metrics?: unknown[] }[];
}

/**
 * A follower of run `runId` sees its share of a `MetricsBatchLogged` (the gateway's coalesced
 * writes, points of many runs) as the `MetricsLogged` it would have been alone: same type, id
 * `<batch id>#<runId>`. Undefined when the batch holds nothing of that run, or for any other event.
 */
export function runShareOfBatch(
  event: { id?: string; type?: string; data?: unknown },
  runId: string,
): object | undefined {
  const runs = (event.data as BatchData | undefined)?.runs;
  if (event.type !== MetricsBatchLogged.type || !Array.isArray(runs)) return undefined;
  const metrics = runs.filter((r) => r?.runId === runId).flatMap((r) => r.metrics ?? []);
  if (metrics.length === 0) return undefined;
  return {
    ...event,
    id: `${event.id}#${runId}`,
    type: MetricsLogged.type,
    subject: runId,
    data: { runId, metrics },
  };
}
