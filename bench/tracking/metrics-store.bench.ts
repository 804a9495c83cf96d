/**
 * Metrics store on embedded chDB: ingest through the batch writer, compare (latest of 1,000 runs
 * × 20 metrics), ranking, history and downsampling of a 1,000,000-step series.
 *
 *   node -r @swc-node/register bench/tracking/metrics-store.bench.ts
 *
 * Env: BENCH_RUNS (1000), BENCH_EVENTS_PER_RUN (10; an event is 20 metrics × 5 steps = 100 points),
 * BENCH_SERIES_STEPS (1000000), BENCH_ITERATIONS (30), BENCH_BATCH_POINTS (the writer's 50,000),
 * CLICKHOUSE_URL to run against a server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClickHouse, runClickHouseMigrations, toClickHouseFloat } from '@slipway/persistence';
import { trackingClickHouseMigrations } from '../../services/tracking/src/persistence/tracking.clickhouse-migrations';
import {
  ClickHouseMetricPointsStore,
  MetricPointsWriter,
  MetricQueries,
  SERVER_MAX_IDS_PER_QUERY,
  type MetricPointInput,
} from '../../services/tracking/src/metrics';
import {
  encodeMetricRows,
  METRIC_ROW_COLUMNS,
} from '../../services/tracking/src/metrics/metric-points.encoding';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const EVENTS_PER_RUN = Number(process.env['BENCH_EVENTS_PER_RUN'] ?? 10);
const SERIES_STEPS = Number(process.env['BENCH_SERIES_STEPS'] ?? 1_000_000);
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 30);
const BATCH_POINTS = Number(process.env['BENCH_BATCH_POINTS'] ?? 50_000);
const METRICS = 20;
const STEPS_PER_EVENT = 5;
/** Events a JetStream consumer would hold unacked at once (its max ack pending). */
const IN_FLIGHT = 2_000;

const runId = (r: number) => `run-${String(r).padStart(5, '0')}`;
const keys = Array.from({ length: METRICS }, (_, m) => `metric_${m}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(label: string, fn: () => Promise<unknown>, iterations = ITERATIONS): Promise<void> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(`${label.padEnd(58)} p50 ${f(percentile(ms, 50))} ms  p95 ${f(percentile(ms, 95))} ms`);
}

function eventPoints(e: number): MetricPointInput[] {
  const points: MetricPointInput[] = [];
  for (let s = 0; s < STEPS_PER_EVENT; s++) {
    const step = e * STEPS_PER_EVENT + s;
    for (let m = 0; m < METRICS; m++) {
      points.push({
        key: keys[m],
        step,
        timestamp: 1_700_000_000_000 + step * 1000,
        value: Math.exp(-step / 20) + Math.random() * 0.01,
      });
    }
  }
  return points;
}

async function main(): Promise<void> {
  const url = process.env['CLICKHOUSE_URL'];
  const dataPath = url ? undefined : await mkdtemp(join(tmpdir(), 'slipway-bench-'));
  const ch = await createClickHouse({ url, dataPath, database: `bench_metrics_${Date.now()}` });
  const maxIds = ch.mode === 'server' ? SERVER_MAX_IDS_PER_QUERY : Infinity;
  const count = async (query: string) => {
    const result = await ch.client.query({ query, format: 'JSONCompactEachRow' });
    return Number(((await result.json()) as [number | string][])[0][0]);
  };
  try {
    await runClickHouseMigrations(ch.client, ch.database, trackingClickHouseMigrations);
    console.log(
      `ClickHouse ${ch.mode}; ${RUNS} runs × ${METRICS} metrics, events of ${METRICS * STEPS_PER_EVENT} points\n`,
    );

    // Insert format: what the client's JSONEachRow costs against the writer's pre-encoded rows.
    const probe = Array.from({ length: 500 }, (_, e) => ({
      id: `probe-${e}`,
      run: runId(e % RUNS),
      points: eventPoints(e),
    }));
    await ch.client.command({
      query:
        'CREATE TABLE format_probe AS metric_points ENGINE = MergeTree ORDER BY (run_id, key, step, timestamp)',
    });
    await timed(
      'insert 50,000 points: client JSONEachRow objects',
      () =>
        ch.client.insert({
          table: 'format_probe',
          values: probe.flatMap((ev) =>
            ev.points.map((p, i) => ({
              run_id: ev.run,
              key: p.key,
              step: p.step,
              timestamp: p.timestamp,
              value: toClickHouseFloat(p.value),
              event_id: ev.id,
              ordinal: i,
            })),
          ),
          format: 'JSONEachRow',
          clickhouse_settings: { async_insert: 0 },
        }),
      5,
    );
    await timed(
      'insert 50,000 points: writer rows, pre-encoded JSONCompact',
      async () => {
        const rows = probe.map((ev) => encodeMetricRows(ev.id, ev.run, ev.points)).join('');
        const result = await ch.client.exec({
          query: `INSERT INTO format_probe (${METRIC_ROW_COLUMNS.join(', ')}) FORMAT JSONCompactEachRow`,
          values: Readable.from([Buffer.from(rows)], { objectMode: false }),
          clickhouse_settings: { async_insert: 0 },
        });
        result.stream.destroy();
      },
      5,
    );
    await ch.client.command({ query: 'DROP TABLE format_probe' });

    // Ingest through the writer, at most IN_FLIGHT events unacked, like a durable consumer.
    const events = RUNS * EVENTS_PER_RUN;
    const prepared = Array.from({ length: events }, (_, i) => ({
      id: `ev-${i}`,
      run: runId(i % RUNS),
      points: eventPoints(Math.floor(i / RUNS)),
    }));
    const writer = new MetricPointsWriter(new ClickHouseMetricPointsStore(ch, maxIds), {
      maxBatchPoints: BATCH_POINTS,
    });
    const start = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < prepared.length) {
        const ev = prepared[next++];
        await writer.add(ev.id, ev.run, ev.points);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    const seconds = (performance.now() - start) / 1000;
    await writer.close();
    const points = events * METRICS * STEPS_PER_EVENT;
    const stored = await count('SELECT count() FROM metric_points');
    const unique = await count('SELECT uniqExact(event_id, ordinal) FROM metric_points');
    const stats = writer.stats();
    console.log(
      `ingest ${points.toLocaleString('en')} points (${events.toLocaleString('en')} events): ` +
        `${Math.round(points / seconds).toLocaleString('en')} points/s, ${stats.inserts} inserts, ` +
        `stored ${stored.toLocaleString('en')}, unique ${unique.toLocaleString('en')} ${stored === points && unique === points ? 'OK' : 'MISMATCH'}`,
    );
    // Redelivering everything must store nothing more.
    const again = new MetricPointsWriter(new ClickHouseMetricPointsStore(ch, maxIds));
    const redeliverStart = performance.now();
    const outcomes = await Promise.all(
      prepared.slice(0, 2_000).map((ev) => again.add(ev.id, ev.run, ev.points)),
    );
    await again.close();
    console.log(
      `redeliver 2,000 events: ${(performance.now() - redeliverStart).toFixed(0)} ms, ` +
        `${outcomes.filter((o) => o === 'duplicate').length} duplicates, stored ${(await count('SELECT count() FROM metric_points')).toLocaleString('en')}\n`,
    );

    const queries = new MetricQueries(ch.client, maxIds);
    const runs = Array.from({ length: RUNS }, (_, r) => runId(r));
    await timed(`compare: latest of ${RUNS} runs × ${METRICS} metrics`, async () => {
      const summaries = await queries.latestMetrics(runs, keys);
      if (summaries.length !== RUNS * METRICS) throw new Error(`got ${summaries.length} summaries`);
    });
    await timed(`order ${RUNS} runs by metric_3 DESC, first 50`, () =>
      queries.orderRunsByMetric(runs, 'metric_3', 'DESC', { limit: 50 }),
    );
    await timed(`filter ${RUNS} runs: metric_3 > 0.005`, () =>
      queries.filterRunsByMetric(runs, 'metric_3', '>', 0.005),
    );
    await timed(`best of ${RUNS} runs by min of metric_7`, () =>
      queries.bestRun(runs, 'metric_7', 'min', 'min'),
    );

    // One long series, inserted server-side (the writer's speed is measured above).
    await ch.client.command({
      query: `INSERT INTO metric_points (run_id, key, step, timestamp, value, event_id, ordinal)
        SELECT 'long-run', 'loss', number, fromUnixTimestamp64Milli(toInt64(1700000000000 + number), 'UTC'),
          exp(-number / 300000) + randNormal(0, 0.05), concat('long-', toString(intDiv(number, 1000))), number % 1000
        FROM numbers({n:UInt64})`,
      query_params: { n: SERIES_STEPS },
      clickhouse_settings: { async_insert: 0 },
    });
    await timed(`downsample ${SERIES_STEPS.toLocaleString('en')} steps → 1,000 points`, async () => {
      const [series] = await queries.downsampledHistory(['long-run'], ['loss'], 1000);
      if (series.points.length > 1000 || series.totalPoints !== SERIES_STEPS) throw new Error('bad sample');
    });
    await timed('downsample 20 metrics × 50 runs → 100 points each', () =>
      queries.downsampledHistory(runs.slice(0, 50), keys, 100),
    );
    await timed('history: first page of 10,000 points of the long series', () =>
      queries.metricHistory('long-run', 'loss'),
    );
    const { nextPageToken } = await queries.metricHistory('long-run', 'loss', { pageSize: 10_000 });
    await timed('history: second page of 10,000 points (cursor)', () =>
      queries.metricHistory('long-run', 'loss', { pageSize: 10_000, pageToken: nextPageToken }),
    );
  } finally {
    await ch.close();
    if (dataPath) await rm(dataPath, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
