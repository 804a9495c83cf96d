import { ValidationError } from '@slipway/contracts';
import type { MetricPointInput } from './metric-points.encoding';
import type { MetricPointsStore, StoredEventRef } from './metric-points.store';
import { MetricPointsWriter } from './metric-points.writer';
import { MetricsWriteError, MetricsWriterClosedError } from './metrics.errors';

/** A store in memory that records its calls; `gate` holds inserts until released. */
class FakeStore implements MetricPointsStore {
  readonly stored = new Set<string>();
  readonly inserts: string[] = [];
  /** The event ids of each redelivery lookup. */
  readonly lookups: string[][] = [];
  failNext: Error | undefined;
  gate: Promise<void> = Promise.resolve();
  /** Inserts running now, and the most that ever ran at once. */
  active = 0;
  maxActive = 0;

  async storedEventIds(events: readonly StoredEventRef[]): Promise<Set<string>> {
    this.lookups.push(events.map((e) => e.eventId));
    return new Set(events.map((e) => e.eventId).filter((id) => this.stored.has(id)));
  }

  async insertRows(body: Buffer): Promise<void> {
    const rows = body.toString();
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    await this.gate.finally(() => this.active--);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.inserts.push(rows);
    for (const line of rows.trim().split('\n')) this.stored.add(JSON.parse(line)[5]);
  }

  rowCount(): number {
    return this.inserts.reduce((n, rows) => n + rows.trim().split('\n').length, 0);
  }
}

const points = (n: number, step = 0): MetricPointInput[] =>
  Array.from({ length: n }, (_, i) => ({ key: 'loss', value: i, timestamp: 1000, step: step + i }));

describe('MetricPointsWriter', () => {
  let store: FakeStore;
  let writer: MetricPointsWriter;

  beforeEach(() => {
    store = new FakeStore();
  });
  afterEach(async () => {
    await writer.close();
  });

  test('batching - adds below the size limit share one insert when their age is reached', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1000, maxBatchAgeMs: 20 });
    const outcomes = await Promise.all([1, 2, 3].map((i) => writer.add(`e${i}`, 'r1', points(10))));
    expect(outcomes).toEqual(['inserted', 'inserted', 'inserted']);
    expect(store.inserts).toHaveLength(1);
    expect(writer.stats()).toMatchObject({ flushes: 1, inserts: 1, insertedEvents: 3, insertedPoints: 30 });
  });

  test('fresh ids - an id made up for the call is not looked up; a client id still is', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1000, maxBatchAgeMs: 20 });
    await Promise.all([
      writer.add('made-up', 'r1', points(2), { freshId: true }),
      writer.add('client', 'r1', points(2)),
    ]);
    expect(store.lookups).toEqual([['client']]);
    await writer.add('made-up-2', 'r1', points(2), { freshId: true, flushNow: true });
    expect(store.lookups).toHaveLength(1);
    expect(store.rowCount()).toBe(6);
  });

  test('batching - reaching the size limit flushes without waiting for the age', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 20, maxBatchAgeMs: 60_000 });
    const started = Date.now();
    await Promise.all([writer.add('e1', 'r1', points(10)), writer.add('e2', 'r1', points(10))]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(store.inserts).toHaveLength(1);
  });

  test('batching - flushNow stores at once, taking the events buffered before it, under an hour-long age', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1000, maxBatchAgeMs: 3_600_000 });
    const ingest = writer.add('ingest1', 'r1', points(10));
    const outcome = await writer.add('rpc.b1', 'r1', points(3), { flushNow: true });
    expect(outcome).toBe('inserted');
    await expect(ingest).resolves.toBe('inserted');
    expect(store.inserts).toHaveLength(1);
    expect(store.rowCount()).toBe(13);
  });

  test('dedup - a retried flushNow add of a stored event id is a duplicate and inserts nothing', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1000, maxBatchAgeMs: 3_600_000 });
    await writer.add('rpc.b1', 'r1', points(3), { flushNow: true });
    await expect(writer.add('rpc.b1', 'r1', points(3), { flushNow: true })).resolves.toBe('duplicate');
    expect(store.rowCount()).toBe(3);
  });

  test('batching - a flush takes whole events up to the size limit, the rest follows', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 25, maxBatchAgeMs: 10 });
    await Promise.all([1, 2, 3, 4].map((i) => writer.add(`e${i}`, 'r1', points(10))));
    expect(store.inserts.map((rows) => rows.trim().split('\n').length)).toEqual([20, 20]);
  });

  test('ack after insert - add resolves only once its insert has finished', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1, maxBatchAgeMs: 1 });
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    let settled = false;
    const done = writer.add('e1', 'r1', points(5)).then((outcome) => {
      settled = true;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    release();
    await expect(done).resolves.toBe('inserted');
    expect(store.rowCount()).toBe(5);
  });

  test('dedup - an event already stored is not written again and reports duplicate', async () => {
    writer = new MetricPointsWriter(store, { maxBatchAgeMs: 1 });
    await writer.add('e1', 'r1', points(5));
    await expect(writer.add('e1', 'r1', points(5))).resolves.toBe('duplicate');
    expect(store.rowCount()).toBe(5);
    expect(writer.stats()).toMatchObject({ insertedEvents: 1, duplicateEvents: 1, inserts: 1 });
  });

  test('dedup - the same event added twice before a flush is written once', async () => {
    writer = new MetricPointsWriter(store, { maxBatchAgeMs: 10 });
    const outcomes = await Promise.all([
      writer.add('e1', 'r1', points(5)),
      writer.add('e1', 'r1', points(5)),
    ]);
    expect(outcomes).toEqual(['inserted', 'duplicate']);
    expect(store.rowCount()).toBe(5);
  });

  test('dedup - a redelivery during the flush of its first delivery waits for it, without a lookup', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1, maxBatchAgeMs: 1 });
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const first = writer.add('e1', 'r1', points(5));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const again = writer.add('e1', 'r1', points(5));
    // A second flush may run meanwhile: it must not take (or look up) the id being inserted.
    const other = writer.add('e2', 'r1', points(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await expect(first).resolves.toBe('inserted');
    await expect(again).resolves.toBe('duplicate');
    await expect(other).resolves.toBe('inserted');
    expect(store.lookups).toEqual([['e1'], ['e2']]);
    expect(store.rowCount()).toBe(6);
  });

  test('concurrency - the next batch is looked up and inserted while one insert runs, at most two at once', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 10, maxBatchAgeMs: 1 });
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const adds = [1, 2, 3, 4].map((i) => writer.add(`e${i}`, 'r1', points(10, i * 10)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const runningWhileBlocked = store.active;
    release();
    expect(runningWhileBlocked).toBe(2);
    await expect(Promise.all(adds)).resolves.toEqual(['inserted', 'inserted', 'inserted', 'inserted']);
    expect(store.maxActive).toBe(2);
    expect(store.inserts).toHaveLength(4);
  });

  test('concurrency - maxConcurrentFlushes 1 keeps one flush at a time', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 10, maxBatchAgeMs: 1, maxConcurrentFlushes: 1 });
    await Promise.all([1, 2, 3].map((i) => writer.add(`e${i}`, 'r1', points(10))));
    expect(store.maxActive).toBe(1);
    expect(store.inserts).toHaveLength(3);
  });

  test('errors - a redelivery waiting on a flush that fails is rejected with it (and retried later)', async () => {
    writer = new MetricPointsWriter(store, { maxBatchPoints: 1, maxBatchAgeMs: 1 });
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    store.failNext = new Error('disk full');
    const first = writer.add('e1', 'r1', points(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const again = writer.add('e1', 'r1', points(2));
    release();
    await expect(first).rejects.toBeInstanceOf(MetricsWriteError);
    await expect(again).rejects.toBeInstanceOf(MetricsWriteError);
    await expect(writer.add('e1', 'r1', points(2))).resolves.toBe('inserted');
    expect(store.rowCount()).toBe(2);
  });

  test('errors - a failed insert rejects every event of its batch; the next batch proceeds', async () => {
    writer = new MetricPointsWriter(store, { maxBatchAgeMs: 10 });
    store.failNext = new Error('disk full');
    const results = await Promise.allSettled([
      writer.add('e1', 'r1', points(2)),
      writer.add('e2', 'r2', points(2)),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(MetricsWriteError);
      expect(reason.code).toBe('TRACKING.METRICS_WRITE_FAILED');
      expect(reason.cause.message).toBe('disk full');
    }
    // The retry (redelivery after the nak) goes through.
    await expect(writer.add('e1', 'r1', points(2))).resolves.toBe('inserted');
    expect(writer.stats()).toMatchObject({ failedFlushes: 1, insertedEvents: 1 });
  });

  test('validation - a point that cannot be stored rejects its event alone, at once', async () => {
    writer = new MetricPointsWriter(store, { maxBatchAgeMs: 10 });
    const bad = [{ key: 'loss', value: 1, timestamp: -1, step: 0 }];
    const good = writer.add('ok', 'r1', points(3));
    await expect(writer.add('bad', 'r1', bad)).rejects.toBeInstanceOf(ValidationError);
    await expect(good).resolves.toBe('inserted');
    expect(store.rowCount()).toBe(3);
  });

  test('close - stores what is buffered, then refuses new events', async () => {
    writer = new MetricPointsWriter(store, { maxBatchAgeMs: 60_000 });
    const pending = writer.add('e1', 'r1', points(4));
    await writer.close();
    await expect(pending).resolves.toBe('inserted');
    await expect(writer.add('e2', 'r1', points(1))).rejects.toBeInstanceOf(MetricsWriterClosedError);
  });
});
