/**
 * Registry relay on the local Postgres and a private nats-server: latency from an append to
 * the event reaching a NATS subscriber (woken by LISTEN/NOTIFY, polling off), and the rate at
 * which it drains a backlog to JetStream.
 *
 *   node -r @swc-node/register bench/registry/relay-latency.bench.ts
 *
 * Env: BENCH_EVENTS (1000 latency samples), BENCH_BACKLOG (10000 events), DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { RegisteredModelCreated } from '@slipway/contracts';
import { EventPublisher, connectNats, ensureStreams } from '@slipway/messaging';
import { createTestDatabase, startNatsServer, uniqueSubjectRoot } from '@slipway/testing';
import { EventStore, type NewEvent } from '../../services/registry/src/event-store';
import { openRegistrySchema } from '../../services/registry/src/persistence/registry-test-schema';
import { EventRelay } from '../../services/registry/src/relay';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1000);
const BACKLOG = Number(process.env['BENCH_BACKLOG'] ?? 10_000);

const actor = { id: 'bench', kind: 'service' } as const;
const created = (model: string, eventId?: string): NewEvent => ({
  type: RegisteredModelCreated.type,
  data: { model, description: null, tags: [], createdBy: actor },
  metadata: { actor },
  ...(eventId ? { eventId } : {}),
});
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function main(): Promise<void> {
  const [db, server] = await Promise.all([createTestDatabase(), startNatsServer()]);
  const nc = await connectNats({ servers: server.url, name: 'registry-relay-bench' });
  const root = uniqueSubjectRoot();
  await ensureStreams(await jetstreamManager(nc), root);
  const ds = await openRegistrySchema(db.url);
  const store = new EventStore(ds);
  const publisher = new EventPublisher(jetstream(nc), root, '/slipway/registry');
  let published = 0;
  const relay = new EventRelay(store, ds, publisher, {
    pollIntervalMs: 60_000,
    onPublished: () => published++,
  });
  try {
    // Backlog: stored while no relay runs, then drained.
    for (let i = 0; i < BACKLOG; i += 100) {
      await store.append(
        `backlog-${i}`,
        'no-stream',
        Array.from({ length: 100 }, (_, j) => created(`b${i + j}`)),
      );
    }
    const started = performance.now();
    relay.start();
    while (published < BACKLOG) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `relay backlog drain: ${BACKLOG} events in ${(seconds * 1000).toFixed(0)} ms, ${(BACKLOG / seconds).toFixed(0)} events/s`,
    );

    const waiting = new Map<string, (at: number) => void>();
    const sub = nc.subscribe(`${root}.evt.registry.>`, {
      callback: (_err, msg) => waiting.get(msg.headers?.get('Nats-Msg-Id') ?? '')?.(performance.now()),
    });
    await nc.flush();
    const total: number[] = [];
    const afterCommit: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const eventId = randomUUID();
      const arrived = new Promise<number>((resolve) => waiting.set(eventId, resolve));
      const t0 = performance.now();
      await store.append(`model-${i}`, 'no-stream', [created(`m${i}`, eventId)]);
      const committed = performance.now();
      const at = await arrived;
      total.push(at - t0);
      afterCommit.push(at - committed);
    }
    sub.unsubscribe();
    const line = (label: string, v: number[]) =>
      console.log(
        `${label.padEnd(36)} p50 ${pct(v, 50).toFixed(2)} ms  p99 ${pct(v, 99).toFixed(2)} ms  max ${pct(v, 100).toFixed(2)} ms  (n=${v.length})`,
      );
    line('append call → subscriber', total);
    line('commit → subscriber (relay alone)', afterCommit);
  } finally {
    await relay.stop();
    await nc.drain();
    await ds.destroy();
    await Promise.all([server.stop(), db.drop()]);
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
