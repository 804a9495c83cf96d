import { headers as natsHeaders } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { GetMetricHistory, MetricsBatchLogged, RunStarted } from '@slipway/contracts';
import { dlqSubjectOf, EventPublisher, readDeadLetter } from '@slipway/messaging';
import { eventually } from '@slipway/testing';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

const point = (key: string, step: number, value: number) => ({
  key,
  value,
  step,
  timestamp: 1_764_400_000_000 + step,
});

/** The gateway's coalesced event: points of several runs in one message, stored run by run, once. */
describe('tracking - MetricsBatchLogged ingest', () => {
  let tracking: TrackingTestService;
  let publisher: EventPublisher;

  beforeAll(async () => {
    tracking = await startTrackingTestService('metrics-batch-it', {
      consumes: [MetricsBatchLogged],
      consumer: { concurrency: 64, batch: 32, backoffMs: [200, 500] },
    });
    publisher = new EventPublisher(jetstream(tracking.nc), 'slipway', '/tests/gateway');
    for (const runId of ['batch_a', 'batch_b'])
      await publisher.publish(RunStarted, {
        runId,
        experimentName: 'batches',
        startTime: Date.now(),
        tags: [],
      });
  }, 60_000);

  afterAll(async () => {
    await tracking?.close();
  });

  const history = async (runId: string) =>
    (await tracking.rpc.request(GetMetricHistory, { runId, key: 'loss' })).points.map((p) => [
      p.step,
      p.value,
    ]);

  test('each run gets its points (NaN kept); a redelivered event (same CloudEvent id) is not stored twice', async () => {
    const { event } = await publisher.publishEvent(
      MetricsBatchLogged,
      {
        runs: [
          { runId: 'batch_a', metrics: [point('loss', 1, 0.9), point('loss', 2, NaN)] },
          { runId: 'batch_b', metrics: [point('loss', 1, 0.8)] },
          { runId: 'batch_a', metrics: [point('loss', 3, 0.7)] },
        ],
      },
      { id: 'http.batch.redelivered' },
    );
    // The same event again under another Nats-Msg-Id: what a redelivery after a lost ack looks like.
    const headers = natsHeaders();
    headers.set('Content-Type', 'application/cloudevents+json');
    await jetstream(tracking.nc).publish('slipway.ingest.metrics.batch', JSON.stringify(event), {
      msgID: 'another-delivery',
      headers,
    });

    const a = await eventually(
      () => history('batch_a'),
      (points) => points.length >= 3,
    );
    expect(a).toEqual([
      [1, 0.9],
      [2, NaN],
      [3, 0.7],
    ]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await history('batch_a')).toHaveLength(3);
    expect(await history('batch_b')).toEqual([[1, 0.8]]);
  });

  test('a batch over 5,000 points goes to the DLQ naming the limit; nothing of it is stored', async () => {
    const run = (runId: string, from: number) => ({
      runId,
      metrics: Array.from({ length: 1000 }, (_, i) => point('big', from + i, i)),
    });
    const data = {
      runs: [
        run('batch_a', 0),
        run('batch_a', 1000),
        run('batch_a', 2000),
        run('batch_a', 3000),
        run('batch_a', 4000),
        run('batch_b', 0),
      ],
    };
    const headers = natsHeaders();
    headers.set('Content-Type', 'application/cloudevents+json');
    const event = {
      specversion: '1.0',
      id: 'too-big',
      source: '/tests/gateway',
      type: MetricsBatchLogged.type,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    };
    await jetstream(tracking.nc).publish('slipway.ingest.metrics.batch', JSON.stringify(event), { headers });
    const jsm = await jetstreamManager(tracking.nc);
    const letter = await eventually(
      () =>
        jsm.streams
          .getMessage('SLIPWAY_DLQ', { last_by_subj: dlqSubjectOf('slipway.ingest.metrics.batch') })
          .catch(() => null),
      (m) => m !== null,
    );
    expect(readDeadLetter({ headers: letter!.header, data: letter!.data }).reason).toMatch(
      /at most 5000 points per batch, all runs together \(got 6000\)/,
    );
    const big = await tracking.rpc.request(GetMetricHistory, { runId: 'batch_a', key: 'big' });
    expect(big.points).toEqual([]);
  });
});
