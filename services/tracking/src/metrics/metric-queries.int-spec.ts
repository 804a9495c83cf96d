import { ValidationError } from '@slipway/contracts';
import { formattedInserter, runClickHouseMigrations } from '@slipway/persistence';
import { createTestClickHouse, type TestClickHouse } from '@slipway/testing';
import { trackingClickHouseMigrations } from '../persistence/tracking.clickhouse-migrations';
import type { MetricPointInput } from './metric-points.encoding';
import { ClickHouseMetricPointsStore } from './metric-points.store';
import { MetricPointsWriter } from './metric-points.writer';
import { MetricQueries } from './metric-queries';

/** Deterministic noise in [-1, 1). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

describe('MetricQueries', () => {
  let ch: TestClickHouse;
  let writer: MetricPointsWriter;
  let queries: MetricQueries;
  let event = 0;

  /** Stores `points` of `runId` as one event, in an insert of its own (so out-of-order inserts make separate parts). */
  const log = async (runId: string, points: MetricPointInput[]) => {
    await writer.add(`ev-${event++}`, runId, points);
  };
  const p = (key: string, step: number, value: number, timestamp = 1000): MetricPointInput => ({
    key,
    step,
    value,
    timestamp,
  });

  beforeAll(async () => {
    ch = await createTestClickHouse();
    await runClickHouseMigrations(ch.client, ch.database, trackingClickHouseMigrations);
    writer = new MetricPointsWriter(
      new ClickHouseMetricPointsStore(
        { client: ch.client, insertFormatted: formattedInserter(ch) },
        Infinity,
      ),
      {
        maxBatchAgeMs: 1,
      },
    );
    queries = new MetricQueries(ch.client);

    // Five classifiers, as on the slide: f1 and accuracy, one with a NaN f1, one without f1.
    const scores: Record<string, [f1: number, accuracy: number]> = {
      xgb: [0.91, 0.95],
      logreg: [0.84, 0.9],
      forest: [0.91, 0.96],
      svc: [NaN, 0.8],
      trees: [0.88, 0.94],
    };
    for (const [model, [f1, accuracy]] of Object.entries(scores)) {
      await log(`clf-${model}`, [p('f1', 0, f1 - 0.1), p('f1', 1, f1), p('accuracy', 1, accuracy)]);
    }
    await log('clf-none', [p('accuracy', 1, 0.7)]);
  });
  afterAll(async () => {
    await writer?.close();
    await ch?.close();
  });

  describe('latestMetrics', () => {
    test('latest - by step, then timestamp, whatever the insert order', async () => {
      await log('order', [p('loss', 5, 0.5, 1000)]);
      await log('order', [p('loss', 3, 0.3, 9000)]); // earlier step, later time: not latest
      await log('order', [p('loss', 5, 0.55, 2000)]); // same step, later time: latest
      await log('order', [p('loss', 5, 0.1, 1500)]);
      const [summary] = await queries.latestMetrics(['order']);
      expect(summary).toEqual({
        runId: 'order',
        key: 'loss',
        latest: 0.55,
        step: 5,
        timestamp: 2000,
        min: 0.1,
        max: 0.55,
        count: 4,
      });
    });

    test('ties - on equal step and timestamp a number beats NaN and the greater number wins', async () => {
      await log('tie', [p('a', 1, 2), p('a', 1, NaN), p('a', 1, 7), p('b', 1, NaN)]);
      await log('tie', [p('c', -5, 1), p('c', -1, -7), p('c', -1, -3), p('c', -1, -Infinity)]);
      await log('tie', [p('d', 2 ** 53 - 1, -0.5, 8_000_000_000_000), p('d', 2 ** 53 - 2, 9)]);
      const summaries = await queries.latestMetrics(['tie']);
      expect(summaries.map((s) => [s.key, s.latest, s.step, s.timestamp])).toEqual([
        ['a', 7, 1, 1000],
        ['b', NaN, 1, 1000],
        ['c', -3, -1, 1000],
        ['d', -0.5, 2 ** 53 - 1, 8_000_000_000_000],
      ]);
    });

    test('min and max - skip NaN, keep infinities, are NaN only when every value is NaN', async () => {
      await log('minmax', [p('mixed', 0, NaN), p('mixed', 1, 3), p('mixed', 2, -2), p('mixed', 3, NaN)]);
      await log('minmax', [p('inf', 0, 1), p('inf', 1, -Infinity), p('allnan', 0, NaN), p('allnan', 1, NaN)]);
      const byKey = Object.fromEntries((await queries.latestMetrics(['minmax'])).map((s) => [s.key, s]));
      expect(byKey['mixed']).toMatchObject({ latest: NaN, min: -2, max: 3, count: 4 });
      expect(byKey['inf']).toMatchObject({ latest: -Infinity, min: -Infinity, max: 1, count: 2 });
      expect(byKey['allnan']).toMatchObject({ latest: NaN, min: NaN, max: NaN, count: 2 });
    });

    test('many runs - chosen keys of chosen runs, ordered by run then key; unknown runs absent', async () => {
      const runs = ['clf-xgb', 'clf-svc', 'clf-none', 'no-such-run'];
      const summaries = await queries.latestMetrics(runs, ['f1', 'accuracy']);
      expect(summaries.map((s) => `${s.runId}/${s.key}=${s.latest}`)).toEqual([
        'clf-none/accuracy=0.7',
        'clf-svc/accuracy=0.8',
        'clf-svc/f1=NaN',
        'clf-xgb/accuracy=0.95',
        'clf-xgb/f1=0.91',
      ]);
      expect(await queries.latestMetrics(runs, [])).toEqual([]);
      expect(await queries.latestMetrics([])).toEqual([]);
    });

    test('split queries - long run lists give the same answer in several queries', async () => {
      const runs = ['clf-xgb', 'clf-logreg', 'clf-forest', 'clf-svc', 'clf-trees'];
      const split = new MetricQueries(ch.client, 2);
      expect(await split.latestMetrics(runs)).toEqual(await queries.latestMetrics(runs));
    });
  });

  describe('metricColumns', () => {
    test('parts - a series split over unmerged inserts is merged per aggregate, a cell per run in the asked order', async () => {
      await ch.client.command({ query: 'SYSTEM STOP MERGES metric_summaries' });
      try {
        await log('cols-a', [p('loss', 0, 0.9, 1000), p('acc', 0, 0.5)]);
        await log('cols-b', [p('loss', 0, 0.8, 1000)]);
        await log('cols-a', [p('loss', 2, NaN, 3000)]);
        await log('cols-a', [p('loss', 1, -Infinity, 2000), p('acc', 1, 0.7)]);
        await log('cols-b', [p('loss', 4, 0.2, 1500)]);
        const parts = await ch.client.query({
          query: `SELECT count() AS n FROM system.parts
            WHERE active AND database = currentDatabase() AND table = 'metric_summaries'`,
          format: 'JSONEachRow',
        });
        expect(Number(((await parts.json()) as [{ n: string }])[0].n)).toBeGreaterThan(2);

        const runs = ['cols-b', 'no-such-run', 'cols-a'];
        const all = ['latest', 'step', 'timestamp', 'min', 'max', 'count'] as const;
        expect(await queries.metricColumns(runs, undefined, [...all])).toEqual([
          {
            key: 'acc',
            latest: [null, null, 0.7],
            step: [null, null, 1],
            timestamp: [null, null, 1000],
            min: [null, null, 0.5],
            max: [null, null, 0.7],
            count: [null, null, 2],
          },
          {
            key: 'loss',
            latest: [0.2, null, 'NaN'],
            step: [4, null, 2],
            timestamp: [1500, null, 3000],
            min: [0.2, null, '-Infinity'],
            max: [0.8, null, 0.9],
            count: [2, null, 3],
          },
        ]);
        expect(await queries.metricColumns(runs, ['loss', 'f1'], ['latest'])).toEqual([
          { key: 'loss', latest: [0.2, null, 'NaN'] },
          { key: 'f1', latest: [null, null, null] },
        ]);
        expect(await queries.metricColumns(['no-such-run'], undefined, ['latest'])).toEqual([]);
        const split = new MetricQueries(ch.client, 1);
        expect(await split.metricColumns(runs, undefined, [...all])).toEqual(
          await queries.metricColumns(runs, undefined, [...all]),
        );
      } finally {
        await ch.client.command({ query: 'SYSTEM START MERGES metric_summaries' });
      }
    });
  });

  describe('metricHistory', () => {
    test('pages - every point once, in (step, timestamp) order, ties included, no gap between pages', async () => {
      const points: MetricPointInput[] = [];
      // 2,500 points over 500 steps, 5 per step, some sharing step and timestamp exactly.
      for (let i = 0; i < 2_500; i++) points.push(p('h', Math.floor(i / 5), i, 1000 + (i % 3)));
      for (let start = 0; start < points.length; start += 1000) {
        await log('hist', points.slice(start, start + 1000).reverse());
      }
      const seen: number[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await queries.metricHistory('hist', 'h', { pageSize: 700, pageToken: token });
        seen.push(...page.points.map((pt) => pt.value));
        token = page.nextPageToken;
        pages++;
        for (let i = 1; i < page.points.length; i++) {
          const [a, b] = [page.points[i - 1], page.points[i]];
          expect(a.step < b.step || (a.step === b.step && a.timestamp <= b.timestamp)).toBe(true);
        }
      } while (token);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(2_500);
      expect(new Set(seen).size).toBe(2_500);
    });

    test('requests - page size out of range or a token of another series is refused', async () => {
      await expect(queries.metricHistory('hist', 'h', { pageSize: 10_001 })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(queries.metricHistory('hist', 'h', { pageSize: 0 })).rejects.toBeInstanceOf(
        ValidationError,
      );
      const { nextPageToken } = await queries.metricHistory('hist', 'h', { pageSize: 1 });
      await expect(queries.metricHistory('hist', 'other', { pageToken: nextPageToken })).rejects.toThrow(
        /another metric series/,
      );
      expect(await queries.metricHistory('no-such-run', 'h')).toEqual({ points: [] });
    });
  });

  describe('downsampledHistory', () => {
    test('extremes - a noisy series of 100,000 steps keeps its global min and max in 100 points', async () => {
      const rand = noise(7);
      for (const [run, lowAt, highAt] of [
        ['ds-a', 31_337, 77_001],
        ['ds-b', 99_999, 0],
      ] as const) {
        const points: MetricPointInput[] = [];
        for (let step = 0; step < 100_000; step++) {
          const value = step === lowAt ? -50 : step === highAt ? 50 : Math.exp(-step / 30_000) + rand() * 0.2;
          points.push(p('loss', step, value, 1_700_000_000_000 + step));
        }
        const events = [];
        for (let start = 0; start < points.length; start += 1000)
          events.push(log(run, points.slice(start, start + 1000)));
        await Promise.all(events);
      }
      await log('ds-small', [p('loss', 0, 1), p('loss', 1, NaN), p('loss', 2, 3)]);

      const series = await queries.downsampledHistory(['ds-b', 'ds-a', 'ds-small'], ['loss'], 100);
      expect(series.map((s) => [s.runId, s.totalPoints, s.sampled])).toEqual([
        ['ds-a', 100_000, true],
        ['ds-b', 100_000, true],
        ['ds-small', 3, false],
      ]);
      for (const s of series.slice(0, 2)) {
        expect(s.points.length).toBeLessThanOrEqual(100);
        expect(s.points.length).toBeGreaterThan(90);
        const values = s.points.map((pt) => pt.value);
        expect(Math.min(...values)).toBe(-50);
        expect(Math.max(...values)).toBe(50);
        const steps = s.points.map((pt) => pt.step);
        expect(steps).toEqual([...steps].sort((a, b) => a - b));
      }
      expect(series[0].points.find((pt) => pt.value === -50)).toEqual({
        step: 31_337,
        timestamp: 1_700_000_031_337,
        value: -50,
      });
      expect(series[2].points.map((pt) => pt.value)).toEqual([1, NaN, 3]);
    });

    test('mixed series - own step ranges, long and short series of the same runs and keys in one call', async () => {
      const rand = noise(11);
      const series = (key: string, from: number, count: number) =>
        Array.from({ length: count }, (_, i) =>
          p(key, from + i, i === 7 ? 1e6 : i === count - 3 ? -1e6 : rand()),
        );
      await log('mix-1', [...series('a', 0, 300), ...series('b', 0, 5)]);
      await log('mix-2', [...series('a', 0, 5), ...series('b', 1000, 200)]);
      const result = await queries.downsampledHistory(['mix-2', 'mix-1'], ['b', 'a'], 20);
      expect(result.map((s) => [s.runId, s.key, s.totalPoints, s.sampled, s.points.length <= 20])).toEqual([
        ['mix-1', 'a', 300, true, true],
        ['mix-1', 'b', 5, false, true],
        ['mix-2', 'a', 5, false, true],
        ['mix-2', 'b', 200, true, true],
      ]);
      expect(result[1].points).toHaveLength(5);
      expect(result[2].points).toHaveLength(5);
      for (const s of [result[0], result[3]]) {
        const values = s.points.map((pt) => pt.value);
        expect([Math.min(...values), Math.max(...values)]).toEqual([-1e6, 1e6]);
        expect(s.points.length).toBeGreaterThan(10);
      }
      expect(result[3].points.every((pt) => pt.step >= 1000 && pt.step < 1200)).toBe(true);
    });

    test('NaN buckets - a bucket of NaN only gives one NaN point, other NaN points are skipped', async () => {
      const points = Array.from({ length: 40 }, (_, step) =>
        p('n', step, step < 10 ? NaN : step % 7 === 0 ? NaN : step),
      );
      await log('ds-nan', points);
      // 4 buckets of 10 steps: 0-9 all NaN, then the lowest and highest number of each other bucket.
      const [series] = await queries.downsampledHistory(['ds-nan'], ['n'], 8);
      expect(series.points.map((pt) => pt.value)).toEqual([NaN, 10, 19, 20, 29, 30, 39]);
      expect(series.points[0].step).toBeLessThan(10);
    });

    test('requests - maxPoints out of range is refused, never silently capped', async () => {
      await expect(queries.downsampledHistory(['ds-a'], ['loss'], 1)).rejects.toBeInstanceOf(ValidationError);
      await expect(queries.downsampledHistory(['ds-a'], ['loss'], 10_001)).rejects.toBeInstanceOf(
        ValidationError,
      );
    });
  });

  describe('run ranking', () => {
    const classifiers = ['clf-xgb', 'clf-logreg', 'clf-forest', 'clf-svc', 'clf-trees', 'clf-none'];

    test('orderRunsByMetric - numbers in order, then NaN, then runs without it; ties keep input order', async () => {
      const desc = await queries.orderRunsByMetric(classifiers, 'f1', 'DESC', { limit: 10 });
      expect(desc.map((r) => [r.runId, r.value])).toEqual([
        ['clf-xgb', 0.91],
        ['clf-forest', 0.91],
        ['clf-trees', 0.88],
        ['clf-logreg', 0.84],
        ['clf-svc', NaN],
        ['clf-none', undefined],
      ]);
      const asc = await queries.orderRunsByMetric(classifiers, 'f1', 'ASC', { limit: 3, offset: 1 });
      expect(asc.map((r) => r.runId)).toEqual(['clf-trees', 'clf-xgb', 'clf-forest']);
      const split = new MetricQueries(ch.client, 2);
      for (const [direction, offset] of [
        ['DESC', 0],
        ['ASC', 2],
      ] as const) {
        expect(await split.orderRunsByMetric(classifiers, 'f1', direction, { limit: 3, offset })).toEqual(
          await queries.orderRunsByMetric(classifiers, 'f1', direction, { limit: 3, offset }),
        );
      }
    });

    test('bestRun - the best latest value, or of the min/max of the series; NaN never wins', async () => {
      expect(await queries.bestRun(classifiers, 'f1', 'max')).toEqual({ runId: 'clf-xgb', value: 0.91 });
      expect(await queries.bestRun(classifiers, 'f1', 'min')).toEqual({ runId: 'clf-logreg', value: 0.84 });
      expect(await queries.bestRun(classifiers, 'f1', 'min', 'min')).toEqual({
        runId: 'clf-logreg',
        value: expect.closeTo(0.74, 10),
      });
      expect(await queries.bestRun(['clf-svc', 'clf-none'], 'f1', 'max')).toBeUndefined();
    });

    test('filterRunsByMetric - latest values compared, NaN matches only !=', async () => {
      expect(await queries.filterRunsByMetric(classifiers, 'f1', '>', 0.85)).toEqual([
        'clf-forest',
        'clf-trees',
        'clf-xgb',
      ]);
      expect(await queries.filterRunsByMetric(classifiers, 'f1', '!=', 0.91)).toEqual([
        'clf-logreg',
        'clf-svc',
        'clf-trees',
      ]);
      // Infinite bounds are parameters too (chDB cannot bind them as numbers).
      await log('inf-filter', [p('g', 0, -Infinity)]);
      expect(await queries.filterRunsByMetric(['inf-filter'], 'g', '=', -Infinity)).toEqual(['inf-filter']);
      expect(await queries.filterRunsByMetric(['inf-filter'], 'g', '>', -Infinity)).toEqual([]);
      // Without a run list: every run that has the metric.
      expect(await queries.filterRunsByMetric(undefined, 'f1', '<=', 0.84)).toEqual(['clf-logreg']);
      expect(
        await queries.filterRunsByMetrics(classifiers, [
          { key: 'f1', op: '>=', value: 0.88 },
          { key: 'accuracy', op: '<', value: 0.95 },
        ]),
      ).toEqual(['clf-trees']);
    });

    test('injection - keys and ids are parameters, operators come from a fixed table', async () => {
      const hostile = "f1' OR 1=1 --";
      expect(await queries.filterRunsByMetric([hostile], hostile, '>', 0)).toEqual([]);
      expect(await queries.latestMetrics([hostile], [hostile])).toEqual([]);
      await expect(
        queries.filterRunsByMetric(classifiers, 'f1', '> 0 OR 1=1 --' as '>', 0),
      ).rejects.toBeInstanceOf(ValidationError);
    });
  });
});
