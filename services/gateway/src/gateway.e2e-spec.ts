import { createHash } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { GetRun } from '@slipway/contracts';
import { startTestPlatform, type TestPlatform } from '@slipway/testing';
import { apiClient, type Json } from './testing/api-client';

const POLICY = JSON.stringify({
  default: { requiresApproval: false, gates: [] },
  aliases: {
    production: {
      requiresApproval: true,
      gates: [{ metric: 'recall', op: '<=', value: 0.99 }],
    },
  },
});

describe('gateway - the REST API as a user drives it', () => {
  let platform: TestPlatform;
  let admin: ReturnType<typeof apiClient>;
  let anonymous: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['tracking', 'registry', 'gateway'],
      env: { registry: { REGISTRY_POLICY: POLICY } },
    });
    admin = apiClient(platform.gatewayUrl, platform.adminToken);
    anonymous = apiClient(platform.gatewayUrl);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  test('auth - no token is 401, a read token on a write route is 403, an admin creates and revokes tokens', async () => {
    const none = await anonymous('GET', '/api/v1/whoami');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'GATEWAY.UNAUTHENTICATED' });
    expect(none.headers.get('www-authenticate')).toBe('Bearer');

    const bad = await apiClient(platform.gatewayUrl, 'slw_not_a_token')('GET', '/api/v1/whoami');
    expect(bad.status).toBe(401);

    const created = await admin('POST', '/api/v1/tokens', { name: 'alice', scopes: ['read'] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^slw_/);
    const alice = apiClient(platform.gatewayUrl, created.body.token);
    expect((await alice('GET', '/api/v1/whoami')).body).toMatchObject({ name: 'alice', scopes: ['read'] });

    const denied = await alice('POST', '/api/v1/experiments', { name: 'nope' });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'GATEWAY.FORBIDDEN' });
    expect((await alice('GET', '/api/v1/tokens')).status).toBe(403);

    const listed = await admin('GET', '/api/v1/tokens');
    expect(listed.body.tokens.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['admin', 'alice']),
    );
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    expect((await admin('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    const revoked = await alice('GET', '/api/v1/whoami');
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toContain('revoked');
  });

  test('auth - a bad token body gets 400 naming the field', async () => {
    const res = await admin('POST', '/api/v1/tokens', { name: 'x', scopes: ['root'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('COMMON.VALIDATION_FAILED');
    expect(res.body.message).toContain('scopes[0]');
  });

  test('experiments - create, read back by id and name; a taken name is 409 and a missing one 404', async () => {
    const created = await admin('POST', '/api/v1/experiments', {
      name: 'churn',
      tags: [{ key: 'team', value: 'ml' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.experimentId;
    expect((await admin('GET', `/api/v1/experiments/${id}`)).body).toMatchObject({ name: 'churn' });
    expect((await admin('GET', '/api/v1/experiments/by-name/churn')).body).toMatchObject({
      experimentId: id,
    });
    const again = await admin('POST', '/api/v1/experiments', { name: 'churn' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TRACKING.EXPERIMENT_ALREADY_EXISTS');
    const missing = await admin('GET', '/api/v1/experiments/by-name/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      code: expect.stringMatching(/NOT_FOUND$/),
      message: expect.any(String),
      details: expect.anything(),
    });
  });

  test('runs - create, log a batch (a retry with the same batchId stores nothing twice), finish, compare, search, history', async () => {
    const exp = await admin('POST', '/api/v1/experiments', { name: 'classifiers' });
    const experimentId = exp.body.experimentId;
    const runs: Record<string, string> = {};
    for (const [model, f1] of [
      ['XGBClassifier', 0.83],
      ['LogisticRegression', 0.78],
      ['SVC', 0.81],
    ] as const) {
      const created = await admin('POST', '/api/v1/runs', { experimentId, runName: model });
      expect(created.status).toBe(201);
      const runId = created.body.info.runId;
      runs[model] = runId;
      const batch = {
        batchId: `b-${runId}`,
        params: [{ key: 'model', value: model }],
        metrics: Array.from({ length: 100 }, (_, step) => ({
          key: 'f1',
          value: (f1 * (step + 1)) / 100,
          step,
          timestamp: 1_700_000_000_000 + step,
        })),
      };
      expect((await admin('POST', `/api/v1/runs/${runId}/batch`, batch)).body).toMatchObject({
        metricsStored: 100,
        paramsStored: 1,
      });
      expect((await admin('POST', `/api/v1/runs/${runId}/batch`, batch)).body).toMatchObject({
        metricsStored: 0,
      });
      const input = {
        dataset: {
          name: 'breast-cancer',
          digest: 'c0ffee',
          sourceType: 'local',
          source: '{"uri": "/data/bc.csv"}',
        },
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
      };
      expect((await admin('POST', `/api/v1/runs/${runId}/inputs`, { datasets: [input] })).status).toBe(200);
      expect((await admin('GET', `/api/v1/runs/${runId}`)).body.inputs).toEqual([input]);
      expect((await admin('PATCH', `/api/v1/runs/${runId}`, { status: 'FINISHED' })).body.status).toBe(
        'FINISHED',
      );
    }
    const run = await admin('GET', `/api/v1/runs/${runs.SVC}`);
    expect(run.body.metrics).toEqual([
      expect.objectContaining({ key: 'f1', count: 100, latest: 0.81, max: 0.81 }),
    ]);

    const compared = await admin('POST', '/api/v1/runs/compare', {
      experimentId,
      sortBy: { metric: 'f1', direction: 'DESC' },
    });
    expect(compared.body.rows.map((r: Json) => r.params.model)).toEqual([
      'XGBClassifier',
      'SVC',
      'LogisticRegression',
    ]);

    const columns = await admin('POST', '/api/v1/runs/compare-columns', { experimentId, metricKeys: ['f1'] });
    expect(columns.status).toBe(200);
    const f1 = columns.body.metrics.find((m: Json) => m.key === 'f1');
    expect([...f1.latest].sort()).toEqual([0.78, 0.81, 0.83]);

    const found = await admin('POST', '/api/v1/runs/search', {
      experimentIds: [experimentId],
      filter: "metrics.f1 > 0.8 AND params.model != 'XGBClassifier'",
      orderBy: ['metrics.f1 DESC'],
    });
    expect(found.body.runs.map((r: Json) => r.info.runName)).toEqual(['SVC']);
    const badFilter = await admin('POST', '/api/v1/runs/search', {
      experimentIds: [experimentId],
      filter: 'metrics.f1 >> 1',
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.code).toBe('TRACKING.INVALID_FILTER');

    const history = await admin('GET', `/api/v1/runs/${runs.SVC}/metrics/f1/history?pageSize=60`);
    expect(history.body.points).toHaveLength(60);
    const rest = await admin(
      'GET',
      `/api/v1/runs/${runs.SVC}/metrics/f1/history?pageSize=60&pageToken=${encodeURIComponent(history.body.nextPageToken)}`,
    );
    expect(rest.body.points).toHaveLength(40);
    expect(rest.body.nextPageToken).toBeUndefined();

    const missing = await admin('GET', '/api/v1/runs/no_such_run');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('TRACKING.RUN_NOT_FOUND');
  });

  test('runs - asynchronous metrics are durable at once (202), queryable soon after, and a retried batch is stored once', async () => {
    const created = await admin('POST', '/api/v1/runs', { runName: 'async' });
    const runId = created.body.info.runId;
    const body = {
      batchId: 'async-1',
      metrics: [
        { key: 'loss', value: 'NaN', step: 0, timestamp: Date.now() },
        { key: 'loss', value: 0.25, step: 1, timestamp: Date.now() },
      ],
    };
    const first = await admin('POST', `/api/v1/runs/${runId}/metrics`, body);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ runId, batchId: 'async-1', accepted: 2, duplicate: false });
    expect((await admin('POST', `/api/v1/runs/${runId}/metrics`, body)).body.duplicate).toBe(true);
    const deadline = Date.now() + 10_000;
    let metrics: Json[] = [];
    while (Date.now() < deadline) {
      metrics = (await admin('GET', `/api/v1/runs/${runId}`)).body.metrics;
      if (metrics.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(metrics).toEqual([expect.objectContaining({ key: 'loss', count: 2, latest: 0.25, min: 0.25 })]);
    // NaN survives the trip: JSON has no NaN, so the API answers the string, as clients send it.
    const history = await admin('GET', `/api/v1/runs/${runId}/metrics/loss/history`);
    expect(history.body.points.map((p: Json) => p.value)).toEqual(['NaN', 0.25]);

    await admin('DELETE', `/api/v1/runs/${runId}`);
    const other = await admin('POST', '/api/v1/runs', { runName: 'gone' });
    await admin('DELETE', `/api/v1/runs/${other.body.info.runId}`);
    const refused = await admin('POST', `/api/v1/runs/${other.body.info.runId}/metrics`, body);
    expect(refused.status).toBe(409);
    const tooMany = await admin('POST', `/api/v1/runs/${runId}/metrics`, {
      metrics: Array.from({ length: 1001 }, (_, step) => ({ key: 'k', value: 1, step, timestamp: 1 })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('metrics');
  });

  test('runs - concurrent asynchronous writes to several runs share messages; every point is stored once and streamed live', async () => {
    const runIds: string[] = [];
    for (const name of ['sweep-1', 'sweep-2', 'sweep-3'])
      runIds.push((await admin('POST', '/api/v1/runs', { runName: name })).body.info.runId);
    const events = await openEventStream(platform.gatewayUrl, platform.adminToken, `run:${runIds[0]}`);
    // Every GetRun the gateway asks tracking (a plain subscriber sees each request too; the body
    // is Nest's `{ pattern, data, id }`).
    const nc = await connect({ servers: platform.natsUrl });
    const runLookups: string[] = [];
    const lookups = nc.subscribe(GetRun.subject, {
      callback: (_err, msg) => {
        runLookups.push(msg.json<{ data: { runId: string } }>().data.runId);
      },
    });
    await nc.flush();
    try {
      const replies = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          admin('POST', `/api/v1/runs/${runIds[i % 3]}/metrics`, {
            metrics: [{ key: 'acc', value: i / 300, step: Math.floor(i / 3), timestamp: Date.now() }],
          }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(300).fill(202));
      // Coalesced: far fewer JetStream messages than requests.
      expect(new Set(replies.map((r) => r.body.batchId)).size).toBeLessThan(300);
      // The gateway asked tracking once per run whether it may take points, not once per request.
      await nc.flush();
      expect(runLookups.sort()).toEqual([...runIds].sort());

      const deadline = Date.now() + 15_000;
      let counts: number[] = [];
      while (Date.now() < deadline) {
        const runs = await Promise.all(runIds.map((id) => admin('GET', `/api/v1/runs/${id}`)));
        counts = runs.map((r) => r.body.metrics[0]?.count ?? 0);
        if (counts.every((c) => c >= 100)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(counts).toEqual([100, 100, 100]);
      const live: number[] = [];
      while (live.length < 100) {
        const event = await events.next('dev.slipway.tracking.run.metrics.logged.v1');
        expect(event.data.runId).toBe(runIds[0]);
        live.push(...event.data.metrics.map((m: Json) => m.step));
      }
      expect(live.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, step) => step));
    } finally {
      lookups.unsubscribe();
      await nc.close();
      events.close();
    }
  });

  test('artifacts - a file streams up and down with its sha256; listing shows it; a missing run is 404', async () => {
    const created = await admin('POST', '/api/v1/runs', { runName: 'with-model' });
    const runId = created.body.info.runId;
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    bytes.write('slipway', 1000);
    const put = await fetch(`${platform.gatewayUrl}/api/v1/runs/${runId}/artifacts/model/model.onnx`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${platform.adminToken}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(put.status).toBe(201);
    const stored = (await put.json()) as Json;
    expect(stored).toMatchObject({
      uri: `runs:/${runId}/model/model.onnx`,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });

    const got = await fetch(`${platform.gatewayUrl}/api/v1/runs/${runId}/artifacts/model/model.onnx`, {
      headers: { authorization: `Bearer ${platform.adminToken}` },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe(`"${stored.sha256}"`);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);

    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const absent = await admin('GET', `/api/v1/runs/${runId}/artifacts/model/missing.bin`);
    expect(absent.status).toBe(404);
    expect(absent.body.code).toBe('ARTIFACTS.NOT_FOUND');

    const listed = await admin('GET', `/api/v1/runs/${runId}/artifacts`);
    expect(listed.body.files).toEqual([{ path: 'model', isDir: true }]);
    const nowhere = await fetch(`${platform.gatewayUrl}/api/v1/runs/no_such_run/artifacts/x.bin`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${platform.adminToken}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from('x'),
    });
    expect(nowhere.status).toBe(404);
  });

  test('live events - metrics logged over HTTP reach a follower of the run', async () => {
    const created = await admin('POST', '/api/v1/runs', { runName: 'live' });
    const runId = created.body.info.runId;
    const events = await openEventStream(platform.gatewayUrl, platform.adminToken, `run:${runId}`);
    try {
      await admin('POST', `/api/v1/runs/${runId}/batch`, {
        metrics: [{ key: 'loss', value: 0.5, step: 1, timestamp: Date.now() }],
      });
      const event = await events.next('dev.slipway.tracking.run.metrics.logged.v1');
      expect(event.data).toMatchObject({
        runId,
        metrics: [expect.objectContaining({ key: 'loss', value: 0.5 })],
      });
    } finally {
      events.close();
    }
  });

  test('live events - a client that reconnects with Last-Event-ID gets what it missed, in order, then live events', async () => {
    const CREATED = 'dev.slipway.tracking.run.created.v1';
    const createRun = async (runName: string): Promise<string> =>
      (await admin('POST', '/api/v1/runs', { runName })).body.info.runId;
    // Published on the stream, seen by a plain subscriber: proof that an event exists before a client reconnects.
    const nc = await connect({ servers: platform.natsUrl });
    const published = new Set<string>();
    const watch = nc.subscribe('slipway.evt.tracking.>', {
      callback: (_err, msg) => {
        const event = msg.json<{ type: string; data: { runId: string } }>();
        if (event.type === CREATED) published.add(event.data.runId);
      },
    });
    await nc.flush();
    const publishedAll = async (ids: string[]) => {
      const deadline = Date.now() + 10_000;
      while (!ids.every((id) => published.has(id))) {
        if (Date.now() > deadline) throw new Error(`RunCreated of ${ids} not published`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      const first = await openEventStream(platform.gatewayUrl, platform.adminToken, 'runs');
      const a = await createRun('resume-a');
      const seenA = await first.next(CREATED);
      expect(seenA.data.runId).toBe(a);
      expect(seenA.id).toMatch(/^SLIPWAY_EVENTS:\d+$/);
      first.close();

      const missed = [await createRun('resume-b'), await createRun('resume-c')];
      await publishedAll(missed);
      const again = await openEventStream(platform.gatewayUrl, platform.adminToken, 'runs', {
        headers: { 'last-event-id': seenA.id! },
      });
      const replayed = [await again.next(CREATED), await again.next(CREATED)];
      expect(replayed.map((e) => e.data.runId)).toEqual(missed);
      const seq = (id: string | undefined) => Number(id!.split(':')[1]);
      expect(seq(replayed[0]!.id)).toBeGreaterThan(seq(seenA.id));
      expect(seq(replayed[1]!.id)).toBeGreaterThan(seq(replayed[0]!.id));
      const d = await createRun('resume-d');
      expect((await again.next(CREATED)).data.runId).toBe(d);
      again.close();

      // A client that saw nothing yet resumes from the first frame's cursor; a reloaded page from
      // the query parameter.
      const idle = await openEventStream(platform.gatewayUrl, platform.adminToken, 'runs');
      expect(idle.startId).toMatch(/^SLIPWAY_EVENTS:\d+$/);
      idle.close();
      const e = await createRun('resume-e');
      await publishedAll([e]);
      const reloaded = await openEventStream(platform.gatewayUrl, platform.adminToken, 'runs', {
        query: { lastEventId: idle.startId! },
      });
      expect((await reloaded.next(CREATED)).data.runId).toBe(e);
      reloaded.close();
    } finally {
      watch.unsubscribe();
      await nc.close();
    }
  });

  test('live events - the metrics of a run sent through NATS ingest are replayed to a returning follower; a bad lastEventId is a 400 naming it, an unknown Last-Event-ID starts from now', async () => {
    const METRICS = 'dev.slipway.tracking.run.metrics.logged.v1';
    const runId = (await admin('POST', '/api/v1/runs', { runName: 'resume-metrics' })).body.info.runId;
    const follower = await openEventStream(platform.gatewayUrl, platform.adminToken, `run:${runId}`);
    follower.close();
    // Asynchronous writes go through the ingest stream (the gateway's coalesced batches).
    for (let step = 0; step < 3; step++) {
      const sent = await admin('POST', `/api/v1/runs/${runId}/metrics`, {
        metrics: [{ key: 'loss', value: 1 / (step + 1), step, timestamp: Date.now() }],
      });
      expect(sent.status).toBe(202);
    }
    const back = await openEventStream(platform.gatewayUrl, platform.adminToken, `run:${runId}`, {
      headers: { 'last-event-id': follower.startId! },
    });
    const steps: number[] = [];
    while (steps.length < 3) {
      const event = await back.next(METRICS);
      expect(event.id).toMatch(/SLIPWAY_INGEST:\d+/);
      steps.push(...event.data.metrics.map((m: Json) => m.step));
    }
    expect(steps).toEqual([0, 1, 2]);
    back.close();

    // A bad position the caller chose is a 400 naming it.
    const res = await fetch(
      `${platform.gatewayUrl}/api/v1/events?${new URLSearchParams({ topics: 'runs', lastEventId: 'SLIPWAY_EVENTS:1,SLIPWAY_EVENTS:2' })}`,
      { headers: { authorization: `Bearer ${platform.adminToken}` } },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: unknown };
    expect(body.code).toBe('COMMON.VALIDATION_FAILED');
    expect(JSON.stringify(body.details)).toContain('lastEventId');
    // One an EventSource sent by itself (an id from before an upgrade) starts from now, saying so:
    // an EventSource given an error status would never try again.
    const controller = new AbortController();
    const old = await fetch(`${platform.gatewayUrl}/api/v1/events?topics=runs`, {
      headers: { authorization: `Bearer ${platform.adminToken}`, 'last-event-id': '5c3e0b6e-old-uuid' },
      signal: controller.signal,
    });
    expect(old.status).toBe(200);
    const reader = old.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': subscribed')) text += (await reader.read()).value ?? '';
    controller.abort();
    expect(text).toMatch(/^: starting from now: .*Last-Event-ID/);
  });

  test('live events - a client that cannot send headers (EventSource) may give the token as ?access_token=, on that route only', async () => {
    const stream = await openEventStream(platform.gatewayUrl, '', 'runs', {
      query: { access_token: platform.adminToken },
    });
    const runId = (await admin('POST', '/api/v1/runs', { runName: 'query-token' })).body.info.runId;
    expect((await stream.next('dev.slipway.tracking.run.created.v1')).data.runId).toBe(runId);
    stream.close();
    const wrong = await fetch(`${platform.gatewayUrl}/api/v1/events?topics=runs&access_token=slw_wrong`);
    expect(wrong.status).toBe(401);
    const elsewhere = await fetch(
      `${platform.gatewayUrl}/api/v1/whoami?access_token=${encodeURIComponent(platform.adminToken)}`,
    );
    expect(elsewhere.status).toBe(401);
    expect(((await elsewhere.json()) as { message: string }).message).not.toContain('access_token');
  });

  test('routes - an unknown route is 404 in the one error shape; the OpenAPI document lists the routes', async () => {
    const res = await admin('GET', '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('GATEWAY.ROUTE_NOT_FOUND');
    const doc = await anonymous('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/api/v1/models/{model}/promotions']).toHaveProperty('post');
    expect((await anonymous('GET', '/docs')).status).toBe(200);
  });

  test('models - the degenerate model is blocked by its gate; a good one is approved and arrives as model.promoted over SSE', async () => {
    expect(
      (await admin('POST', '/api/v1/models', { model: 'churn', description: 'churn classifier' })).status,
    ).toBe(201);
    const degenerate = await admin('POST', '/api/v1/models/churn/versions', {
      source: 'runs:/r1/model',
      flavor: 'sklearn',
      metrics: { recall: 1.0, accuracy: 0.095 },
    });
    expect(degenerate.status).toBe(201);
    const good = await admin('POST', '/api/v1/models/churn/versions', {
      source: 'runs:/r2/model',
      flavor: 'sklearn',
      metrics: { recall: 0.8, accuracy: 0.9 },
    });
    expect(good.status).toBe(201);

    const blocked = await admin('POST', '/api/v1/models/churn/promotions', {
      version: 1,
      alias: 'production',
    });
    expect(blocked.status).toBe(201);
    const blockedRequest = blocked.body.model.openRequests.find((r: { version: number }) => r.version === 1);
    expect(blockedRequest.gates).toEqual([
      expect.objectContaining({ gate: 'recall <= 0.99', actual: 1, passed: false }),
    ]);
    const writer = await admin('POST', '/api/v1/tokens', { name: 'carol', scopes: ['write'] });
    const carol = apiClient(platform.gatewayUrl, writer.body.token);
    const refused = await carol('POST', `/api/v1/models/churn/promotions/${blockedRequest.id}/approve`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('REGISTRY.GATE_FAILED');

    const events = await openEventStream(platform.gatewayUrl, platform.adminToken, 'model:churn');
    try {
      const requested = await admin('POST', '/api/v1/models/churn/promotions', {
        version: 2,
        alias: 'production',
        reason: 'better recall trade-off',
      });
      const requestId = requested.body.model.openRequests.find(
        (r: { version: number }) => r.version === 2,
      ).id;
      const approver = await admin('POST', '/api/v1/tokens', { name: 'bob', scopes: ['write'] });
      const bob = apiClient(platform.gatewayUrl, approver.body.token);
      const approved = await bob('POST', `/api/v1/models/churn/promotions/${requestId}/approve`, {
        comment: 'yes',
      });
      expect(approved.status).toBe(200);
      expect(approved.body.model.aliases).toEqual({ production: 2 });

      const promoted = await events.next('dev.slipway.registry.model.promoted.v1');
      expect(promoted.data).toMatchObject({ model: 'churn', version: 2, alias: 'production' });
    } finally {
      events.close();
    }

    const holder = await admin('GET', '/api/v1/models/churn/aliases/production');
    expect(holder.body).toMatchObject({ version: 2, source: 'runs:/r2/model' });
    const history = await admin('GET', '/api/v1/models/churn/history?alias=production');
    expect(history.body.entries.map((e: { actor: { id: string } }) => e.actor.id)).toContain('bob');
  });
});

/** Reads `text/event-stream` from the gateway and hands out events by type, with their SSE ids. */
async function openEventStream(
  baseUrl: string,
  token: string,
  topics: string,
  options: { headers?: Record<string, string>; query?: Record<string, string> } = {},
) {
  const controller = new AbortController();
  const query = new URLSearchParams({ topics, ...options.query });
  const res = await fetch(`${baseUrl}/api/v1/events?${query}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const received: Array<{ type: string; id: string | undefined; data: Json }> = [];
  const pump = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) received.push({ type, id, data: JSON.parse(data).data });
      }
    }
  };
  // Wait for the "subscribed" comment before returning, so nothing published after is missed.
  while (!buffer.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream closed before subscribing');
    buffer += value;
  }
  const first = buffer.slice(0, buffer.indexOf('\n\n'));
  expect(first).toMatch(/^: subscribed to /);
  /** The cursor of the moment of subscribing (the first frame's id). */
  const startId = /^id: (.*)$/m.exec(first)?.[1];
  buffer = buffer.slice(buffer.indexOf('\n\n') + 2);
  const pumping = pump().catch(() => undefined);
  return {
    startId,
    async next(type: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const at = received.findIndex((e) => e.type === type);
        if (at >= 0) return received.splice(at, 1)[0]!;
        if (Date.now() > deadline)
          throw new Error(`no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close() {
      controller.abort();
      void pumping;
    },
  };
}
