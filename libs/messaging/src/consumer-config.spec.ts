import { defineEvent } from '@slipway/contracts';
import { nanos } from '@nats-io/transport-node';
import { z } from 'zod';
import { consumerConfigDiff, consumerConfigOf, durableNameOf } from './consumer-config';

const RunMetricsLogged = defineEvent({
  name: 'RunMetricsLogged',
  type: 'dev.slipway.test.run.metrics.logged.v1',
  subject: 'ingest.runs.{runId}.metrics',
  stream: 'ingest',
  schema: z.object({ value: z.number() }),
  description: 'test event',
});

const settings = { durablePrefix: 'tracking', maxDeliver: 5, ackWaitMs: 30_000, maxAckPending: 100 };

describe('consumer config - derivation', () => {
  it('names the durable after the service and the event', () => {
    expect(durableNameOf('tracking', RunMetricsLogged)).toBe('tracking_RunMetricsLogged');
    expect(durableNameOf('my.service v2', RunMetricsLogged)).toBe('my_service_v2_RunMetricsLogged');
  });

  it('filters on the event subject with wildcards for template tokens', () => {
    expect(consumerConfigOf(RunMetricsLogged, 'slipway', settings).filter_subject).toBe(
      'slipway.ingest.runs.*.metrics',
    );
  });

  it('acks explicitly and allows one safety delivery beyond maxDeliver', () => {
    const config = consumerConfigOf(RunMetricsLogged, 'slipway', settings);
    expect(config).toMatchObject({
      durable_name: 'tracking_RunMetricsLogged',
      ack_policy: 'explicit',
      deliver_policy: 'all',
      max_deliver: 6,
      ack_wait: nanos(30_000),
      max_ack_pending: 100,
    });
  });

  it('reports only the updatable fields that changed', () => {
    const desired = consumerConfigOf(RunMetricsLogged, 'slipway', settings);
    expect(consumerConfigDiff(desired, { ...desired, deliver_policy: 'new' })).toEqual([]);
    expect(consumerConfigDiff(desired, { ...desired, max_deliver: 3 })).toEqual(['max_deliver']);
  });
});
