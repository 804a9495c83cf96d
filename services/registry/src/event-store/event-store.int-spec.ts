import { RegisteredModelCreated, ValidationError } from '@slipway/contracts';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { openRegistrySchema } from '../persistence/registry-test-schema';
import { ConcurrencyError, DuplicateEventError } from './concurrency.error';
import { EventStore } from './event-store';
import type { NewEvent } from './event-store.types';

jest.setTimeout(30_000);

const actor = { id: 'alice', kind: 'user' } as const;
const note = (n: number): NewEvent => ({
  type: 'dev.slipway.registry.test.noted.v1',
  data: { n },
  metadata: { actor, correlationId: `c-${n}`, reason: 'test' },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event store', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openRegistrySchema(db.url, 20);
    await ds.query('CREATE TABLE read_model (stream_id text PRIMARY KEY, version int NOT NULL)');
    store = new EventStore(ds);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  test('append - versions follow the expected one, positions grow, metadata comes back parsed', async () => {
    const first = await store.append('model-a', 'no-stream', [note(1), note(2)]);
    expect(first.nextVersion).toBe(2);
    expect(first.positions).toHaveLength(2);
    expect(first.positions[1]).toBeGreaterThan(first.positions[0]!);
    const second = await store.append('model-a', 2, [note(3)]);
    expect(second.nextVersion).toBe(3);
    const third = await store.append('model-a', 'any', [note(4)]);
    expect(third.nextVersion).toBe(4);

    const events = await store.readStream('model-a');
    expect(events.map((e) => [e.version, e.data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [3, { n: 3 }],
      [4, { n: 4 }],
    ]);
    expect(events[0]).toMatchObject({
      streamId: 'model-a',
      type: 'dev.slipway.registry.test.noted.v1',
      eventId: first.eventIds[0],
      metadata: { actor, correlationId: 'c-1', reason: 'test' },
    });
    expect(events[0]!.recordedAt).toBeInstanceOf(Date);
    expect((await store.readStream('model-a', { fromVersion: 3 })).map((e) => e.version)).toEqual([3, 4]);
    expect(await store.streamVersion('model-a')).toBe(4);
    expect(await store.streamVersion('nothing')).toBe(0);
  });

  test('append - a wrong expected version is a ConcurrencyError with the actual version, and stores nothing', async () => {
    await store.append('model-b', 'no-stream', [note(1)]);
    const refused = store.append('model-b', 'no-stream', [note(2)]);
    await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(refused).rejects.toMatchObject({
      code: 'REGISTRY.CONCURRENCY_CONFLICT',
      details: { streamId: 'model-b', expected: 'no-stream', actual: 1 },
    });
    await expect(store.append('model-b', 5, [note(2)])).rejects.toMatchObject({
      details: { expected: 5, actual: 1 },
    });
    expect(await store.streamVersion('model-b')).toBe(1);
  });

  test('concurrency - 50 appends expecting the same version: one wins, 49 conflict, versions stay consecutive', async () => {
    await store.append('model-race', 'no-stream', [note(0)]);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.append('model-race', 1, [note(i), note(i + 100)])),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const failure of lost) {
      expect(failure.reason).toBeInstanceOf(ConcurrencyError);
      expect((failure.reason as ConcurrencyError).details).toEqual({
        streamId: 'model-race',
        expected: 1,
        actual: 3,
      });
    }
    const events = await store.readStream('model-race');
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    const winner = (won[0] as PromiseFulfilledResult<{ eventIds: string[] }>).value;
    expect(events.slice(1).map((e) => e.eventId)).toEqual(winner.eventIds);
  });

  test('concurrency - 50 appends to different streams all succeed with distinct, gap-free positions', async () => {
    const before = await store.headPosition();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.append(`model-many-${i}`, 'no-stream', [note(i)])),
    );
    const positions = results.flatMap((r) => r.positions).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
  });

  test('read models - the callback runs in the append transaction; its failure rolls the append back', async () => {
    await store.append('model-rm', 'no-stream', [note(1)], async (tx, appended) => {
      await tx.query('INSERT INTO read_model VALUES ($1, $2)', ['model-rm', appended.nextVersion]);
    });
    expect(await ds.query(`SELECT version FROM read_model WHERE stream_id = 'model-rm'`)).toEqual([
      { version: 1 },
    ]);

    const head = await store.headPosition();
    const failing = store.append('model-rm', 1, [note(2)], async (tx) => {
      await tx.query(`UPDATE read_model SET version = 2 WHERE stream_id = 'model-rm'`);
      throw new Error('read model refused');
    });
    await expect(failing).rejects.toThrow('read model refused');
    expect(await store.streamVersion('model-rm')).toBe(1);
    expect(await store.headPosition()).toBe(head);
    expect(await ds.query(`SELECT version FROM read_model WHERE stream_id = 'model-rm'`)).toEqual([
      { version: 1 },
    ]);
  });

  test('time travel - a stream read as of a position or a time shows only what was stored then', async () => {
    const {
      positions: [p1],
    } = await store.append('model-tt', 'no-stream', [note(1)]);
    await sleep(20);
    const between = new Date();
    await sleep(20);
    await store.append('model-tt', 1, [note(2)]);
    await store.append('model-tt', 2, [note(3)]);

    const asOf = async (options: Parameters<EventStore['readStream']>[1]) =>
      (await store.readStream('model-tt', options)).map((e) => e.version);
    expect(await asOf({ asOfPosition: p1! })).toEqual([1]);
    expect(await asOf({ asOfTime: between })).toEqual([1]);
    expect(await asOf({ asOfTime: new Date(0) })).toEqual([]);
    expect(await asOf({})).toEqual([1, 2, 3]);
    expect(await store.headPosition(between)).toBe(p1);
  });

  test('readAll - every stream in global order after a position, in pages', async () => {
    const start = await store.headPosition();
    await store.append('model-all-1', 'no-stream', [note(1)]);
    await store.append('model-all-2', 'no-stream', [note(2), note(3)]);
    const page1 = await store.readAll(start, 2);
    const page2 = await store.readAll(page1.at(-1)!.position, 2);
    expect([...page1, ...page2].map((e) => [e.streamId, e.version])).toEqual([
      ['model-all-1', 1],
      ['model-all-2', 1],
      ['model-all-2', 2],
    ]);
  });

  test('append - contract data and metadata are validated; a reused event id is refused', async () => {
    const bad = { type: RegisteredModelCreated.type, data: { model: '' }, metadata: { actor } };
    await expect(store.append('model-v', 'no-stream', [bad])).rejects.toBeInstanceOf(ValidationError);
    const noActor = { ...note(1), metadata: {} as NewEvent['metadata'] };
    await expect(store.append('model-v', 'no-stream', [noActor])).rejects.toBeInstanceOf(ValidationError);

    const created = {
      type: RegisteredModelCreated.type,
      data: { model: 'churn', description: null, tags: [], createdBy: actor },
      metadata: { actor },
    };
    const { eventIds } = await store.append('model-v', 'no-stream', [created]);
    const retried = store.append('model-w', 'no-stream', [{ ...note(1), eventId: eventIds[0] }]);
    await expect(retried).rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.streamVersion('model-w')).toBe(0);
  });
});
