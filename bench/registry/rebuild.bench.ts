/**
 * Registry read-model rebuild (issue 4, "Benchmark"): 100,000 model events (1,000 models, each
 * registered with 33 versions, their metrics and a staging promotion per version) appended in
 * 100-event batches, then every read model rebuilt from them. The baseline is a plain scan of the
 * same events in the same run (what any rebuild must at least read).
 *
 *   node -r @swc-node/register bench/registry/rebuild.bench.ts
 *
 * Env: BENCH_MODELS (1000), DATABASE_URL (admin URL of the server to create a scratch database on).
 */
import { createTestDatabase } from '@slipway/testing';
import { toNewEvent } from '../../services/registry/src/commands/model-event-codec';
import { EventStore } from '../../services/registry/src/event-store';
import { event, type ModelEvent } from '../../services/registry/src/models';
import { openRegistrySchema } from '../../services/registry/src/persistence/registry-test-schema';
import { ReadModelRebuilder } from '../../services/registry/src/read-models/read-model.rebuilder';

const MODELS = Number(process.env['BENCH_MODELS'] ?? 1000);
const VERSIONS = 33;
const actor = { id: 'bench', kind: 'service' } as const;

/** 100 events of one model: registered, then per version created, metrics recorded, promoted to staging. */
function modelEvents(model: string): ModelEvent[] {
  const events: ModelEvent[] = [
    event('RegisteredModelCreated', { model, description: null, tags: [], createdBy: actor }),
  ];
  for (let version = 1; version <= VERSIONS; version++) {
    const artifactUri = `runs:/run${version}/model`;
    events.push(
      event('ModelVersionCreated', {
        model,
        version,
        sourceRunId: `run${version}`,
        artifactUri,
        flavor: 'sklearn',
        signature: null,
        tags: [{ key: 'algo', value: 'xgboost' }],
        createdBy: actor,
      }),
      event('VersionMetricsRecorded', { model, version, metrics: { f1: 0.5 + version / 100, recall: 0.7 } }),
      event('ModelPromoted', {
        model,
        version,
        alias: 'staging',
        previousVersion: version === 1 ? null : version - 1,
        artifactUri,
        flavor: 'sklearn',
        signature: null,
        approvedBy: actor,
        reason: 'bench',
        promotionRequestId: null,
      }),
    );
  }
  return events;
}

async function timed<T>(label: string, events: number, run: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(40)} ${String(events).padStart(7)} events  ${(events / seconds).toFixed(0).padStart(7)} events/s  (${(seconds * 1000).toFixed(0)} ms)`,
  );
  return events / seconds;
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const ds = await openRegistrySchema(db.url, 4);
  const store = new EventStore(ds);
  const total = MODELS * (1 + 3 * VERSIONS);
  try {
    await timed('model events, 100-event batch appends', total, async () => {
      for (let m = 0; m < MODELS; m++) {
        const metadata = { actor, correlationId: `bench-${m}` };
        await store.append(
          `model-m${m}`,
          'no-stream',
          modelEvents(`m${m}`).map((e) => toNewEvent(e, metadata)),
        );
      }
    });
    const scan = await timed('baseline: scan of every event', total, async () => {
      for (let after = 0, n = 1; n > 0;) {
        const page = await store.readAll(after, 5000);
        n = page.length;
        after = page.at(-1)?.position ?? after;
      }
    });
    const rebuilder = new ReadModelRebuilder(ds, store);
    let result = { models: 0, events: 0 };
    const rebuild = await timed('rebuild of every read model', total, async () => {
      result = await rebuilder.rebuild();
    });
    console.log(
      `rebuilt ${result.models} models from ${result.events} events; rebuild/scan ${(rebuild / scan).toFixed(2)}`,
    );
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
