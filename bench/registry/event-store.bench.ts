/**
 * Registry event store on the local Postgres (issue 4, "Benchmark"): single-event appends/s
 * (sequential, and from concurrent writers on distinct streams) and 100-event batch appends/s.
 *
 *   node -r @swc-node/register bench/registry/event-store.bench.ts
 *
 * Env: BENCH_SINGLE (2000 appends), BENCH_BATCHES (200 batches of 100), BENCH_WRITERS (16),
 * DATABASE_URL (admin URL of the server to create a scratch database on).
 */
import { createTestDatabase } from '@slipway/testing';
import { EventStore, type NewEvent } from '../../services/registry/src/event-store';
import { openRegistrySchema } from '../../services/registry/src/persistence/registry-test-schema';

const SINGLE = Number(process.env['BENCH_SINGLE'] ?? 2000);
const BATCHES = Number(process.env['BENCH_BATCHES'] ?? 200);
const WRITERS = Number(process.env['BENCH_WRITERS'] ?? 16);
const BATCH_SIZE = 100;

const event = (n: number): NewEvent => ({
  type: 'dev.slipway.registry.bench.noted.v1',
  data: { n, model: 'churn', note: 'a registry event of a realistic size, with a few fields' },
  metadata: { actor: { id: 'bench', kind: 'service' }, correlationId: `c-${n}`, reason: 'benchmark' },
});

async function timed(label: string, events: number, run: () => Promise<void>): Promise<void> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(44)} ${String(events).padStart(7)} events  ${(events / seconds).toFixed(0).padStart(7)} events/s  (${(seconds * 1000).toFixed(0)} ms)`,
  );
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const ds = await openRegistrySchema(db.url, WRITERS + 2);
  const store = new EventStore(ds);
  try {
    for (let i = 0; i < 50; i++) await store.append(`warm-${i}`, 'no-stream', [event(i)]);

    await timed('single-event appends, one writer', SINGLE, async () => {
      for (let i = 0; i < SINGLE; i++)
        await store.append('model-single', i === 0 ? 'no-stream' : i, [event(i)]);
    });
    await timed(`single-event appends, ${WRITERS} writers`, SINGLE, async () => {
      const perWriter = Math.ceil(SINGLE / WRITERS);
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) await store.append(`model-w${w}`, i, [event(i)]);
        }),
      );
    });
    const batch = Array.from({ length: BATCH_SIZE }, (_, i) => event(i));
    await timed(`${BATCH_SIZE}-event batch appends, one writer`, BATCHES * BATCH_SIZE, async () => {
      for (let b = 0; b < BATCHES; b++) await store.append('model-batch', b * BATCH_SIZE, batch);
    });
    await timed(`${BATCH_SIZE}-event batch appends, ${WRITERS} writers`, BATCHES * BATCH_SIZE, async () => {
      const perWriter = Math.ceil(BATCHES / WRITERS);
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let b = 0; b < perWriter; b++) await store.append(`model-bw${w}`, b * BATCH_SIZE, batch);
        }),
      );
    });
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
