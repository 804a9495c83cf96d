import {
  CompareRuns,
  CompareRunsColumns,
  CreateExperiment,
  CreateRun,
  LogBatch,
  type RpcRequest,
  type RpcResponse,
} from '@slipway/contracts';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

jest.setTimeout(60_000);

const RUNS = [
  { id: 'col_svc', model: 'SVC', f1: 0.878, loss: 0.4 },
  { id: 'col_xgb', model: 'XGBClassifier', f1: 0.972, loss: 'NaN' as const },
  { id: 'col_rf', model: 'RandomForestClassifier', f1: undefined, loss: 'Infinity' as const },
  { id: 'col_lr', model: 'LogisticRegression', f1: 0.922, loss: 0.3 },
];

/** The row table of CompareRuns, rebuilt from the columns, for comparison with the real one. */
function asRows(c: RpcResponse<typeof CompareRunsColumns>) {
  return c.runs.runId.map((runId, r) => ({
    runId,
    params: Object.fromEntries(c.params.filter((p) => p.values[r] !== null).map((p) => [p.key, p.values[r]])),
    tags: Object.fromEntries(c.tags.filter((t) => t.values[r] !== null).map((t) => [t.key, t.values[r]])),
    metrics: Object.fromEntries(
      c.metrics
        .filter((m) => m.latest![r] !== null)
        .map((m) => [
          m.key,
          {
            latest: Number(m.latest![r]),
            min: Number(m.min![r]),
            max: Number(m.max![r]),
            count: m.count![r],
          },
        ]),
    ),
  }));
}

describe('compare runs in columns', () => {
  let t: TrackingTestService;
  let experimentId: string;

  beforeAll(async () => {
    t = await startTrackingTestService('compare-columns');
    ({ experimentId } = await t.rpc.request(CreateExperiment, { name: 'compare-columns' }));
    for (const [i, r] of RUNS.entries()) {
      await t.rpc.request(CreateRun, {
        runId: r.id,
        experimentId,
        startTime: 1000 + i,
        tags: [{ key: 'team', value: 'ml' }],
      });
      await t.rpc.request(LogBatch, {
        runId: r.id,
        params: [
          { key: 'model', value: r.model },
          { key: 'cv', value: '5' },
        ],
        metrics: [
          ...(r.f1 === undefined ? [] : [{ key: 'f1', value: r.f1, timestamp: 1, step: 0 }]),
          { key: 'loss', value: 1, timestamp: 1, step: 0 },
          { key: 'loss', value: r.loss, timestamp: 2, step: 1 },
        ],
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const both = async (
    request: Omit<RpcRequest<typeof CompareRuns>, 'onlyDifferences'> & { onlyDifferences?: boolean },
  ) => {
    const rows = await t.rpc.request(CompareRuns, { onlyDifferences: false, ...request });
    const columns = await t.rpc.request(CompareRunsColumns, {
      onlyDifferences: false,
      ...request,
      aggregates: ['latest', 'min', 'max', 'count'],
    });
    return { rows, columns };
  };

  it('compare columns - the same table as CompareRuns: order, NaN and Infinity, missing cells', async () => {
    const { rows, columns } = await both({ experimentId, sortBy: { metric: 'f1', direction: 'DESC' } });
    expect(columns.runs.runId).toEqual(['col_xgb', 'col_lr', 'col_svc', 'col_rf']);
    expect(asRows(columns)).toEqual(
      rows.rows.map((r) => ({
        runId: r.info.runId,
        params: r.params,
        tags: r.tags,
        metrics: Object.fromEntries(
          Object.entries(r.metrics).map(([k, m]) => [
            k,
            { latest: m.latest, min: m.min, max: m.max, count: m.count },
          ]),
        ),
      })),
    );
    expect(columns.metrics.find((m) => m.key === 'loss')!.latest).toEqual(['NaN', 0.3, 0.4, 'Infinity']);
    expect(columns.metrics.find((m) => m.key === 'f1')!.latest).toEqual([0.972, 0.922, 0.878, null]);
    expect(columns.runs.startTime).toEqual([1001, 1003, 1000, 1002]);
  });

  it('compare columns - every column follows the order of the run ids asked for', async () => {
    const c = await t.rpc.request(CompareRunsColumns, {
      runIds: ['col_lr', 'col_rf', 'col_svc', 'col_xgb'],
      onlyDifferences: false,
    });
    expect(c.runs.runId).toEqual(['col_lr', 'col_rf', 'col_svc', 'col_xgb']);
    expect(c.runs.startTime).toEqual([1003, 1002, 1000, 1001]);
    expect(c.params.find((p) => p.key === 'model')!.values).toEqual([
      'LogisticRegression',
      'RandomForestClassifier',
      'SVC',
      'XGBClassifier',
    ]);
    expect(c.tags.find((p) => p.key === 'team')!.values).toEqual(['ml', 'ml', 'ml', 'ml']);
    expect(c.metrics.find((m) => m.key === 'f1')!.latest).toEqual([0.922, null, 0.878, 0.972]);
  });

  it('compare columns - only differences drops the same columns as CompareRuns', async () => {
    const { rows, columns } = await both({ runIds: RUNS.map((r) => r.id), onlyDifferences: true });
    expect(columns.params.map((p) => p.key)).toEqual(rows.columns.params);
    expect(columns.tags.map((p) => p.key)).toEqual(rows.columns.tags);
    expect(columns.metrics.map((m) => m.key)).toEqual(rows.columns.metrics);
    expect(columns.params.map((p) => p.key)).toEqual(['model']);
  });

  it('compare columns - only the aggregates asked for travel, default the latest value', async () => {
    const reply = await t.rpc.request(CompareRunsColumns, {
      runIds: ['col_svc', 'col_rf'],
      metricKeys: ['f1', 'absent'],
      onlyDifferences: false,
    });
    expect(reply.metrics).toEqual([
      { key: 'f1', latest: [0.878, null] },
      { key: 'absent', latest: [null, null] },
    ]);
    const steps = await t.rpc.request(CompareRunsColumns, {
      runIds: ['col_svc'],
      metricKeys: ['loss'],
      aggregates: ['step', 'timestamp'],
      sortBy: { metric: 'loss', direction: 'ASC' },
      onlyDifferences: false,
    });
    expect(steps.metrics).toEqual([{ key: 'loss', step: [1], timestamp: [2] }]);
  });

  it('compare columns - runs without any metric have empty metric columns', async () => {
    await t.rpc.request(CreateRun, { runId: 'col_bare', experimentId });
    const reply = await t.rpc.request(CompareRunsColumns, {
      runIds: ['col_bare'],
      aggregates: ['count'],
      onlyDifferences: false,
    });
    expect(reply.runs.runId).toEqual(['col_bare']);
    expect(reply.metrics).toEqual([]);
  });

  it('compare columns - an unknown run is an error naming it', async () => {
    await expect(
      t.rpc.request(CompareRunsColumns, { runIds: ['col_nope'], onlyDifferences: false }),
    ).rejects.toMatchObject({ code: 'TRACKING.RUN_NOT_FOUND' });
  });
});
