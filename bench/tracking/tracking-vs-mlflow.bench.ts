/**
 * Slipway tracking against MLflow's own Postgres schema, in one run on one machine (issue 3,
 * "Benchmark"): compare, search, downsampled history and end-to-end ingest. Ours is the real
 * tracking service booted in-process (`bootstrapService`) on a private nats-server, a scratch
 * Postgres database and an embedded chDB directory, called through its NATS RPCs; the baseline
 * is MLflow's tables (schema `mlflow`, same database and server) and the SQL MLflow runs on them.
 *
 *   node -r @swc-node/register bench/tracking/tracking-vs-mlflow.bench.ts [--quick] [--profile]
 *
 * Env: BENCH_ITERATIONS (30 quick / 40), BENCH_COMPARE_RUNS (runs to draw the compared 1,000
 * from: 2,000), BENCH_COMPARE_POINTS (points per series: 10 quick / 50), BENCH_SEARCH_RUNS
 * (100,000), BENCH_HISTORY_STEPS (1,000,000), BENCH_INGEST_POINTS (200,000 quick / 2,000,000),
 * BENCH_PUBLISH_WINDOW (publishes in flight: 1,000), BENCH_BASELINE_POOL (8 connections),
 * BENCH_ONLY (comma list of compare,search,history,ingest).
 * Timings are printed, never asserted (DESIGN.md, Testing).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  CompareRuns,
  CompareRunsColumns,
  CreateExperiment,
  GetDownsampledHistory,
  GetMetricHistory,
  RunStarted,
  MetricsLogged,
  ParamsLogged,
  RunFinished,
  SearchRuns,
  TagsSet,
} from '@slipway/contracts';
import { connectNats, RpcClient } from '@slipway/messaging';
import type { ClickHouseHandle } from '@slipway/persistence';
import { bootstrapService, CLICKHOUSE, DATA_SOURCE, type RunningService } from '@slipway/runtime';
import {
  createTestDatabase,
  startNatsServer,
  type TestNatsServer,
  testServiceConfig,
} from '@slipway/testing';
import { Pool } from 'pg';
import { z } from 'zod';
import { AppModule } from '../../services/tracking/src/app.module';
import { MetricPointsWriter, MetricQueries } from '../../services/tracking/src/metrics';
import type { MetricPointsStore } from '../../services/tracking/src/metrics/metric-points.store';
import { trackingClickHouseMigrations } from '../../services/tracking/src/persistence/tracking.clickhouse-migrations';
import {
  trackingEntities,
  trackingMigrations,
} from '../../services/tracking/src/persistence/tracking.schema';
import { CompareColumnsRepository } from '../../services/tracking/src/queries/compare-columns.repository';
import { CompareColumnsService } from '../../services/tracking/src/queries/compare-columns.service';
import { CompareRunsService } from '../../services/tracking/src/queries/compare-runs.service';
import { RunsService } from '../../services/tracking/src/runs/runs.service';
import { parseFilter, parseOrderBy } from '../../services/tracking/src/search';
import { partitionFilter, RunSearchService } from '../../services/tracking/src/search/sql';
import { SearchIndex } from '../../services/tracking/src/search-index';
import { ingestBatch, MODELS, runId, runIds, T0, type RunSet } from './bench-data';
import {
  int,
  interleaved,
  latencyOf,
  latencyRow,
  ms,
  once,
  printTable,
  prng,
  rateRow,
  sample,
  type Contender,
  type Latency,
  type ResultRow,
} from './bench-stats';
import type { PublisherInput, PublisherMessage } from './ingest-publisher.worker';
import {
  createMlflowExperiment,
  createMlflowTables,
  finishMlflowLoad,
  loadMlflowRunSet,
  loadMlflowRunsOnly,
  mlflowCompare,
  mlflowHistory,
  mlflowLogBatch,
  mlflowMinMaxBuckets,
  mlflowSearch,
} from './mlflow-baseline';
import { findPid, formatSummary, processCpuSeconds, startCpuProfile } from './cpu-profile';
import { analyzeTracking, loadTrackingPoints, loadTrackingRuns, settleMerges } from './tracking-loader';

const QUICK = process.argv.includes('--quick');
/** `--profile`: CPU profiles (by origin) of the service's thread and the publisher during ingest. */
const PROFILE = process.argv.includes('--profile');
const env = (name: string, quick: number, full: number) =>
  Number(process.env[name] ?? (QUICK ? quick : full));

const ITERATIONS = env('BENCH_ITERATIONS', 30, 40);
const COMPARED = 1_000;
const METRIC_KEYS = Array.from({ length: 20 }, (_, m) => `metric_${m}`);

const compareSet: RunSet = {
  prefix: 'cmp_',
  width: 5,
  runs: env('BENCH_COMPARE_RUNS', 2_000, 2_000),
  keys: METRIC_KEYS,
  points: env('BENCH_COMPARE_POINTS', 10, 50),
  params: ['model', 'max_depth', 'learning_rate', 'n_estimators', 'cv'],
  salt: 1,
  t0: T0,
};
const searchSet: RunSet = {
  prefix: 'srch_',
  width: 6,
  runs: env('BENCH_SEARCH_RUNS', 100_000, 100_000),
  keys: ['f1'],
  points: 3,
  params: ['model', 'cv'],
  salt: 2,
  t0: T0,
};
const historySet: RunSet = {
  prefix: 'hist_',
  width: 1,
  runs: 1,
  keys: ['loss'],
  points: env('BENCH_HISTORY_STEPS', 1_000_000, 1_000_000),
  params: ['model'],
  salt: 3,
  t0: T0,
};
const ingestSet: RunSet = {
  prefix: 'ing_',
  width: 3,
  runs: 100,
  keys: METRIC_KEYS,
  points: 0,
  params: ['model'],
  salt: 4,
  t0: T0,
};
const INGEST_POINTS = env('BENCH_INGEST_POINTS', 200_000, 2_000_000);
const INGEST_EVENTS = Math.ceil(INGEST_POINTS / 100);
const PUBLISH_WINDOW = env('BENCH_PUBLISH_WINDOW', 1_000, 1_000);
const BASELINE_POOL = env('BENCH_BASELINE_POOL', 8, 8);

/** BENCH_ONLY=compare,search,history,ingest runs only those parts (the data is loaded anyway). */
const ONLY = process.env['BENCH_ONLY']?.split(',');
const runs = (part: string) => !ONLY || ONLY.includes(part);

const rows: ResultRow[] = [];
const notes: string[] = [];

function section(title: string): void {
  console.log(`\n== ${title}`);
}

function show(label: string, l: Latency): void {
  console.log(
    `  ${label.padEnd(62)} p50 ${ms(l.p50).padStart(9)}  p95 ${ms(l.p95).padStart(9)}  max ${ms(l.max).padStart(9)}  (n=${l.n})`,
  );
}

interface Env {
  nats: TestNatsServer;
  service: RunningService;
  nc: NatsConnection;
  rpc: RpcClient;
  pool: Pool;
  dbUrl: string;
  ch: ClickHouseHandle;
  get<T>(type: abstract new (...args: never[]) => T): T;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `tracking vs MLflow schema${QUICK ? ' (--quick)' : ''}: node ${process.version}, ${cpus().length} cores, ` +
      `${ITERATIONS} iterations per latency`,
  );
  const nats = await startNatsServer();
  const db = await createTestDatabase();
  const chDir = await mkdtemp(join(tmpdir(), 'slipway-bench-ch-'));
  let service: RunningService | undefined;
  let nc: NatsConnection | undefined;
  const pool = new Pool({ connectionString: db.url, max: 10 });
  pool.on('error', () => undefined);
  try {
    service = await bootstrapService({
      service: 'tracking',
      config: { ...testServiceConfig(nats.url), SHUTDOWN_TIMEOUT_MS: 30_000 },
      postgres: {
        url: db.url,
        poolSize: 10,
        schema: 'tracking',
        entities: trackingEntities,
        migrations: trackingMigrations,
      },
      clickhouse: { dataPath: chDir, database: 'slipway_tracking', migrations: trackingClickHouseMigrations },
      consumes: [RunStarted, ParamsLogged, MetricsLogged, TagsSet, RunFinished],
      // The tuning of services/tracking/src/main.ts.
      consumer: { concurrency: 1024, batch: 256, maxAckPending: 4096 },
      imports: [AppModule],
    });
    const app = service.app;
    nc = await connectNats({ servers: nats.url, name: 'bench-client' });
    const e: Env = {
      nats,
      service,
      nc,
      rpc: new RpcClient(nc, { timeoutMs: 120_000 }),
      pool,
      dbUrl: db.url,
      ch: app.get<ClickHouseHandle>(CLICKHOUSE),
      get: (type) => app.get(type, { strict: false }),
    };
    console.log(
      `service up in ${ms(performance.now() - started)}; nats-server ${nats.url}, Postgres ${db.name}, chDB ${chDir}`,
    );

    const experiments = await load(e);
    if (runs('compare')) await compare(e);
    if (runs('search')) await search(e, experiments.search);
    if (runs('history')) await history(e);
    if (runs('ingest')) await ingest(e);

    section('results (ours / baseline: < 1 is faster for latencies, > 1 is more for throughput)');
    printTable(rows);
    for (const n of notes) console.log(`  * ${n}`);
    console.log(`\ntotal bench time ${ms(performance.now() - started)}`);
  } finally {
    await nc?.drain().catch(() => undefined);
    await service?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
    await nats.stop().catch(() => undefined);
    await rm(chDir, { recursive: true, force: true });
  }
}

/**
 * Lets the disks catch up before a write-heavy measurement: a Postgres checkpoint, ClickHouse
 * merges settled, then `sync`, so neither side's writes queue behind the dirty pages left by
 * the bulk load, a big sort's temp files or the other side's run.
 */
async function quiesce(e: Env): Promise<void> {
  await e.pool.query('CHECKPOINT');
  await settleMerges(e.ch.client);
  await promisify(execFile)('sync');
}

// --- loading ---

async function load(e: Env): Promise<{ search: { ours: string; mlflow: number } }> {
  section('loading the same data into both stores');
  const ours: Record<string, { experimentId: string; artifactLocation: string }> = {};
  const theirs: Record<string, number> = {};
  await createMlflowTables(e.pool);
  for (const name of ['bench-compare', 'bench-search', 'bench-history', 'bench-ingest']) {
    ours[name] = await e.rpc.request(CreateExperiment, { name });
    theirs[name] = await createMlflowExperiment(e.pool, name);
  }
  const sets: [RunSet, string][] = [
    [compareSet, 'bench-compare'],
    [searchSet, 'bench-search'],
    [historySet, 'bench-history'],
  ];
  const points = sets.reduce((n, [s]) => n + s.runs * s.keys.length * s.points, 0);
  const runs = sets.reduce((n, [s]) => n + s.runs, 0);
  const [pgOurs, chOurs, pgTheirs] = await Promise.all([
    once(async () => {
      for (const [set, name] of sets)
        await loadTrackingRuns(e.pool, set, ours[name]!.experimentId, ours[name]!.artifactLocation);
      await loadTrackingRuns(
        e.pool,
        ingestSet,
        ours['bench-ingest']!.experimentId,
        ours['bench-ingest']!.artifactLocation,
      );
      await analyzeTracking(e.pool);
      // Loaded behind the service's back: rebuild its ClickHouse copy of runs and params, as an
      // operator would after a restore.
      const copied = await once(() => e.get(SearchIndex).backfill(e.service.app.get(DATA_SOURCE)));
      console.log(
        `  search copy backfilled from Postgres: ${int(copied.value.runs)} runs, ${int(copied.value.params)} params in ${ms(copied.ms)}`,
      );
    }),
    once(async () => {
      for (const [set] of sets) await loadTrackingPoints(e.ch.client, set);
    }),
    once(async () => {
      for (const [set, name] of sets) await loadMlflowRunSet(e.pool, set, theirs[name]!);
      await loadMlflowRunsOnly(e.pool, ingestSet, theirs['bench-ingest']!);
      await finishMlflowLoad(e.pool);
    }),
  ]);
  const settled = await settleMerges(e.ch.client);
  await quiesce(e);
  console.log(
    `  ${int(runs + ingestSet.runs)} runs (+ params, tags) and ${int(points)} metric points in each store, loaded in parallel:\n` +
      `  ours: Postgres runs/params/tags inserted straight into the tracking schema's tables + VACUUM ANALYZE ${ms(pgOurs.ms)}, ` +
      `ClickHouse INSERT…SELECT numbers() into metric_points (views fill summaries) ${ms(chOurs.ms)}, ` +
      `background merges settled ${ms(settled)} later\n` +
      `  baseline: Postgres INSERT…SELECT generate_series into MLflow's tables, latest_metrics derived, ` +
      `then keys/indexes + VACUUM ANALYZE ${ms(pgTheirs.ms)}`,
  );
  notes.push(
    'data loaded server-side in both stores (INSERT…SELECT generate_series / numbers(); no COPY client is installed): ' +
      'ours straight into the tracking tables and metric_points, not through ingest (ingest is measured on its own)',
  );
  // Same data in both stores: latest values of a few runs must agree.
  const probe = [0, 1, compareSet.runs - 1].map((r) => runId(compareSet, r));
  const [mine, base] = await Promise.all([
    e.get(MetricQueries).latestMetrics(probe),
    mlflowCompare(e.pool, probe),
  ]);
  const mismatches = mine.filter(
    (s) => base.find((b) => b.runId === s.runId)?.metrics[s.key]?.value !== s.latest,
  );
  console.log(
    `  cross-check: ${mine.length} latest values of ${probe.length} runs, ${mismatches.length} differ between the stores`,
  );
  if (mismatches.length > 0) throw new Error(`stores disagree: ${JSON.stringify(mismatches.slice(0, 3))}`);
  return {
    search: { ours: ours['bench-search']!.experimentId, mlflow: theirs['bench-search']! },
  };
}

// --- compare ---

async function compare(e: Env): Promise<void> {
  section(
    `compare: latest of ${COMPARED} runs × ${METRIC_KEYS.length} metrics (drawn from ${int(compareSet.runs)} runs, ${compareSet.points} points per series)`,
  );
  const all = runIds(compareSet);
  const subset = (i: number) => sample(all, COMPARED, prng(1_000 + i));
  const queries = e.get(MetricQueries);
  const service = e.get(CompareRunsService);
  const maxPayload = e.nc.info?.max_payload ?? 1024 * 1024;

  // The size of the answer decides whether one NATS reply can carry it.
  const probe = await service.compare({ runIds: subset(0), onlyDifferences: false });
  const replyBytes = Buffer.byteLength(
    JSON.stringify({ id: 'x', response: z.encode(CompareRuns.response, probe) }),
  );
  const cells = probe.rows.reduce((n, r) => n + Object.keys(r.metrics).length, 0);
  console.log(
    `  the answer: ${probe.rows.length} rows, ${cells} metric cells, ${probe.columns.params.length} params, ` +
      `${probe.columns.tags.length} tags = ${(replyBytes / 1024).toFixed(0)} KiB of JSON; NATS max_payload ${(maxPayload / 1024).toFixed(0)} KiB`,
  );
  const whole = await once(() =>
    e.rpc.request(CompareRuns, { runIds: subset(0), onlyDifferences: false }, { timeoutMs: 5_000 }).then(
      (c) => `${c.rows.length} rows`,
      (err: unknown) => `FAILED: ${(err as Error).message}`,
    ),
  );
  console.log(`  one CompareRuns of all ${COMPARED} runs over NATS: ${whole.value} (after ${ms(whole.ms)})`);
  const fits = !whole.value.startsWith('FAILED');
  if (!fits) {
    notes.push(
      `compare: one CompareRuns reply for 1,000 runs × 20 metrics is ${(replyBytes / 1024).toFixed(0)} KiB, over NATS's ` +
        `max_payload (${(maxPayload / 1024).toFixed(0)} KiB): it is refused with COMMON.REPLY_TOO_LARGE. ` +
        `The row-shaped RPC is measured instead as concurrent RPCs of run chunks that fit; CompareRunsColumns fits in one.`,
    );
  }
  // Chunks small enough for one reply each, sent at once (what a gateway would have to do).
  const parts = fits ? 1 : Math.ceil(replyBytes / (0.75 * maxPayload));
  const chunkSize = Math.ceil(COMPARED / parts);
  const rpcCompare = async (ids: string[]) => {
    const chunks = Array.from({ length: parts }, (_, k) => ids.slice(k * chunkSize, (k + 1) * chunkSize));
    const answers = await Promise.all(
      chunks.map((c) => e.rpc.request(CompareRuns, { runIds: c, onlyDifferences: false })),
    );
    return answers.reduce((n, a) => n + a.rows.length, 0);
  };
  const rpcLabel = parts === 1 ? 'RPC' : `RPC ${parts}×${chunkSize} concurrent`;
  const columnsProbe = await e.rpc.request(CompareRunsColumns, { runIds: subset(0), onlyDifferences: false });
  console.log(
    `  CompareRunsColumns (latest values, a column per metric): ${(Buffer.byteLength(JSON.stringify(columnsProbe)) / 1024).toFixed(0)} KiB of JSON, one reply`,
  );
  const baselineCompare = async (i: number) => {
    const r = await mlflowCompare(e.pool, subset(i));
    if (r.length !== COMPARED) throw new Error(`baseline returned ${r.length} rows`);
  };
  // The target's pair on its own: the row-shaped contenders below leave megabytes of garbage
  // whose collection would land in whichever contender runs next.
  const main = await interleaved(
    {
      oursColumns: async (i) => {
        const c = await e.rpc.request(CompareRunsColumns, { runIds: subset(i), onlyDifferences: false });
        if (c.runs.runId.length !== COMPARED || c.metrics.length !== METRIC_KEYS.length) {
          throw new Error(
            `compareColumns returned ${c.runs.runId.length} runs × ${c.metrics.length} metrics`,
          );
        }
      },
      baseline: baselineCompare,
    },
    ITERATIONS,
  );
  const result = await interleaved(
    {
      ours: async (i) => {
        const n = await rpcCompare(subset(i));
        if (n !== COMPARED) throw new Error(`compare returned ${n} rows`);
      },
      oursService: async (i) => {
        const c = await service.compare({ runIds: subset(i), onlyDifferences: false });
        if (c.rows.length !== COMPARED) throw new Error(`compare returned ${c.rows.length} rows`);
      },
      oursDirect: async (i) => {
        const s = await queries.latestMetrics(subset(i));
        if (s.length !== COMPARED * METRIC_KEYS.length) throw new Error(`latestMetrics returned ${s.length}`);
      },
      baseline: baselineCompare,
    },
    ITERATIONS,
  );
  result.oursColumns = main.oursColumns!;
  result.baselineMain = main.baseline!;
  show('ours: CompareRunsColumns RPC over NATS (one reply)', result.oursColumns!);
  show(`ours: CompareRuns ${rpcLabel} over NATS`, result.ours!);
  show('ours: CompareRunsService.compare in-process (no NATS, no JSON)', result.oursService!);
  show('ours: MetricQueries.latestMetrics direct (ClickHouse part only)', result.oursDirect!);
  show('baseline: runs + latest_metrics + params + tags WHERE run_uuid = ANY', result.baselineMain!);
  show('baseline, second pass (beside the row-shaped contenders)', result.baseline!);
  for (const stat of ['p50', 'p95'] as const) {
    rows.push(
      latencyRow(
        'compare 1,000×20 (CompareRunsColumns RPC)',
        result.oursColumns!,
        result.baselineMain!,
        'p95 ≤ 50 ms, ≥ 10×',
        stat,
      ),
    );
  }
  rows.push(
    latencyRow(
      `compare: CompareRuns rows (${rpcLabel})`,
      result.ours!,
      result.baseline!,
      '(information)',
      'p95',
    ),
  );
  rows.push(
    latencyRow(
      'compare: service in-process, no NATS',
      result.oursService!,
      result.baseline!,
      '(information)',
      'p95',
    ),
  );
  rows.push(
    latencyRow(
      'compare: latestMetrics direct',
      result.oursDirect!,
      result.baseline!,
      '(ClickHouse part only)',
      'p95',
    ),
  );

  // Where the time goes: each step of CompareRunsService, then the wire format.
  const runs = e.get(RunsService);
  const steps: Record<string, number[]> = {
    pg: [],
    ch: [],
    service: [],
    encode: [],
    decode: [],
    chColumns: [],
    columnsService: [],
    pgColumns: [],
  };
  const columnsTable = e.get(CompareColumnsRepository);
  const columnsService = e.get(CompareColumnsService);
  for (let i = 0; i < 10; i++) {
    const ids = subset(200 + i);
    steps.pg!.push((await once(() => runs.getManyDetails(ids))).ms);
    steps.ch!.push((await once(() => queries.latestMetrics(ids))).ms);
    steps.chColumns!.push((await once(() => queries.metricColumns(ids, undefined, ['latest']))).ms);
    steps.pgColumns!.push((await once(() => columnsTable.tableOf(ids))).ms);
    steps.columnsService!.push(
      (
        await once(() =>
          columnsService.compareColumns({ runIds: ids, onlyDifferences: false, aggregates: ['latest'] }),
        )
      ).ms,
    );
    const { ms: serviceMs, value } = await once(() =>
      service.compare({ runIds: ids, onlyDifferences: false }),
    );
    steps.service!.push(serviceMs);
    let wire = '';
    steps.encode!.push(
      (
        await once(
          async () => (wire = JSON.stringify({ id: 'x', response: z.encode(CompareRuns.response, value) })),
        )
      ).ms,
    );
    steps.decode!.push((await once(async () => CompareRuns.response.parse(JSON.parse(wire).response))).ms);
  }
  const p = (k: string) => ms(latencyOf(steps[k]!).p50);
  console.log(
    `  breakdown (10 other subsets, p50): Postgres runs+params+tags ${p('pg')}, ClickHouse latestMetrics ${p('ch')}, ` +
      `whole CompareRunsService.compare ${p('service')}; server zod encode + JSON.stringify ${p('encode')}, ` +
      `client JSON.parse + zod parse ${p('decode')}\n` +
      `  columns (p50): ClickHouse metricColumns (latest) ${p('chColumns')}, Postgres table columns ${p('pgColumns')}, whole CompareColumnsService ${p('columnsService')} ` +
      '(Postgres and ClickHouse at once)',
  );
  notes.push(
    'compare: CompareRunsColumns returns the latest value per metric (as latest_metrics holds), the row-shaped ' +
      "CompareRuns latest + min + max + count (MLflow's latest_metrics has no min/max/count); " +
      "the baseline is the best SQL of MLflow's eager run load: 4 queries in parallel on a pool, rows assembled in JS",
  );
}

// --- search ---

async function search(e: Env, experiment: { ours: string; mlflow: number }): Promise<void> {
  section(
    `search: ${int(searchSet.runs)} runs, metrics.f1 > 0.9 AND params.model = '<m>' ORDER BY metrics.f1 DESC, first 100`,
  );
  const filterOf = (i: number) => ({
    metric: 'f1',
    threshold: 0.9,
    param: 'model',
    value: MODELS[i % MODELS.length]!,
  });
  const request = (i: number) => ({
    experimentIds: [experiment.ours],
    filter: `metrics.f1 > 0.9 AND params.model = '${filterOf(i).value}'`,
    orderBy: ['metrics.f1 DESC'],
    maxResults: 100,
  });
  const runs = e.get(RunsService);
  const metrics = e.get(MetricQueries);
  const runSearch = e.get(RunSearchService);
  const conditions = (i: number) =>
    partitionFilter(parseFilter(request(i).filter)).metricClauses.map((c) => ({
      key: c.key,
      op: c.op,
      value: c.value,
    }));
  /**
   * What-if, in-process, with the service's own classes and none of its code changed: the same
   * steps as SearchRunsService but the metric filter runs over every run's summaries instead of
   * receiving the experiment's 100,000 run ids (Postgres then keeps the experiment's runs).
   */
  const withoutIdList = async (i: number) => {
    const req = request(i);
    const matched = await metrics.filterRunsByMetrics(undefined, conditions(i));
    const sort = await metrics.latestMetrics(matched, ['f1']);
    const page = await runSearch.search({
      experimentIds: req.experimentIds,
      clauses: partitionFilter(parseFilter(req.filter)).relationalClauses,
      orderBy: parseOrderBy(req.orderBy),
      maxResults: 100,
      runIdsIn: matched,
      metricSortValues: new Map([['f1', new Map(sort.map((s) => [s.runId, s.latest]))]]),
    });
    await metrics.latestMetrics(page.runs.map((r) => r.info.runId));
    return page.runs.map((r) => r.info.runId);
  };

  const probe = await once(() => e.rpc.request(SearchRuns, request(0)));
  const [base, whatIf] = await Promise.all([
    mlflowSearch(e.pool, experiment.mlflow, filterOf(0), 100),
    withoutIdList(0),
  ]);
  const mine = probe.value.runs.map((r) => r.info.runId).join();
  const same = mine === base.map((r) => r.runId).join() && mine === whatIf.join();
  console.log(
    `  first SearchRuns: ${probe.value.runs.length} runs in ${ms(probe.ms)} (next page: ${probe.value.nextPageToken ? 'yes' : 'no'}); ` +
      `same runs in the same order from ours, the what-if and the baseline: ${same ? 'yes' : 'NO'}`,
  );
  if (!same) notes.push('search: ours, the what-if and the baseline returned different pages (see above)');

  // A search that takes seconds gets a time budget instead of ITERATIONS samples.
  const slow = probe.ms > 2_000;
  const baselineSearch: Contender = async (i) => {
    const page = await mlflowSearch(e.pool, experiment.mlflow, filterOf(i), 100);
    if (page.length !== 100) throw new Error(`baseline search returned ${page.length}`);
  };
  const contenders: Record<string, Contender> = { baseline: baselineSearch };
  const rpcSearch = async (i: number) => {
    const page = await e.rpc.request(SearchRuns, request(i));
    if (page.runs.length !== 100) throw new Error(`search returned ${page.runs.length}`);
  };
  if (!slow) contenders['ours'] = rpcSearch;
  const result = await interleaved(contenders, ITERATIONS);
  // The what-if apart: its 100k-id lists leave garbage that would be collected in our turn.
  result.whatIf = (
    await interleaved({ whatIf: withoutIdList, baseline: baselineSearch }, ITERATIONS)
  ).whatIf!;
  if (slow) {
    // More samples only while they fit in 30 s more: a minute-long search gets one.
    const samples = [probe.ms];
    const budgetEnd = performance.now() + 30_000 - probe.ms;
    for (let i = 1; i < ITERATIONS && performance.now() < budgetEnd; i++)
      samples.push((await once(() => rpcSearch(i))).ms);
    result['ours'] = latencyOf(samples);
    notes.push(
      `search: one SearchRuns took ${ms(probe.ms)}, so ours has ${samples.length} sample${samples.length > 1 ? 's' : ''} (a 30 s budget), not ${ITERATIONS}`,
    );
  }
  show('ours: SearchRuns RPC', result.ours!);
  show('what-if (in-process): same steps, metric filter without the id list', result.whatIf!);
  show("baseline: SqlAlchemyStore's join query + eager loads of the page", result.baseline!);
  for (const stat of ['p50', 'p95'] as const) {
    rows.push(
      latencyRow('search 100k runs, first page', result.ours!, result.baseline!, 'p95 ≤ 200 ms, ≥ 10×', stat),
    );
  }
  rows.push(
    latencyRow(
      'search what-if: no 100k-id list to CH',
      result.whatIf!,
      result.baseline!,
      '(what-if, in-process)',
      'p95',
    ),
  );

  // Where the time goes: the ClickHouse path SearchRuns takes here, step by step.
  const index = e.get(SearchIndex);
  const c: Record<string, number[]> = { ids: [], details: [], page: [] };
  for (let i = 0; i < (slow ? 1 : 10); i++) {
    const req = request(i);
    const { metricClauses, relationalClauses } = partitionFilter(parseFilter(req.filter));
    const ids = await once(() =>
      index.searchRunIds({
        experimentIds: req.experimentIds,
        metricClauses,
        paramClauses: relationalClauses.filter((r) => r.entity === 'param'),
        orderBy: [{ entity: 'metric', key: 'f1', direction: 'DESC' }],
        limit: 117,
        offset: 0,
      }),
    );
    c.ids!.push(ids.ms);
    c.details!.push((await once(() => runSearch.detailsOf(ids.value, ['active']))).ms);
    c.page!.push((await once(() => metrics.latestMetrics(ids.value))).ms);
  }
  const pc = (k: string) => ms(latencyOf(c[k]!).p50);
  console.log(
    `  breakdown of SearchRuns (p50): one ClickHouse query for the ordered page of ids ${pc('ids')}, ` +
      `Postgres runs + params + tags of the page ${pc('details')}, ClickHouse summaries of the page ${pc('page')} ` +
      '(the last two at once)',
  );

  // The Postgres path (taken for filters on tags or attributes), step by step.
  const t: Record<string, number[]> = { ids: [], filter: [], sortValues: [], pg: [], page: [] };
  let sizes = '';
  for (let i = 0; i < (slow ? 1 : 10); i++) {
    const req = request(i);
    const { relationalClauses } = partitionFilter(parseFilter(req.filter));
    const ids = await once(() => runs.runIdsOf(req.experimentIds));
    const filtered = await once(() => metrics.filterRunsByMetrics(ids.value, conditions(i)));
    const sortValues = await once(() => metrics.latestMetrics(filtered.value, ['f1']));
    const values = new Map([['f1', new Map(sortValues.value.map((s) => [s.runId, s.latest]))]]);
    const page = await once(() =>
      runSearch.search({
        experimentIds: req.experimentIds,
        clauses: relationalClauses,
        orderBy: parseOrderBy(req.orderBy),
        maxResults: 100,
        runIdsIn: filtered.value,
        metricSortValues: values,
      }),
    );
    const pageMetrics = await once(() => metrics.latestMetrics(page.value.runs.map((r) => r.info.runId)));
    t.ids!.push(ids.ms);
    t.filter!.push(filtered.ms);
    t.sortValues!.push(sortValues.ms);
    t.pg!.push(page.ms);
    t.page!.push(pageMetrics.ms);
    sizes = `${int(ids.value.length)} candidate ids, ${int(filtered.value.length)} pass the metric clause`;
  }
  const p = (k: string) => ms(latencyOf(t[k]!).p50);
  console.log(
    `  breakdown of the Postgres path (${t.ids!.length} run${t.ids!.length > 1 ? 's, p50' : ''}; ${sizes}): ` +
      `Postgres run ids of the experiment ${p('ids')}, ClickHouse metric filter given those ids ${p('filter')}, ` +
      `ClickHouse f1 of the matches ${p('sortValues')}, Postgres param filter + order by unnest(values) + page ${p('pg')}, ` +
      `ClickHouse summaries of the page ${p('page')}`,
  );
}

// --- history ---

async function history(e: Env): Promise<void> {
  const steps = historySet.points;
  const run = runId(historySet, 0);
  section(`history: one series of ${int(steps)} steps`);
  const queries = e.get(MetricQueries);
  const sample1 = await e.rpc.request(GetDownsampledHistory, {
    runIds: [run],
    keys: ['loss'],
    maxPoints: 1000,
  });
  console.log(`  GetDownsampledHistory gives ${sample1.series[0]?.points.length} points`);
  const result = await interleaved(
    {
      ours: async () => {
        const r = await e.rpc.request(GetDownsampledHistory, {
          runIds: [run],
          keys: ['loss'],
          maxPoints: 1000,
        });
        if (!r.series[0] || r.series[0].points.length > 1000) throw new Error('bad downsample');
      },
      oursDirect: () => queries.downsampledHistory([run], ['loss'], 1000),
      buckets: () => mlflowMinMaxBuckets(e.pool, run, 'loss', 500),
    },
    ITERATIONS,
  );
  const fullIterations = 3;
  const full = await interleaved(
    {
      baselineFull: async () => {
        const n = await mlflowHistory(e.pool, run, 'loss');
        if (n !== steps) throw new Error(`baseline history has ${n} points`);
      },
      oursFull: async () => {
        let pageToken: string | undefined;
        let n = 0;
        do {
          const page = await e.rpc.request(GetMetricHistory, {
            runId: run,
            key: 'loss',
            pageSize: 10_000,
            pageToken,
          });
          n += page.points.length;
          pageToken = page.nextPageToken;
        } while (pageToken);
        if (n !== steps) throw new Error(`history has ${n} points`);
      },
    },
    fullIterations,
    1,
  );
  show('ours: GetDownsampledHistory RPC → 1,000 points', result.ours!);
  show('ours: MetricQueries.downsampledHistory direct', result.oursDirect!);
  show('baseline 2: Postgres min/max of 500 step buckets on `metrics`', result.buckets!);
  show('baseline 1: MLflow get-history, the whole series from `metrics`', full.baselineFull!);
  show('ours, like for like: GetMetricHistory RPC, whole series, pages of 10,000', full.oursFull!);
  rows.push(
    latencyRow('history 1M → 1,000 vs full fetch', result.ours!, full.baselineFull!, '≤ 100 ms', 'p50'),
  );
  rows.push(
    latencyRow('history 1M → 1,000 vs PG min/max buckets', result.ours!, result.buckets!, '≤ 100 ms', 'p95'),
  );
  rows.push(
    latencyRow(
      'history full series (paged RPC vs one SELECT)',
      full.oursFull!,
      full.baselineFull!,
      '(information)',
      'p50',
    ),
  );
}

// --- ingest ---

function countLines(rows: Buffer): number {
  let n = 0;
  for (let i = rows.indexOf(10); i !== -1; i = rows.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Times the writer's flushes (the dedup lookup and the insert of each batch) by wrapping its
 * store for the run: where the end-to-end time goes between publishing and counting.
 */
function timeWriterFlushes(writer: MetricPointsWriter): { summary(start: number): string; restore(): void } {
  const store = (writer as unknown as { store: MetricPointsStore }).store;
  const { storedEventIds, insertRows } = store;
  const lookups: number[] = [];
  const inserts: { at: number; ms: number; rows: number }[] = [];
  store.storedEventIds = async (events) => {
    const t = performance.now();
    try {
      return await storedEventIds.call(store, events);
    } finally {
      lookups.push(performance.now() - t);
    }
  };
  store.insertRows = async (rows) => {
    const at = Date.now();
    const t = performance.now();
    try {
      return await insertRows.call(store, rows);
    } finally {
      inserts.push({ at, ms: performance.now() - t, rows: countLines(rows) });
    }
  };
  return {
    summary: (start) => {
      const busy = inserts.reduce((n, i) => n + i.ms, 0) + lookups.reduce((n, l) => n + l, 0);
      const rows = inserts.reduce((n, i) => n + i.rows, 0);
      return (
        `${inserts.length} inserts of ${int(Math.round(rows / Math.max(inserts.length, 1)))} points on average, ` +
        `first at +${ms((inserts[0]?.at ?? start) - start)}; inserts ${ms(busy - lookups.reduce((n, l) => n + l, 0))} ` +
        `(${int(Math.round((rows / Math.max(busy, 1)) * 1000))} points/s while busy), dedup lookups ${ms(lookups.reduce((n, l) => n + l, 0))}`
      );
    },
    restore: () => {
      store.storedEventIds = storedEventIds;
      store.insertRows = insertRows;
    },
  };
}

async function ingest(e: Env): Promise<void> {
  const ids = runIds(ingestSet);
  const points = INGEST_EVENTS * 100;
  section(
    `ingest: ${int(points)} points in ${int(INGEST_EVENTS)} MetricsLogged events of 100 points, ${ingestSet.runs} runs`,
  );
  // Counted through the comparison a client would read (only the point counts travel).
  const counted = async (): Promise<number> => {
    const c = await e.rpc.request(CompareRunsColumns, {
      runIds: ids,
      aggregates: ['count'],
      onlyDifferences: false,
    });
    return c.metrics.reduce((n, m) => n + (m.count ?? []).reduce<number>((k, x) => k + (x ?? 0), 0), 0);
  };
  if ((await counted()) !== 0) throw new Error('ingest runs already have points');
  await quiesce(e);

  const worker = new Worker(
    `require('@swc-node/register'); require(${JSON.stringify(join(__dirname, 'ingest-publisher.worker.ts'))});`,
    {
      eval: true,
      workerData: {
        natsUrl: e.nats.url,
        set: ingestSet,
        events: INGEST_EVENTS,
        window: PUBLISH_WINDOW,
        profile: PROFILE,
      } satisfies PublisherInput,
    },
  );
  const messages: PublisherMessage[] = [];
  const waiters: (() => void)[] = [];
  worker.on('message', (m: PublisherMessage) => {
    messages.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  worker.on('error', (err) => {
    messages.push({ type: 'error', message: err.stack ?? String(err) });
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (type: PublisherMessage['type']): Promise<PublisherMessage> => {
    for (;;) {
      const m = messages.find((x) => x.type === type || x.type === 'error');
      if (m) {
        if (m.type === 'error') throw new Error(`publisher: ${m.message}`);
        return m;
      }
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  await next('ready');
  const natsPid = findPid(['nats-server', `-p ${e.nats.port}`]);
  const natsCpu0 = natsPid ? processCpuSeconds(natsPid) : undefined;
  const cpu0 = process.cpuUsage();
  const stopProfile = PROFILE ? await startCpuProfile() : undefined;
  const flushes = timeWriterFlushes(e.get(MetricPointsWriter));
  const start = Date.now();
  worker.postMessage('go');
  let last = 0;
  let lastChange = Date.now();
  let seen = 0;
  while (seen < points) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await counted();
    if (seen !== last) {
      last = seen;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > 60_000) break;
  }
  const end = Date.now();
  const mainProfile = await stopProfile?.();
  const cpu = process.cpuUsage(cpu0);
  const natsCpu = natsPid && natsCpu0 !== undefined ? processCpuSeconds(natsPid)! - natsCpu0 : undefined;
  const done = (await next('done')) as Extract<PublisherMessage, { type: 'done' }>;
  await worker.terminate();
  // Let anything still in flight land, then count again: a point stored twice would show now.
  await new Promise((r) => setTimeout(r, 1_000));
  const finalCount = await counted();
  const check = await e.ch.client.query({
    query: `SELECT count(), uniqExact(event_id, ordinal) FROM metric_points WHERE run_id IN {runs:Array(String)}`,
    query_params: { runs: ids },
    format: 'JSONCompactEachRow',
  });
  const [[stored, unique]] = (await check.json()) as [[string | number, string | number]];
  const oursRate = (points / (end - start)) * 1000;
  const publishRate = (done.points / (done.endedAt - done.startedAt)) * 1000;
  const ok = finalCount === points && Number(stored) === points && Number(unique) === points;
  console.log(
    `  ours: first publish → CompareRunsColumns counts all ${int(points)} points: ${ms(end - start)} = ${int(oursRate)} points/s ` +
      `(publisher alone: ${int(publishRate)} points/s, ${int(done.published)} events acked by JetStream in ${ms(done.endedAt - done.startedAt)}, ${done.duplicates} duplicate acks)`,
  );
  console.log(
    `  check: published ${int(done.points)}, sum of counts ${int(finalCount)}, rows in metric_points ${int(Number(stored))}, ` +
      `distinct (event, ordinal) ${int(Number(unique))}: ${ok ? 'none lost, none doubled' : 'MISMATCH'}`,
  );
  const wall = (end - start) / 1000;
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  console.log(
    `  CPU during ours: node process (service + chDB threads + publisher worker) ${nodeCpu.toFixed(1)} s, ` +
      `nats-server ${natsCpu?.toFixed(1) ?? '?'} s, in ${wall.toFixed(1)} s of wall time = ` +
      `${((nodeCpu + (natsCpu ?? 0)) / wall).toFixed(2)} of ${cpus().length} cores busy`,
  );
  console.log(`  writer: ${flushes.summary(start)}`);
  flushes.restore();
  if (mainProfile) console.log(`  main thread (service) JS profile by origin: ${formatSummary(mainProfile)}`);
  if (done.profile) console.log(`  publisher worker JS profile by origin: ${formatSummary(done.profile)}`);
  if (!ok)
    notes.push(
      `ingest: count mismatch (published ${points}, counted ${finalCount}, stored ${stored}, unique ${unique})`,
    );

  // Baseline: the same batches through MLflow's log_batch transaction, BASELINE_POOL connections.
  await quiesce(e);
  const basePool = new Pool({ connectionString: e.dbUrl, max: BASELINE_POOL });
  basePool.on('error', () => undefined);
  try {
    let nextEvent = 0;
    const baseCpu0 = process.cpuUsage();
    const baseStart = performance.now();
    await Promise.all(
      Array.from({ length: BASELINE_POOL }, async () => {
        const client = await basePool.connect();
        try {
          while (nextEvent < INGEST_EVENTS) {
            const batch = ingestBatch(ingestSet, nextEvent++);
            await mlflowLogBatch(client, runId(ingestSet, batch.runIndex), batch);
          }
        } finally {
          client.release();
        }
      }),
    );
    const baseMs = performance.now() - baseStart;
    const baseCpu = process.cpuUsage(baseCpu0);
    const { rows: countRows } = await e.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM mlflow.metrics WHERE run_uuid LIKE '${ingestSet.prefix}%'`,
    );
    const baseRate = (points / baseMs) * 1000;
    console.log(
      `  baseline: MLflow log_batch transactions on ${BASELINE_POOL} connections: ${ms(baseMs)} = ${int(baseRate)} points/s, ` +
        `${int(Number(countRows[0]!.n))} rows in metrics (node process CPU ${((baseCpu.user + baseCpu.system) / 1e6).toFixed(1)} s)`,
    );
    rows.push(
      rateRow(`ingest ${int(points)} pts, end to end`, oursRate, baseRate, 'pts/s', '≥ 200,000 pts/s'),
    );
  } finally {
    await basePool.end();
  }
  notes.push(
    `ingest: ours is publish (EventPublisher in a worker thread, ${PUBLISH_WINDOW} in flight) → JetStream → tracking consumer → ` +
      `ClickHouse, until CompareRunsColumns counts every point (polled every 100 ms); baseline is synchronous inserts with no broker`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
