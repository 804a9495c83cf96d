import { startTestPlatform, type TestPlatform } from '@slipway/testing';
import { Slipway, SlipwayApiError, type LiveEvent } from './index';
import { subscribeModelPromoted, type ModelPromotedEvent } from './nats';
import { startCuttableProxy } from './testing/cuttable-proxy';
import { startFlakyProxy } from './testing/flaky-proxy';

const POLICY = JSON.stringify({
  default: { requiresApproval: false, gates: [] },
  aliases: { production: { requiresApproval: true, gates: [{ metric: 'f1', op: '>=', value: 0.9 }] } },
});

describe('sdk - against the running platform', () => {
  let platform: TestPlatform;
  let slipway: Slipway;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['tracking', 'registry', 'gateway'],
      env: { registry: { REGISTRY_POLICY: POLICY } },
    });
    slipway = new Slipway({ url: platform.gatewayUrl, token: platform.adminToken, batchSize: 500 });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  test('runs - a run logs params and 2,000 points over several flushes, ends, and reads back through compare and history', async () => {
    const run = await slipway.startRun({
      experimentName: 'sdk-classifiers',
      runName: 'svc',
      params: { model: 'SVC', C: 1.5 },
      tags: { team: 'ml' },
    });
    for (let step = 0; step < 1000; step++) run.logMetrics({ f1: step / 1000, loss: 1 / (step + 1) }, step);
    const trainingSet = {
      dataset: {
        name: 'breast-cancer',
        digest: '5f1e9a',
        sourceType: 'local',
        source: '{"uri": "/data/bc.csv"}',
      },
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
    };
    await run.logInputs([trainingSet]);
    await run.logInputs([trainingSet]);
    const info = await run.end();
    expect(info.status).toBe('FINISHED');

    const other = await slipway.startRun({
      experimentName: 'sdk-classifiers',
      runName: 'lr',
      params: { model: 'LR', C: 1.5 },
    });
    other.logMetric('f1', 0.5);
    await other.end();

    const experimentId = run.info.experimentId;
    const compared = await slipway.compareRuns({
      experimentId,
      sortBy: { metric: 'f1', direction: 'DESC' },
      onlyDifferences: true,
    });
    expect(compared.rows.map((r) => r.params['model'])).toEqual(['SVC', 'LR']);
    expect(compared.columns.params).toEqual(['model']);
    expect(compared.rows[0]!.metrics['f1']).toMatchObject({ count: 1000, latest: 0.999, step: 999 });
    expect(compared.rows[0]!.metrics['loss']).toMatchObject({ count: 1000, latest: 0.001 });

    const got = await slipway.getRun(run.runId);
    expect(got.tags).toContainEqual({ key: 'team', value: 'ml' });
    expect(got.params).toContainEqual({ key: 'C', value: '1.5' });
    expect(got.inputs).toEqual([trainingSet]);
    const history = await slipway.metricHistory(run.runId, 'loss');
    expect(history).toHaveLength(1000);
    expect(history[999]).toMatchObject({ step: 999, value: 0.001 });
  });

  test('runs - a flush whose answer is lost is retried with its batchId and its points are stored once', async () => {
    let lost = 0;
    const proxy = await startFlakyProxy(platform.gatewayUrl, (method, path) => {
      if (method === 'POST' && path.endsWith('/batch') && lost < 2) {
        lost++;
        return true;
      }
      return false;
    });
    try {
      const flaky = new Slipway({ url: proxy.url, token: platform.adminToken, retry: { baseDelayMs: 10 } });
      const run = await flaky.startRun({ runName: 'flaky' });
      for (let step = 0; step < 1500; step++) run.logMetric('loss', step, step);
      await run.end();
      const batches = proxy.seen.filter((r) => r.path.endsWith('/batch'));
      // 1000 + 500 points, the first batch sent three times (two answers lost).
      expect(batches.map((b) => b.body.metrics.length)).toEqual([1000, 1000, 1000, 500]);
      expect(new Set(batches.slice(0, 3).map((b) => b.body.batchId)).size).toBe(1);
      const stored = await slipway.getRun(run.runId);
      expect(stored.metrics).toEqual([expect.objectContaining({ key: 'loss', count: 1500 })]);
    } finally {
      await proxy.close();
    }
  });

  test('live events - metrics logged by one run reach a subscriber of run:<id> as they arrive', async () => {
    const run = await slipway.startRun({ runName: 'live' });
    const received: LiveEvent[] = [];
    const live = slipway.events.subscribe([`run:${run.runId}`], (e) => received.push(e));
    try {
      await live.ready;
      run.logMetric('loss', 0.25, 7);
      await run.flush();
      const deadline = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(received[0]).toMatchObject({
        type: 'dev.slipway.tracking.run.metrics.logged.v1',
        data: { runId: run.runId, metrics: [expect.objectContaining({ key: 'loss', value: 0.25, step: 7 })] },
      });
    } finally {
      live.close();
    }
    await expect(live.closed).resolves.toBeUndefined();
    await run.end();
  });

  test('live events - a dropped stream reconnects and resumes: runs created meanwhile arrive once, in order', async () => {
    const proxy = await startCuttableProxy(platform.gatewayUrl);
    const viaProxy = new Slipway({
      url: proxy.url,
      token: platform.adminToken,
      retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetries: 100 },
    });
    const created: string[] = [];
    const reconnects: string[] = [];
    const live = viaProxy.events.subscribe(
      ['runs'],
      (e) =>
        e.type === 'dev.slipway.tracking.run.created.v1' && created.push((e.data as { runId: string }).runId),
      { onReconnect: (info) => reconnects.push(String(info.lastEventId)) },
    );
    const waitFor = async (ids: string[]) => {
      const deadline = Date.now() + 15_000;
      while (!ids.every((id) => created.includes(id)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await live.ready;
      const first = await slipway.startRun({ runName: 'before-the-cut' });
      await waitFor([first.runId]);
      const cursor = live.lastEventId;
      expect(cursor).toMatch(/^SLIPWAY_EVENTS:\d+$/);
      proxy.cut();
      // Created while the subscriber cannot reach the gateway.
      const missed = [
        await slipway.startRun({ runName: 'during-1' }),
        await slipway.startRun({ runName: 'during-2' }),
      ].map((r) => r.runId);
      await new Promise((r) => setTimeout(r, 700));
      proxy.heal();
      await waitFor(missed);
      expect(created).toEqual([first.runId, ...missed]);
      expect(reconnects[0]).toBe(cursor);
      expect(live.lastEventId).not.toBe(cursor);

      // A later subscription started from a kept position gets what came after it.
      const kept = live.lastEventId;
      live.close();
      const after = await slipway.startRun({ runName: 'after-close' });
      const resumed: string[] = [];
      const again = slipway.events.subscribe(
        ['runs'],
        (e) =>
          e.type === 'dev.slipway.tracking.run.created.v1' &&
          resumed.push((e.data as { runId: string }).runId),
        { lastEventId: kept! },
      );
      const deadline = Date.now() + 10_000;
      while (resumed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      again.close();
      expect(resumed).toEqual([after.runId]);
      for (const r of [first, after]) await r.end();
    } finally {
      live.close();
      await proxy.close();
    }
    await expect(live.closed).resolves.toBeUndefined();
  });

  test('live events - a gateway that cannot be reached ends the subscription once the retries are spent', async () => {
    const { createServer } = await import('node:net');
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const nowhere = new Slipway({
      url: `http://127.0.0.1:${closedPort}`,
      token: platform.adminToken,
      retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 },
    });
    const reconnects: unknown[] = [];
    const live = nowhere.events.subscribe(['runs'], () => undefined, {
      onReconnect: (info) => reconnects.push(info),
    });
    await expect(live.closed).rejects.toMatchObject({ code: 'SDK.NETWORK_ERROR' });
    await expect(live.ready).rejects.toMatchObject({ code: 'SDK.NETWORK_ERROR' });
    expect(reconnects).toEqual([]);
  });

  test('live events - a cursor the gateway refuses ends the subscription with the 400, without reconnecting', async () => {
    const live = slipway.events.subscribe(['runs'], () => undefined, { lastEventId: 'not a cursor' });
    await expect(live.closed).rejects.toMatchObject({ status: 400, code: 'COMMON.VALIDATION_FAILED' });
    await expect(live.ready).rejects.toMatchObject({ status: 400 });
  });

  test('errors - a missing run is SlipwayApiError TRACKING.RUN_NOT_FOUND 404; a bad token is 401', async () => {
    const missing = await slipway.getRun('no_such_run').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SlipwayApiError);
    expect(missing).toMatchObject({ code: 'TRACKING.RUN_NOT_FOUND', status: 404 });
    const stranger = new Slipway({ url: platform.gatewayUrl, token: 'slw_wrong' });
    await expect(stranger.tokens.whoami()).rejects.toMatchObject({
      code: 'GATEWAY.UNAUTHENTICATED',
      status: 401,
    });
  });

  test('models - request, approve by another token, model.promoted arrives over NATS, alias and history read back', async () => {
    const promoted: ModelPromotedEvent[] = [];
    const subscription = await subscribeModelPromoted(
      { natsUrl: platform.natsUrl, deliverFrom: 'new' },
      (e) => {
        promoted.push(e);
      },
    );
    try {
      await slipway.registerModel('sdk-churn', { description: 'churn classifier' });
      await slipway.createModelVersion('sdk-churn', {
        source: 'runs:/r1/model',
        flavor: 'sklearn',
        metrics: { f1: 0.8 },
      });
      await slipway.createModelVersion('sdk-churn', {
        source: 'runs:/r2/model',
        flavor: 'sklearn',
        metrics: { f1: 0.95 },
      });

      const weak = await slipway.requestPromotion('sdk-churn', { version: 1, alias: 'production' });
      expect(weak.request?.gates).toEqual([expect.objectContaining({ passed: false })]);
      await slipway.reject('sdk-churn', weak.requestId, 'f1 too low');

      const strong = await slipway.requestPromotion('sdk-churn', {
        version: 2,
        alias: 'production',
        reason: 'better f1',
      });
      expect(strong.request).toMatchObject({ version: 2, alias: 'production', requiresApproval: true });
      const bob = await slipway.tokens.create('sdk-bob', ['write']);
      const asBob = new Slipway({ url: platform.gatewayUrl, token: bob.token });
      const approved = await asBob.approve('sdk-churn', strong.requestId, { comment: 'ship it' });
      expect(approved.model.aliases).toEqual({ production: 2 });

      const deadline = Date.now() + 10_000;
      while (promoted.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(promoted[0]!.data).toMatchObject({
        model: 'sdk-churn',
        version: 2,
        alias: 'production',
        previousVersion: null,
      });

      expect(await slipway.getAlias('sdk-churn', 'production')).toMatchObject({
        version: 2,
        source: 'runs:/r2/model',
      });
      const history = await slipway.history('sdk-churn', { alias: 'production' });
      expect(history.entries.map((e) => e.actor.id)).toContain('sdk-bob');
    } finally {
      await subscription.stop();
    }
  });

  test('artifacts - bytes stream up with progress and down unchanged with their sha256', async () => {
    const run = await slipway.startRun({ runName: 'with-artifact' });
    const bytes = new Uint8Array(1024 * 1024 + 3).map((_, i) => i % 251);
    const progress: number[] = [];
    const stored = await slipway.uploadArtifact(run.runId, 'model/weights.bin', bytes, {
      onProgress: (n) => progress.push(n),
    });
    expect(stored).toMatchObject({ uri: `runs:/${run.runId}/model/weights.bin`, size: bytes.length });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(bytes.length);

    const download = await slipway.downloadArtifact(run.runId, 'model/weights.bin');
    expect(download.sha256).toBe(stored.sha256);
    const back = new Uint8Array(await new Response(download.body).arrayBuffer());
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    expect((await slipway.artifacts.list(run.runId, { recursive: true })).files).toEqual([
      expect.objectContaining({ path: 'model/weights.bin', isDir: false, size: bytes.length }),
    ]);
    await run.end();
  });
});
