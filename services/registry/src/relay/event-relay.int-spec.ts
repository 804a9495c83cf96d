import { randomUUID } from 'node:crypto';
import { type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { RegisteredModelCreated } from '@slipway/contracts';
import { EventPublisher, connectNats, ensureStreams, streamNameOf } from '@slipway/messaging';
import {
  createTestDatabase,
  natsServerForTests,
  type TestDatabase,
  type TestNatsServer,
  uniqueSubjectRoot,
} from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { EventStore, type NewEvent, type StoredEvent } from '../event-store';
import { openRegistrySchema } from '../persistence/registry-test-schema';
import { EventRelay, type EventRelayOptions } from './event-relay';
import { relayCheckpointsOf } from './relay-checkpoints';

jest.setTimeout(60_000);

const actor = { id: 'alice', kind: 'user' } as const;
const created = (model: string): NewEvent => ({
  type: RegisteredModelCreated.type,
  data: { model, description: null, tags: [], createdBy: actor },
  metadata: { actor },
});
const internal: NewEvent = {
  type: 'dev.slipway.registry.tags.set.v1',
  data: { tags: [] },
  metadata: { actor },
};

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('event relay', () => {
  let db: TestDatabase;
  let server: TestNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let ds: DataSource;
  let store: EventStore;
  let root: string;
  let publisher: EventPublisher;
  const relays: EventRelay[] = [];

  /** Every message of the events stream: subject, Nats-Msg-Id and the CloudEvent. */
  async function streamed(): Promise<
    { subject: string; msgId: string; event: { id: string; type: string } }[]
  > {
    const stream = streamNameOf('events', root);
    const info = await jsm.streams.info(stream);
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const msg = await jsm.streams.getMessage(stream, { seq });
      if (msg) out.push({ subject: msg.subject, msgId: msg.header.get('Nats-Msg-Id'), event: msg.json() });
    }
    return out as never;
  }
  const relay = (options: EventRelayOptions = {}, via: Pick<EventPublisher, 'publish'> = publisher) => {
    const r = new EventRelay(store, ds, via, {
      pollIntervalMs: 200,
      lockRetryMs: 50,
      retryDelayMs: 20,
      ...options,
    });
    relays.push(r);
    return r;
  };

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), natsServerForTests()]);
    nc = await connectNats({ servers: server.url, name: 'registry-relay-int-test' });
    jsm = await jetstreamManager(nc);
  });
  beforeEach(async () => {
    root = uniqueSubjectRoot();
    await ensureStreams(jsm, root);
    publisher = new EventPublisher(jetstream(nc), root, '/slipway/registry');
    ds = await openRegistrySchema(db.url);
    store = new EventStore(ds);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await ds?.destroy();
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
    await db?.drop();
  });

  test('relay - publishes public events in global order with the event id as Nats-Msg-Id, then checkpoints', async () => {
    const a = await store.append('model-a', 'no-stream', [created('a'), internal]);
    const b = await store.append('model-b', 'no-stream', [created('b')]);
    const published: StoredEvent[] = [];
    relay({ onPublished: (e) => published.push(e) }).start();
    await until('3 events relayed', () => published.length === 3);

    const messages = await streamed();
    expect(messages.map((m) => m.msgId)).toEqual([a.eventIds[0], b.eventIds[0]]);
    expect(messages.map((m) => m.event.id)).toEqual([a.eventIds[0], b.eventIds[0]]);
    expect(messages[0]).toMatchObject({
      subject: `${root}.evt.registry.registered-model.created`,
      event: { type: RegisteredModelCreated.type, subject: 'model-a', data: { model: 'a' } },
    });
    expect(published.map((e) => e.position)).toEqual([...a.positions, ...b.positions]);
    expect(await relayCheckpointsOf(ds).load('jetstream')).toBe(b.positions[0]);
  });

  test('relay - killed between publish and checkpoint, it resumes: nothing lost, nothing doubled', async () => {
    const appended = [];
    for (let i = 0; i < 10; i++)
      appended.push(...(await store.append(`model-${i}`, 'no-stream', [created(`m${i}`)])).eventIds);

    let crashes = 0;
    const duplicates: boolean[] = [];
    const crashing: Pick<EventPublisher, 'publish'> = {
      publish: async (def, data, opts) => {
        const ack = await publisher.publish(def, data, opts);
        duplicates.push(ack.duplicate);
        // Crash after the 4th and 7th publish: stored on JetStream, checkpoint not yet advanced.
        if ((duplicates.length === 4 || duplicates.length === 8) && crashes++ < 2) throw new Error('killed');
        return ack;
      },
    };
    const first = relay({}, crashing);
    first.start();
    await until(
      '10 events checkpointed',
      async () => (await relayCheckpointsOf(ds).load('jetstream')) === 10,
    );
    expect(crashes).toBe(2);
    expect(duplicates.filter(Boolean)).toHaveLength(2);

    // A replica restarted from an old checkpoint re-publishes everything; JetStream drops it all.
    await first.stop();
    await relayCheckpointsOf(ds).reset('jetstream', 0);
    const published: StoredEvent[] = [];
    relay({ onPublished: (e) => published.push(e) }).start();
    await until('replayed', () => published.length === 10);

    const ids = (await streamed()).map((m) => m.msgId);
    expect(ids).toEqual(appended);
    expect(new Set(ids).size).toBe(10);
  });

  test('relay - one publisher across replicas; a standby takes over when the leader stops', async () => {
    const [one, two] = [relay(), relay()];
    one.start();
    await until('a leader', () => one.isLeader);
    two.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(two.isLeader).toBe(false);

    await store.append('model-x', 'no-stream', [created('x')]);
    await until('published by the leader', async () => (await streamed()).length === 1);
    await one.stop();
    await until('the standby leads', () => two.isLeader);
    await store.append('model-y', 'no-stream', [created('y')]);
    await until('published by the new leader', async () => (await streamed()).length === 2);
    expect((await streamed()).map((m) => m.event.type)).toEqual([
      RegisteredModelCreated.type,
      RegisteredModelCreated.type,
    ]);
  });

  test('relay - NOTIFY wakes it: append to JetStream latency over 200 events (no polling)', async () => {
    const r = relay({ pollIntervalMs: 60_000 });
    r.start();
    await until('a leader', () => r.isLeader);
    const waiting = new Map<string, (at: number) => void>();
    const sub = nc.subscribe(`${root}.evt.registry.>`, {
      callback: (_err, msg) => waiting.get(msg.headers?.get('Nats-Msg-Id') ?? '')?.(performance.now()),
    });
    await nc.flush();
    const latencies: number[] = [];
    const afterCommit: number[] = [];
    for (let i = 0; i < 200; i++) {
      const eventId = randomUUID();
      const arrived = new Promise<number>((resolve) => waiting.set(eventId, resolve));
      const started = performance.now();
      await store.append(`model-l${i}`, 'no-stream', [{ ...created(`l${i}`), eventId }]);
      const committed = performance.now();
      const at = await arrived;
      latencies.push(at - started);
      afterCommit.push(at - committed);
    }
    sub.unsubscribe();
    const pct = (p: number, values = latencies) =>
      [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
    console.log(
      `registry relay: append→JetStream subscriber latency over 200 events: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, from commit: p50 ${pct(50, afterCommit).toFixed(2)} ms, p99 ${pct(99, afterCommit).toFixed(2)} ms`,
    );
    expect(pct(99)).toBeLessThan(1000);
  });

  test('relay - stop is graceful: the lock is released and nothing is published afterwards', async () => {
    const r = relay();
    r.start();
    await until('a leader', () => r.isLeader);
    await r.stop();
    expect(r.isLeader).toBe(false);
    await store.append('model-z', 'no-stream', [created('z')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await streamed()).toEqual([]);
    const locks = await ds.query(`SELECT count(*)::int AS n FROM pg_locks
       WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    expect(locks).toEqual([{ n: 0 }]);
  });
});
