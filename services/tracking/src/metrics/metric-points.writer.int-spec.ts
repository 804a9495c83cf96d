import { formattedInserter, runClickHouseMigrations } from '@slipway/persistence';
import { createTestClickHouse, type TestClickHouse } from '@slipway/testing';
import { trackingClickHouseMigrations } from '../persistence/tracking.clickhouse-migrations';
import type { MetricPointInput } from './metric-points.encoding';
import { ClickHouseMetricPointsStore } from './metric-points.store';
import { MetricPointsWriter } from './metric-points.writer';
import { MetricQueries } from './metric-queries';

describe('MetricPointsWriter on ClickHouse', () => {
  let ch: TestClickHouse;
  let queries: MetricQueries;
  const writers: MetricPointsWriter[] = [];

  const newWriter = (options: { maxBatchPoints?: number; maxBatchAgeMs?: number } = {}) => {
    const writer = new MetricPointsWriter(
      new ClickHouseMetricPointsStore(
        { client: ch.client, insertFormatted: formattedInserter(ch) },
        Infinity,
      ),
      options,
    );
    writers.push(writer);
    return writer;
  };
  const count = async (where: string, params: Record<string, unknown>) => {
    const result = await ch.client.query({
      query: `SELECT toUInt32(count()) AS n, toUInt32(uniqExact(inserted_at)) AS inserts FROM metric_points WHERE ${where}`,
      query_params: params,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: number; inserts: number }>();
    return row;
  };
  /** 100 points: 10 keys × 10 steps from `step`. */
  const hundred = (step: number, value = 0.5): MetricPointInput[] =>
    Array.from({ length: 100 }, (_, i) => ({
      key: `m${i % 10}`,
      step: step + Math.floor(i / 10),
      timestamp: 1_700_000_000_000 + step,
      value,
    }));

  beforeAll(async () => {
    ch = await createTestClickHouse();
    await runClickHouseMigrations(ch.client, ch.database, trackingClickHouseMigrations);
    queries = new MetricQueries(ch.client);
  });
  afterAll(async () => {
    for (const writer of writers) await writer.close();
    await ch?.close();
  });

  test('batching - 300 events of 100 points are stored in a few inserts, every point once', async () => {
    const writer = newWriter({ maxBatchPoints: 50_000, maxBatchAgeMs: 100 });
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, e) => writer.add(`batch-${e}`, `batch-run-${e % 3}`, hundred(e * 10))),
    );
    expect(new Set(outcomes)).toEqual(new Set(['inserted']));
    const stats = writer.stats();
    expect(stats.insertedPoints).toBe(30_000);
    expect(stats.inserts).toBeLessThanOrEqual(3);
    // now64() is fixed per insert statement: distinct inserted_at values count the inserts.
    const stored = await count('run_id LIKE {p:String}', { p: 'batch-run-%' });
    expect(stored.n).toBe(30_000);
    expect(stored.inserts).toBe(stats.inserts);
  });

  test('ack after insert - when add resolves, the points and their summary are queryable', async () => {
    const writer = newWriter({ maxBatchAgeMs: 20 });
    for (let e = 0; e < 3; e++) {
      await writer.add(`ack-${e}`, 'ack-run', hundred(e * 10, e));
      expect((await count('event_id = {e:String}', { e: `ack-${e}` })).n).toBe(100);
      const [summary] = await queries.latestMetrics(['ack-run'], ['m0']);
      expect(summary).toMatchObject({ latest: e, step: e * 10 + 9, count: (e + 1) * 10 });
    }
  });

  test('dedup - a redelivered event is not doubled, by the same writer or by another one', async () => {
    const first = newWriter({ maxBatchAgeMs: 10 });
    await expect(first.add('dup-1', 'dup-run', hundred(0))).resolves.toBe('inserted');
    await expect(first.add('dup-1', 'dup-run', hundred(0))).resolves.toBe('duplicate');
    // Another replica (or this one after a restart) receives the same message again.
    const second = newWriter({ maxBatchAgeMs: 10 });
    const again = await Promise.all([
      second.add('dup-1', 'dup-run', hundred(0)),
      second.add('dup-2', 'dup-run', hundred(10)),
      second.add('dup-2', 'dup-run', hundred(10)),
    ]);
    expect(again).toEqual(['duplicate', 'inserted', 'duplicate']);
    expect((await count('run_id = {r:String}', { r: 'dup-run' })).n).toBe(200);
    const summaries = await queries.latestMetrics(['dup-run']);
    expect(summaries.map((s) => s.count)).toEqual(Array(10).fill(20));
  });

  test('several runs in one event - one insert for all of them; a redelivery is recognised by another writer', async () => {
    const first = newWriter({ maxBatchAgeMs: 10 });
    // A run without points first: the redelivery check must still find the event.
    const runs = [
      { runId: 'multi-empty', points: [] },
      ...['multi-a', 'multi-b', 'multi-c'].map((runId, r) => ({ runId, points: hundred(r * 100) })),
    ];
    await expect(first.addRuns('multi-1', runs)).resolves.toBe('inserted');
    expect(first.stats()).toMatchObject({ inserts: 1, insertedEvents: 1, insertedPoints: 300 });
    const stored = await count('event_id = {e:String}', { e: 'multi-1' });
    expect(stored).toEqual({ n: 300, inserts: 1 });
    const second = newWriter({ maxBatchAgeMs: 10 });
    await expect(second.addRuns('multi-1', runs)).resolves.toBe('duplicate');
    for (const { runId, points } of runs)
      expect((await count('run_id = {r:String}', { r: runId })).n).toBe(points.length);
  });

  test('NaN and infinities - stored and read back as such, the latest may be NaN', async () => {
    const writer = newWriter({ maxBatchAgeMs: 10 });
    const values = [1.5, NaN, Infinity, -Infinity, 5e-324, -0.1, NaN];
    await writer.add(
      'nan-1',
      'nan-run',
      values.map((value, step) => ({ key: 'x', value, step, timestamp: 1000 + step })),
    );
    const { points } = await queries.metricHistory('nan-run', 'x');
    expect(points.map((p) => p.value)).toEqual(values);
    expect(points.map((p) => p.timestamp)).toEqual(values.map((_, step) => 1000 + step));
    const [summary] = await queries.latestMetrics(['nan-run']);
    expect(summary).toEqual({
      runId: 'nan-run',
      key: 'x',
      latest: NaN,
      step: 6,
      timestamp: 1006,
      min: -Infinity,
      max: Infinity,
      count: 7,
    });
  });

  test('concurrency - queries on the same client run while batches are inserted', async () => {
    const writer = newWriter({ maxBatchPoints: 5_000, maxBatchAgeMs: 5 });
    const adds = Array.from({ length: 100 }, (_, e) =>
      writer.add(`conc-${e}`, `conc-run-${e % 4}`, hundred(e * 10)),
    );
    const runs = ['conc-run-0', 'conc-run-1', 'conc-run-2', 'conc-run-3'];
    const reads: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++)
      reads.push(queries.latestMetrics(runs), queries.metricHistory('conc-run-0', 'm0'));
    await Promise.all([...adds, ...reads]);
    expect(writer.stats().inserts).toBeGreaterThan(1);
    const summaries = await queries.latestMetrics(runs);
    expect(summaries.reduce((n, s) => n + s.count, 0)).toBe(10_000);
  });

  test('timestamps - epoch 0 and small values are milliseconds, not dates or seconds', async () => {
    const writer = newWriter({ maxBatchAgeMs: 10 });
    const stamps = [0, 1, 999, 1234, 20240101];
    await writer.add(
      'ts-1',
      'ts-run',
      stamps.map((timestamp, step) => ({ key: 't', value: 0, step, timestamp })),
    );
    const { points } = await queries.metricHistory('ts-run', 't');
    expect(points.map((p) => p.timestamp)).toEqual(stamps);
  });
});
