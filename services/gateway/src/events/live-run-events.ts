import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { MetricsLogged, withRoot } from '@slipway/contracts';

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
