/**
 * The gateway under load, beside a bare fastify hello-world on the same machine in the same run
 * (the ceiling of any fastify service here). Ours is the real platform: tracking, registry and
 * gateway as processes on a private nats-server and a scratch Postgres database, as
 * `startTestPlatform` runs them; the hello-world is a process too. Load from this process.
 *
 *   node -r @swc-node/register bench/gateway/gateway.bench.ts
 *
 * Each single-metric scenario spreads its requests over 20 runs. Two kinds of load:
 * - closed loop (autocannon, "max"): each connection sends its next request when the last one is
 *   answered: the most the platform answers; latency is then connections / throughput;
 * - open loop ({@link openLoop}, "offered"): BENCH_TARGET_RATE requests/s at evenly spaced
 *   instants whatever the answers, as wrk2 does, each latency timed from when the request was
 *   due: the latency a client sees at that load. The "p99 at 5,000 req/s" is this one,
 *   for the hello-world and for ours.
 *
 * Env: BENCH_SECONDS (10 per scenario), BENCH_CONNECTIONS (64), BENCH_TARGET_RATE (5000),
 * BENCH_ONLY (some of ceiling,ceiling-target,async,async-target,sync,mlflow,batch,compare),
 * BENCH_TIMELINE=1 (open loop: the worst latency of each quarter second, to find stalls).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startTestPlatform } from '@slipway/testing';
import { openLoop, type LoadRequest } from './open-loop';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
/** The target rate: p99 is measured with this load offered, in an open loop ({@link openLoop}). */
const TARGET_RATE = Number(process.env['BENCH_TARGET_RATE'] ?? 5000);

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Scenarios to run (`BENCH_ONLY=ceiling,ceiling-target,async,async-target,sync,mlflow,batch,compare`); default all. */
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

/** `next` requests offered at BENCH_TARGET_RATE/s in an open loop (after 3 s at half the rate). */
async function offered(
  name: string,
  origin: string,
  next: () => LoadRequest,
  scenario: string,
): Promise<Figures | undefined> {
  if (!runs(scenario)) return undefined;
  const result = await openLoop({
    origin,
    rate: TARGET_RATE,
    seconds: SECONDS,
    warmupSeconds: 3,
    connections: CONNECTIONS,
    next,
  });
  const figures = { name, ...result };
  process.stdout.write(
    `${name.padEnd(44)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50} ms  p90 ${result.p90} ms  p99 ${result.p99} ms  p99.9 ${result.p999} ms  non-2xx ${result.non2xx}  errors ${result.errors}  (load generator late by up to ${result.generatorLagMax} ms)\n`,
  );
  if (process.env['BENCH_TIMELINE'])
    process.stdout.write(`  worst latency per 250 ms: ${result.worstPerQuarterSecond.join(' ')}\n`);
  return figures;
}

/** The hello-world ceiling, closed loop and at the target rate, run as its own process. */
async function helloWorld(): Promise<(Figures | undefined)[]> {
  if (!runs('ceiling') && !runs('ceiling-target')) return [];
  const server = spawn(process.execPath, ['-r', '@swc-node/register', `${__dirname}/hello-world.server.ts`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(server.stdout!, 'data')) as [Buffer];
    const port = /listening (\d+)/.exec(line.toString())?.[1];
    if (!port) throw new Error(`hello-world server: ${line.toString()}`);
    const url = `http://127.0.0.1:${port}`;
    const body = '{"key":"loss","value":0.5}';
    const headers = { 'content-type': 'application/json' };
    return [
      await load(
        'fastify hello-world (ceiling)',
        { url: `${url}/hello`, method: 'POST', headers, body },
        'ceiling',
      ),
      await offered(
        `  same at ${TARGET_RATE.toLocaleString('en')} req/s offered (open loop)`,
        url,
        () => ({ method: 'POST', path: '/hello', headers, body }),
        'ceiling-target',
      ),
    ];
  } finally {
    server.kill();
  }
}

async function main(): Promise<void> {
  const [ceiling, ceilingAtTarget] = await helloWorld();
  const platform = await startTestPlatform({
    services: ['tracking', 'registry', 'gateway'],
    // e.g. BENCH_GATEWAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/gateway-profile' to profile the gateway.
    nodeArgs: { gateway: process.env['BENCH_GATEWAY_NODE_ARGS']?.split(' ').filter(Boolean) ?? [] },
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
    const singleMetricRequest = (suffix: string) => ({
      path: `/api/v1/runs/${runIds[next++ % runIds.length]}/${suffix}`,
      body: onePoint(),
    });
    const singleMetric = (suffix: string): autocannon.Options => ({
      url: platform.gatewayUrl,
      method: 'POST',
      headers,
      requests: [{ setupRequest: (req) => ({ ...req, ...singleMetricRequest(suffix) }) }],
    });
    // Offered first: the closed loop after it leaves tracking a backlog to digest.
    const asyncAtTarget = await offered(
      `  same at ${TARGET_RATE.toLocaleString('en')} req/s offered (open loop)`,
      platform.gatewayUrl,
      () => ({ method: 'POST', headers, ...singleMetricRequest('metrics') }),
      'async-target',
    );
    const asyncSingle = await load(
      'log one metric, async (POST /runs/:id/metrics)',
      singleMetric('metrics'),
      'async',
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
    for (const f of [ceiling, ceilingAtTarget, asyncSingle, asyncAtTarget, single, mlflow, batch, compare]) {
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
