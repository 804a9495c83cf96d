import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Slipway } from '../slipway';
import {
  batchReply,
  runReply,
  startScriptedServer,
  type ReceivedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from '../testing/scripted-server';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** A gateway stand-in for batching: creates runs, stores batches (once per batchId), ends runs. */
function tracking(failFirstAttemptOf: Set<number> = new Set()) {
  const stored = new Map<string, number>();
  let batchNo = 0;
  return (req: ReceivedRequest): ScriptedReply => {
    if (req.method === 'POST' && req.url === '/api/v1/runs')
      return { status: 201, body: runReply(req.body.runId) };
    if (req.method === 'PATCH') return { status: 200, body: runReply('r1', req.body.status).info };
    if (req.url.endsWith('/batch')) {
      if (!stored.has(req.body.batchId) && failFirstAttemptOf.delete(batchNo))
        return {
          status: 503,
          body: { code: 'TRACKING.METRICS_WRITE_FAILED', message: 'try again', details: null },
        };
      const first = !stored.has(req.body.batchId);
      if (first) stored.set(req.body.batchId, batchNo++);
      return { status: 200, body: batchReply(req, first) };
    }
    return { status: 404, body: { code: 'GATEWAY.ROUTE_NOT_FOUND', message: req.url, details: null } };
  };
}

const batches = (server: ScriptedServer) => server.requests.filter((r) => r.url.endsWith('/batch'));

describe('run handle - client-side batching over a real socket', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('batching - 2,500 points go as 1000 + 1000 + 500, each batch with its own batchId; end() flushes then finishes', async () => {
    server = await startScriptedServer(tracking());
    const slipway = new Slipway({ url: server.url, flushIntervalMs: 60_000 });
    const run = await slipway.startRun({
      experimentId: '7',
      runName: 'svc',
      params: { C: 1, kernel: 'rbf' },
    });
    for (let step = 0; step < 2500; step++) run.logMetric('loss', 1 / (step + 1), step);
    const info = await run.end();
    expect(info.status).toBe('FINISHED');

    const create = server.requests[0]!;
    expect(create.body).toMatchObject({
      experimentId: '7',
      runName: 'svc',
      runId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const sent = batches(server);
    expect(sent[0]!.body.params).toEqual([
      { key: 'C', value: '1' },
      { key: 'kernel', value: 'rbf' },
    ]);
    const metricBatches = sent.filter((b) => b.body.metrics.length > 0);
    expect(metricBatches.map((b) => b.body.metrics.length)).toEqual([1000, 1000, 500]);
    expect(new Set(sent.map((b) => b.body.batchId)).size).toBe(sent.length);
    expect(metricBatches.flatMap((b) => b.body.metrics.map((m: { step: number }) => m.step))).toEqual(
      Array.from({ length: 2500 }, (_, i) => i),
    );
    expect(server.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { status: 'FINISHED' } });
  });

  test('batching - a flush that fails once is retried with the same batchId and stored once', async () => {
    server = await startScriptedServer(tracking(new Set([0])));
    const slipway = new Slipway({ url: server.url, retry: { baseDelayMs: 5 } });
    const run = await slipway.startRun({});
    run.logMetrics({ f1: 0.9, accuracy: 0.95 }, 1);
    await run.flush();
    const sent = batches(server);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body.batchId).toBe(sent[1]!.body.batchId);
    expect(sent[1]!.body.metrics).toEqual([
      expect.objectContaining({ key: 'f1', value: 0.9, step: 1 }),
      expect.objectContaining({ key: 'accuracy', value: 0.95, step: 1 }),
    ]);
  });

  test('batching - points are flushed flushIntervalMs after the first, without flush(); NaN travels as "NaN"', async () => {
    server = await startScriptedServer(tracking());
    const slipway = new Slipway({ url: server.url, flushIntervalMs: 50 });
    const run = await slipway.startRun({});
    run.logMetric('loss', NaN, 3);
    run.logMetric('loss', Infinity, 4);
    const deadline = Date.now() + 5000;
    while (batches(server).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(batches(server)[0]!.body.metrics.map((m: { value: unknown }) => m.value)).toEqual([
      'NaN',
      'Infinity',
    ]);
    await run.end();
  });

  test('batching - a batch that fails for good is reported by end(), which still ends the run', async () => {
    server = await startScriptedServer((req) =>
      req.url.endsWith('/batch')
        ? {
            status: 400,
            body: { code: 'TRACKING.PARAM_CONFLICT', message: 'param C was 1', details: { key: 'C' } },
          }
        : tracking()(req),
    );
    const slipway = new Slipway({ url: server.url, flushIntervalMs: 10 });
    const run = await slipway.startRun({});
    run.logMetric('f1', 0.5);
    await new Promise((r) => setTimeout(r, 100));
    await expect(run.end('FAILED')).rejects.toMatchObject({ code: 'TRACKING.PARAM_CONFLICT', status: 400 });
    expect(server.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { status: 'FAILED' } });
    expect(() => run.logMetric('f1', 1)).toThrow(/has ended/);
  });

  test('batching - a Node script that never calls end() or flush() still sends its points before exiting', async () => {
    server = await startScriptedServer(tracking());
    const script = resolve(__dirname, '..', 'testing', 'exit-flush.fixture.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, server.url], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect({ code, output }).toEqual({ code: 0, output: '' });
    expect(batches(server).flatMap((b) => b.body.metrics)).toHaveLength(1500);
  }, 30_000);
});
