import type { INestMicroservice } from '@nestjs/common';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createEvent } from '@slipway/contracts';
import { type TestNatsServer, natsServerForTests, uniqueSubjectRoot } from '@slipway/testing';
import { durableNameOf } from './consumer-config';
import type { DeadLetteredEvent } from './event-delivery';
import { EventPublisher } from './event-publisher';
import { connectNats } from './nats-connection';
import { streamNameOf } from './stream-config';
import { Probe, startConsumerApp } from './testing/consumer-app';
import { deadLettersOf } from './testing/dead-letters';
import { RunPointLogged, ThingHappened } from './testing/test-events';
import { waitFor } from './testing/wait-for';

jest.setTimeout(30_000);

describe('jetstream transport', () => {
  let server: TestNatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let root: string;
  let publisher: EventPublisher;
  const apps: INestMicroservice[] = [];

  const start = async (probe: Probe, options: Parameters<typeof startConsumerApp>[1] = {}) => {
    const app = await startConsumerApp(probe, {
      servers: server.url,
      root,
      backoffMs: [50],
      ackWaitMs: 5_000,
      ...options,
    });
    apps.push(app);
    return app;
  };
  const thing = (n: number, opts: { id?: string } = {}) =>
    publisher.publish(ThingHappened, { n, label: `thing ${n}` }, opts);
  const consumerInfo = () =>
    jsm.consumers.info(streamNameOf('events', root), durableNameOf('testsvc', ThingHappened));
  /** Settled: nothing waiting, nothing delivered and unacked. */
  const settled = async () => {
    const info = await consumerInfo();
    return info.num_pending === 0 && info.num_ack_pending === 0 && info.num_redelivered === 0;
  };

  beforeAll(async () => {
    server = await natsServerForTests();
    nc = await connectNats({ servers: server.url, name: 'messaging-int-test' });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
  });

  beforeEach(() => {
    root = uniqueSubjectRoot();
    publisher = new EventPublisher(js, root, '/test/publisher');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('messaging - a handler that throws on first delivery gets the message redelivered, succeeds, and is acked once', async () => {
    const probe = new Probe();
    probe.behaviour = (event, ctx) => {
      if (event.data.n === 1 && ctx.deliveryCount === 1) throw new Error('first attempt fails');
    };
    await start(probe);
    await thing(1);
    await waitFor('the retry to succeed', () => probe.handled.length === 1);
    await thing(2);
    await waitFor('the next event', () => probe.handled.length === 2);

    expect(probe.calls.map((c) => [c.event.data.n, c.deliveryCount])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    await waitFor('the consumer to settle', settled);
    expect((await consumerInfo()).ack_floor.stream_seq).toBe(2);
    expect(await deadLettersOf(jsm, root)).toEqual([]);
  });

  it('messaging - bad payloads land in the DLQ with a reason naming the problem, and do not block good ones', async () => {
    const probe = new Probe();
    await start(probe);
    const subject = `${root}.evt.test.thing.happened`;
    const valid = createEvent(ThingHappened, { n: 0, label: 'template' }, { source: '/test' });
    await js.publish(subject, '{"specversion": "1.0", oops');
    const { specversion: _dropped, ...noSpecversion } = valid;
    await js.publish(subject, JSON.stringify({ ...noSpecversion, id: 'no-specversion' }));
    await js.publish(subject, JSON.stringify({ ...valid, id: 'bad-data', data: { n: 'three', label: 'x' } }));
    await js.publish(
      subject,
      JSON.stringify({ ...valid, id: 'wrong-type', type: 'dev.slipway.test.other.v1' }),
    );
    await thing(5);

    await waitFor('the good event', () => probe.handled.length === 1);
    expect(probe.handledNs()).toEqual([5]);
    expect(probe.calls).toHaveLength(1);
    const letters = await waitFor('four dead letters', async () => {
      const all = await deadLettersOf(jsm, root);
      return all.length === 4 && all;
    });
    expect(letters.map((l) => l.reason)).toEqual([
      expect.stringMatching(/^invalid JSON: /),
      expect.stringMatching(/^invalid ThingHappened envelope: specversion: /),
      expect.stringMatching(/^invalid ThingHappened event: data\.n: .*number/),
      expect.stringMatching(/^invalid ThingHappened envelope: type: .*got dev\.slipway\.test\.other\.v1/),
    ]);
    expect(letters[0]).toMatchObject({
      subject: `${root}.dlq.evt.test.thing.happened`,
      originalSubject: subject,
      consumer: 'testsvc_ThingHappened',
    });
    expect(new TextDecoder().decode(letters[0]!.data)).toBe('{"specversion": "1.0", oops');
    await waitFor('the consumer to settle', settled);
  });

  it('messaging - after maxDeliver failures the message lands in the DLQ with the last error', async () => {
    const probe = new Probe();
    probe.behaviour = () => {
      throw new Error('database is down');
    };
    const app = await start(probe, { maxDeliver: 3, backoffMs: [20, 40] });
    const reported: DeadLetteredEvent[] = [];
    app.on('dead-letter', (e: DeadLetteredEvent) => reported.push(e));
    await thing(7);

    const [letter] = await waitFor('the dead letter', async () => {
      const all = await deadLettersOf(jsm, root);
      return all.length > 0 && all;
    });
    expect(letter!.reason).toBe('max deliveries (3) reached: database is down');
    expect(letter!.deliveries).toBe(3);
    expect(probe.calls.map((c) => c.deliveryCount)).toEqual([1, 2, 3]);
    await waitFor('the dead-letter event', () => reported.length > 0);
    expect(reported).toEqual([
      expect.objectContaining({ consumer: 'testsvc_ThingHappened', deliveryCount: 3 }),
    ]);
    await waitFor('the consumer to settle', async () => {
      const info = await consumerInfo();
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
  });

  it('messaging - publishing the same event id twice is stored and handled once', async () => {
    const probe = new Probe();
    await start(probe);
    const first = await thing(1, { id: 'fixed-id-1' });
    const second = await thing(1, { id: 'fixed-id-1' });
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    // Handled in order: once the sentinel is handled, a stored duplicate would have been too.
    await thing(2);
    await waitFor('the sentinel', () => probe.handledNs().includes(2));
    expect(probe.handledNs()).toEqual([1, 2]);
  });

  it('messaging - a consumer closed mid-stream and restarted resumes: nothing lost, nothing handled twice', async () => {
    const slow = () => new Promise((r) => setTimeout(r, 30));
    const before = new Probe();
    before.behaviour = slow;
    const first = await start(before, { batch: 5 });
    for (let n = 1; n <= 10; n++) await thing(n);
    await waitFor('a few events', () => before.handled.length >= 3);
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    for (let n = 11; n <= 12; n++) await thing(n);
    const after = new Probe();
    after.behaviour = slow;
    await start(after, { batch: 5 });
    await waitFor('all twelve events', () => before.handled.length + after.handled.length >= 12);
    await waitFor('the consumer to settle', settled);
    // Order may change across a restart: a message in flight to the closed pull comes back after its ack wait.
    const handled = [...before.handledNs(), ...after.handledNs()];
    expect([...handled].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(after.handledNs()).toEqual(expect.arrayContaining([11, 12]));
  });

  it('messaging - a plain @EventPattern handler gets events of every subject its template matches', async () => {
    const probe = new Probe();
    await start(probe);
    await publisher.publish(RunPointLogged, { runId: 'r1', value: 1.5 });
    await publisher.publish(RunPointLogged, { runId: 'ignored', value: 2.5 }, { tokens: { runId: 'r2' } });
    await waitFor('both points', () => probe.points.length === 2);
    expect(probe.points).toEqual([1.5, 2.5]);
    const subjects = await Promise.all(
      [1, 2].map(
        async (seq) => (await jsm.streams.getMessage(streamNameOf('ingest', root), { seq }))?.subject,
      ),
    );
    expect(subjects).toEqual([`${root}.ingest.test.runs.r1.points`, `${root}.ingest.test.runs.r2.points`]);
    const info = await jsm.consumers.info(
      streamNameOf('ingest', root),
      durableNameOf('testsvc', RunPointLogged),
    );
    expect(info.config.filter_subject).toBe(`${root}.ingest.test.runs.*.points`);
  });

  // An external NATS_URL server is shared and cannot be restarted by one suite.
  (process.env['NATS_URL'] ? it.skip : it)(
    'messaging - a consumer keeps working across a nats-server restart',
    async () => {
      const probe = new Probe();
      await start(probe);
      await thing(1);
      await waitFor('the first event', () => probe.handled.length === 1);
      await server.restart();
      await waitFor('the publisher connection to come back', async () => {
        await nc.flush();
        return (await jsm.streams.info(streamNameOf('events', root))).state.messages === 1;
      });
      await waitFor('a publish to succeed', () => thing(2, { id: 'after-restart' }).then(() => true));
      await waitFor('the event published after the restart', () => probe.handledNs().includes(2), 20_000);
      expect(probe.handledNs()).toEqual([1, 2]);
    },
  );
});
