/**
 * The gateway under load, beside a bare fastify hello-world on the same machine in the same run
 * (the ceiling of any fastify service here). Ours is the real platform: tracking, registry and
 * gateway as processes on a private nats-server and a scratch Postgres database, as
 * `startTestPlatform` runs them; load from autocannon in this process.
 *
 *   node -r @swc-node/register bench/gateway/gateway.bench.ts
 *
 * Each single-metric scenario spreads its requests over 20 runs. "max" scenarios are closed loops
 * (each connection sends its next request when the last one is answered: the most the platform
 * answers, latency then being connections / throughput); the "offered" one sends
 * BENCH_TARGET_RATE requests/s whatever the answers (open loop, as wrk2 does): the latency a
 * client sees at that load.
 *
 * Env: BENCH_SECONDS (10 per scenario), BENCH_CONNECTIONS (64), BENCH_TARGET_RATE (5000),
 * BENCH_ONLY (some of ceiling,async,async-target,sync,mlflow,batch,compare).
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startTestPlatform } from '@slipway/testing';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
/** The target rate: p99 is measured with this load offered (autocannon corrects for coordinated omission). */
const TARGET_RATE = Number(process.env['BENCH_TARGET_RATE'] ?? 5000);

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Scenarios to run (`BENCH_ONLY=ceiling,async,async-target,sync,mlflow,batch,compare`); default all. */
const ONLY = process.env['BENCH_ONLY']?.split(',');
const runs = (scenario: string) => !ONLY || ONLY.includes(scenario);

async function load(name: string, opts: autocannon.Options, scenario: string): Promise<Figures | undefined> {
  if (!runs(scenario)) return undefined;
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const figures = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  process.stdout.write(
    `${name.padEnd(44)} ${figures.rps.toFixed(0).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}  errors ${figures.errors}\n`,
  );
  return figures;
}

async function helloWorld(): Promise<Figures | undefined> {
  if (!runs('ceiling')) return undefined;
  const app = Fastify();
  app.post('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    return await load(
      'fastify hello-world (ceiling)',
      {
        url: `http://127.0.0.1:${port}/hello`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"key":"loss","value":0.5}',
      },
      'ceiling',
    );
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const ceiling = await helloWorld();
  const platform = await startTestPlatform({
    services: ['tracking', 'registry', 'gateway'],
    env: {
      gateway: { GATEWAY_RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'error' },
      tracking: { LOG_LEVEL: 'error' },
    },
  });
  try {
    const headers = { authorization: `Bearer ${platform.adminToken}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${platform.gatewayUrl}${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { info: { runId: string }; experimentId: string };
    };
    const exp = await call('POST', '/api/v1/experiments', { name: 'bench' });
    const runIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const run = await call('POST', '/api/v1/runs', { experimentId: exp.experimentId, runName: `run-${i}` });
      runIds.push(run.info.runId);
      await call('POST', `/api/v1/runs/${run.info.runId}/batch`, {
        params: [{ key: 'model', value: `m${i % 5}` }],
        metrics: Array.from({ length: 20 }, (_, k) => ({
          key: `m${k}`,
          value: Math.random(),
          step: 0,
          timestamp: Date.now(),
        })),
      });
    }
    let step = 0;
    let next = 0;
    const onePoint = () =>
      JSON.stringify({
        metrics: [{ key: 'loss', value: Math.random(), step: step++, timestamp: Date.now() }],
      });
    /** One point per request, the runs taking turns (20 training jobs reporting at once). */
    const singleMetric = (suffix: string, body: () => string = onePoint): autocannon.Options => ({
      url: platform.gatewayUrl,
      method: 'POST',
      headers,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/runs/${runIds[next++ % runIds.length]}/${suffix}`,
            body: body(),
          }),
        },
      ],
    });
    const asyncSingle = await load(
      'log one metric, async (POST /runs/:id/metrics)',
      singleMetric('metrics'),
      'async',
    );
    const asyncAtTarget = await load(
      `  same at ${TARGET_RATE.toLocaleString('en')} req/s offered (open loop)`,
      { ...singleMetric('metrics'), overallRate: TARGET_RATE },
      'async-target',
    );
    const single = await load('log one metric, sync (POST /runs/:id/batch)', singleMetric('batch'), 'sync');
    const mlflow = await load(
      'MLflow log-metric (POST /api/2.0/mlflow/runs/log-metric)',
      {
        url: `${platform.gatewayUrl}/api/2.0/mlflow/runs/log-metric`,
        method: 'POST',
        headers,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                run_id: runIds[next++ % runIds.length],
                key: 'loss',
                value: Math.random(),
                step: step++,
                timestamp: Date.now(),
              }),
            }),
          },
        ],
      },
      'mlflow',
    );
    const batchBody = () =>
      JSON.stringify({
        metrics: Array.from({ length: 1000 }, (_, k) => ({
          key: `b${k % 10}`,
          value: Math.random(),
          step: step++,
          timestamp: Date.now(),
        })),
      });
    const batch = await load(
      'log-batch of 1,000 metrics',
      {
        url: `${platform.gatewayUrl}/api/v1/runs/${runIds[1]}/batch`,
        method: 'POST',
        headers,
        connections: Math.min(CONNECTIONS, 16),
        requests: [{ setupRequest: (req) => ({ ...req, body: batchBody() }) }],
      },
      'batch',
    );
    const compare = await load(
      'compare 20 runs x 20 metrics',
      {
        url: `${platform.gatewayUrl}/api/v1/runs/compare`,
        method: 'POST',
        headers,
        body: JSON.stringify({ runIds, sortBy: { metric: 'm0', direction: 'DESC' } }),
      },
      'compare',
    );
    process.stdout.write(
      '\n| scenario | req/s | p50 ms | p99 ms | share of hello-world |\n|---|---|---|---|---|\n',
    );
    for (const f of [ceiling, asyncSingle, asyncAtTarget, single, mlflow, batch, compare]) {
      if (!f) continue;
      const share = ceiling ? `${((100 * f.rps) / ceiling.rps).toFixed(1)}%` : '-';
      process.stdout.write(`| ${f.name} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${share} |\n`);
    }
    if (batch)
      process.stdout.write(`\nlog-batch: ${(batch.rps * 1000).toFixed(0)} metric points/s through HTTP\n`);
  } finally {
    await platform.stop();
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
