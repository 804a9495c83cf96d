import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  CompareRuns,
  GetBestRun,
  GetMetricHistory,
  GetRun,
  MetricsLogged,
  ParamsLogged,
  RunStarted,
  SearchRuns,
} from '@slipway/contracts';
import { dlqSubjectOf, EventPublisher, readDeadLetter, type RpcClient } from '@slipway/messaging';
import { eventually } from '@slipway/testing';
import { startTrackingTestService, type TrackingTestService } from './testing/tracking-test-service';

const run = promisify(execFile);
const PYTHON_PUBLISHER = join(__dirname, '../../../examples/publish_run_over_nats.py');

describe('tracking - a run published from any language is comparable through the RPC', () => {
  let tracking: TrackingTestService;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let publisher: EventPublisher;

  beforeAll(async () => {
    tracking = await startTrackingTestService('tracking-it', {
      consumes: [RunStarted],
      consumer: { concurrency: 256, batch: 128, backoffMs: [200, 500, 1000] },
    });
    ({ nc, rpc } = tracking);
    publisher = new EventPublisher(jetstream(nc), 'slipway', '/tests/tracking');
  }, 60_000);

  afterAll(async () => {
    await tracking?.close();
  });

  it('tracking - a Python script over a plain socket logs start, params, 10,000 points and finish', async () => {
    const { stdout } = await run('python3', [
      PYTHON_PUBLISHER,
      '--nats',
      tracking.natsUrl,
      '--run-id',
      'pyrun1',
      '--points',
      '10000',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ runId: 'pyrun1', points: 10_001 });

    const view = await eventually(
      () => rpc.request(GetRun, { runId: 'pyrun1' }).catch(() => undefined),
      // Each event has its own consumer: params may land after the finish (a retry while the run did not exist yet).
      (v) =>
        v?.info.status === 'FINISHED' &&
        v.params.length > 0 &&
        v.metrics.reduce((n, m) => n + m.count, 0) === 10_001,
    );
    expect(view!.info).toMatchObject({
      runName: 'XGBClassifier',
      userId: 'joak',
      sourceName: 'param_search.py',
      gitCommit: 'a160af',
    });
    expect(view!.params).toEqual(
      expect.arrayContaining([
        { key: 'model', value: 'XGBClassifier' },
        { key: 'max_depth', value: '6' },
      ]),
    );

    const comparison = await rpc.request(CompareRuns, { runIds: ['pyrun1'], onlyDifferences: false });
    const row = comparison.rows[0]!;
    expect(comparison.columns.metrics).toEqual([
      'accuracy',
      'f1',
      'mean_fit_time',
      'mean_score_time',
      'val_loss',
    ]);
    expect(row.metrics['f1']).toMatchObject({ latest: 0.972, step: 2499, count: 2500 });
    expect(Number.isNaN(row.metrics['val_loss']!.latest)).toBe(true);
    expect(row.params).toMatchObject({ model: 'XGBClassifier' });
  });

  it('tracking - compare sorts runs by a metric and keeps only what differs', async () => {
    const experimentName = 'compare-it';
    const runs = [
      { id: 'cmp_svc', model: 'SVC', f1: 0.878 },
      { id: 'cmp_xgb', model: 'XGBClassifier', f1: 0.972 },
      { id: 'cmp_rf', model: 'RandomForestClassifier', f1: 0.922 },
    ];
    for (const r of runs) {
      await publisher.publish(
        RunStarted,
        { runId: r.id, experimentName, startTime: Date.now(), tags: [{ key: 'team', value: 'ml' }] },
        { tokens: { runId: r.id } },
      );
      await publisher.publish(
        ParamsLogged,
        {
          runId: r.id,
          params: [
            { key: 'model', value: r.model },
            { key: 'cv', value: '5' },
          ],
        },
        { tokens: { runId: r.id } },
      );
      await publisher.publish(
        MetricsLogged,
        { runId: r.id, metrics: [{ key: 'f1', value: r.f1, timestamp: Date.now(), step: 0 }] },
        { tokens: { runId: r.id } },
      );
    }
    const { experimentId } = (await eventually(
      () =>
        rpc
          .request(GetRun, { runId: 'cmp_rf' })
          .then((v) => v.info)
          .catch(() => undefined),
      (info) => info !== undefined,
    ))!;
    const comparison = await eventually(
      () =>
        rpc.request(CompareRuns, {
          experimentId,
          sortBy: { metric: 'f1', direction: 'DESC' },
          onlyDifferences: true,
        }),
      (c) => c.rows.length === 3 && c.rows.every((r) => r.metrics['f1'] && Object.keys(r.params).length > 0),
    );
    expect(comparison.rows.map((r) => r.info.runId)).toEqual(['cmp_xgb', 'cmp_rf', 'cmp_svc']);
    expect(comparison.columns.params).toEqual(['model']);
    expect(comparison.columns.tags).not.toContain('team');

    const best = await rpc.request(GetBestRun, { experimentId, metric: 'f1', mode: 'max' });
    expect(best.run.runId).toBe('cmp_xgb');

    const search = await rpc.request(SearchRuns, {
      experimentIds: [experimentId],
      filter: "metrics.f1 > 0.9 AND params.model != 'SVC'",
      orderBy: ['metrics.f1 ASC'],
    });
    expect(search.runs.map((r) => r.info.runId)).toEqual(['cmp_rf', 'cmp_xgb']);
  });

  it('tracking - a bad filter is refused with the position of the bad token', async () => {
    await expect(
      rpc.request(SearchRuns, { experimentIds: ['0'], filter: 'metrics.f1 > 0.9 ANDD params.x = 1' }),
    ).rejects.toMatchObject({ code: 'TRACKING.INVALID_FILTER' });
  });

  it('tracking - metric history pages through every point without gaps', async () => {
    const seen: number[] = [];
    let pageToken: string | undefined;
    do {
      const page = await rpc.request(GetMetricHistory, {
        runId: 'pyrun1',
        key: 'accuracy',
        pageSize: 1000,
        pageToken,
      });
      seen.push(...page.points.map((p) => p.step));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toHaveLength(2500);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(2500);
  });

  it('tracking - params are immutable: a different value goes to the DLQ naming the key, the stored one stays', async () => {
    await publisher.publish(
      ParamsLogged,
      { runId: 'pyrun1', params: [{ key: 'model', value: 'SVC' }] },
      { tokens: { runId: 'pyrun1' } },
    );
    const jsm = await jetstreamManager(nc);
    const dlqSubject = dlqSubjectOf('slipway.ingest.runs.pyrun1.params');
    const letter = await eventually(
      () => jsm.streams.getMessage('SLIPWAY_DLQ', { last_by_subj: dlqSubject }).catch(() => null),
      (m) => m !== null,
    );
    expect(readDeadLetter({ headers: letter!.header, data: letter!.data }).reason).toMatch(
      /param "model" of run pyrun1 was logged with value .*XGBClassifier.*cannot change it to .*SVC/,
    );
    const view = await rpc.request(GetRun, { runId: 'pyrun1' });
    expect(view.params.find((p) => p.key === 'model')?.value).toBe('XGBClassifier');
  });
});
