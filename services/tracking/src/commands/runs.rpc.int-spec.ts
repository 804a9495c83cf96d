import { jetstream } from '@nats-io/jetstream';
import {
  CreateExperiment,
  CreateRun,
  DeleteExperiment,
  DeleteRun,
  DeleteRunTag,
  GetMetricHistory,
  GetRun,
  LogBatch,
  LogMetric,
  LogParam,
  RestoreRun,
  SetRunTag,
  UpdateRun,
} from '@slipway/contracts';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

jest.setTimeout(60_000);

interface SeenEvent {
  type: string;
  data: { runId: string; from?: string | null; to?: string; parentRunId?: string | null };
}

describe('tracking runs rpc - writes a client makes through the gateway', () => {
  let t: TrackingTestService;

  beforeAll(async () => {
    t = await startTrackingTestService('tracking-runs-rpc');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** The run's events as stored in SLIPWAY_EVENTS (what durable subscribers receive: duplicates dropped). */
  async function eventsOf(runId: string, type: string): Promise<SeenEvent[]> {
    const consumer = await jetstream(t.nc).consumers.get('SLIPWAY_EVENTS', {
      filter_subjects: 'slipway.evt.tracking.run.>',
    });
    const seen: SeenEvent[] = [];
    try {
      let pending = (await consumer.info(true)).num_pending;
      while (pending > 0) {
        const batch = await consumer.fetch({ max_messages: pending, expires: 2_000 });
        for await (const msg of batch) {
          seen.push(msg.json<SeenEvent>());
          pending = msg.info.pending;
          if (pending === 0) break;
        }
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    return seen.filter((e) => e.data.runId === runId && e.type === type);
  }

  async function newRun(runName: string) {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: `exp-${runName}` });
    return t.rpc.request(CreateRun, { experimentId, runName, userId: 'joak', startTime: 1_700_000_000_000 });
  }

  it('runs - create, log-batch, get: the reply follows the write, so the next read sees everything', async () => {
    const created = await newRun('svc');
    expect(created.info).toMatchObject({ runName: 'svc', userId: 'joak', status: 'RUNNING', endTime: null });
    expect(created.tags).toEqual(expect.arrayContaining([{ key: 'mlflow.runName', value: 'svc' }]));
    const runId = created.info.runId;

    const result = await t.rpc.request(LogBatch, {
      runId,
      metrics: [
        { key: 'f1', value: 0.81, timestamp: 1_700_000_001_000, step: 0 },
        { key: 'f1', value: 0.87, timestamp: 1_700_000_002_000, step: 1 },
        { key: 'loss', value: 'NaN', timestamp: 1_700_000_002_000, step: 1 },
      ],
      params: [{ key: 'C', value: '1.0' }],
      tags: [{ key: 'team', value: 'ml' }],
    });
    expect(result).toMatchObject({ runId, metricsStored: 3, paramsStored: 1, tagsSet: 1 });
    expect(result.batchId).toMatch(/^[0-9a-f-]{36}$/);

    const view = await t.rpc.request(GetRun, { runId });
    expect(view.params).toEqual([{ key: 'C', value: '1.0' }]);
    expect(view.tags).toEqual(expect.arrayContaining([{ key: 'team', value: 'ml' }]));
    const f1 = view.metrics.find((m) => m.key === 'f1');
    expect(f1).toMatchObject({ latest: 0.87, step: 1, min: 0.81, max: 0.87, count: 2 });
    expect(Number.isNaN(view.metrics.find((m) => m.key === 'loss')!.latest)).toBe(true);
    expect(await eventsOf(runId, 'dev.slipway.tracking.run.created.v1')).toHaveLength(1);
  });

  it('runs - a retried log-batch with the same batchId stores its points once', async () => {
    const { info } = await newRun('retry');
    const batch = {
      runId: info.runId,
      batchId: 'batch-0001',
      metrics: [1, 2, 3].map((step) => ({
        key: 'acc',
        value: step / 10,
        timestamp: 1_700_000_000_000,
        step,
      })),
      params: [{ key: 'model', value: 'xgb' }],
    };
    const first = await t.rpc.request(LogBatch, batch);
    const again = await t.rpc.request(LogBatch, batch);
    expect(first).toMatchObject({ batchId: 'batch-0001', metricsStored: 3, paramsStored: 1 });
    expect(again).toMatchObject({ batchId: 'batch-0001', metricsStored: 0, paramsStored: 0 });

    const history = await t.rpc.request(GetMetricHistory, { runId: info.runId, key: 'acc' });
    expect(history.points.map((p) => p.step)).toEqual([1, 2, 3]);
    // The same batch id on another run is another batch.
    const other = await newRun('retry-other');
    expect(await t.rpc.request(LogBatch, { ...batch, runId: other.info.runId })).toMatchObject({
      metricsStored: 3,
    });
  });

  it('runs - a param logged again with another value is PARAM_CONFLICT and nothing of the batch is stored', async () => {
    const { info } = await newRun('conflict');
    const runId = info.runId;
    await t.rpc.request(LogParam, { runId, key: 'max_depth', value: '6' });
    expect(await t.rpc.request(LogParam, { runId, key: 'max_depth', value: '6' })).toEqual({ stored: false });
    await expect(t.rpc.request(LogParam, { runId, key: 'max_depth', value: '8' })).rejects.toMatchObject({
      code: 'TRACKING.PARAM_CONFLICT',
      details: { key: 'max_depth', loggedValue: '6', newValue: '8' },
    });
    await expect(
      t.rpc.request(LogBatch, {
        runId,
        metrics: [{ key: 'f1', value: 0.5, timestamp: 1_700_000_000_000, step: 0 }],
        params: [{ key: 'max_depth', value: '9' }],
        tags: [{ key: 'team', value: 'ml' }],
      }),
    ).rejects.toMatchObject({ code: 'TRACKING.PARAM_CONFLICT' });

    const view = await t.rpc.request(GetRun, { runId });
    expect(view.params).toEqual([{ key: 'max_depth', value: '6' }]);
    expect(view.metrics).toEqual([]);
    expect(view.tags.find((tag) => tag.key === 'team')).toBeUndefined();
  });

  it.each([
    ['metrics', 1001, (i: number) => ({ key: 'm', value: i, timestamp: 1, step: i })],
    ['params', 101, (i: number) => ({ key: `p${i}`, value: 'v' })],
    ['tags', 101, (i: number) => ({ key: `t${i}`, value: 'v' })],
  ])(
    'runs - log-batch over the %s limit is refused by the service, naming the field',
    async (field, n, item) => {
      const { info } = await newRun(`limit-${field}`);
      const payload = { runId: info.runId, [field]: Array.from({ length: n }, (_, i) => item(i)) };
      const refused = t.raw(LogBatch, payload);
      await expect(refused).rejects.toMatchObject({
        code: 'COMMON.VALIDATION_FAILED',
        details: { issues: [{ path: field, message: `at most ${n - 1} ${field} per batch` }] },
      });
      await expect(refused).rejects.toThrow(new RegExp(`${field}: at most ${n - 1}`));
      const view = await t.rpc.request(GetRun, { runId: info.runId });
      expect(view.metrics).toEqual([]);
      expect(view.params).toEqual([]);
    },
  );

  it('runs - a point the store cannot hold (year 2300) is refused before params are written', async () => {
    const { info } = await newRun('far-future');
    await expect(
      t.rpc.request(LogBatch, {
        runId: info.runId,
        metrics: [{ key: 'f1', value: 1, timestamp: Date.UTC(2300, 0, 1), step: 0 }],
        params: [{ key: 'a', value: 'b' }],
      }),
    ).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
      message: expect.stringContaining('metrics[0].timestamp'),
    });
    expect((await t.rpc.request(GetRun, { runId: info.runId })).params).toEqual([]);
  });

  it('runs - update to FINISHED ends the run and announces the status change once', async () => {
    const { info } = await newRun('finish');
    const updated = await t.rpc.request(UpdateRun, {
      runId: info.runId,
      status: 'FINISHED',
      endTime: 1_700_000_100_000,
    });
    expect(updated).toMatchObject({ status: 'FINISHED', endTime: 1_700_000_100_000 });
    await t.rpc.request(UpdateRun, { runId: info.runId, status: 'FINISHED', endTime: 1_700_000_100_000 });
    const renamed = await t.rpc.request(UpdateRun, { runId: info.runId, runName: 'finish-2' });
    expect(renamed).toMatchObject({ runName: 'finish-2', status: 'FINISHED' });
    const changes = await eventsOf(info.runId, 'dev.slipway.tracking.run.status-changed.v1');
    expect(changes.map((e) => [e.data.from, e.data.to])).toEqual([['RUNNING', 'FINISHED']]);
  });

  it('runs - a nested run takes its parent from the mlflow.parentRunId tag, as MLflow sends it', async () => {
    const parent = await newRun('parent');
    const child = await t.rpc.request(CreateRun, {
      experimentId: parent.info.experimentId,
      tags: [{ key: 'mlflow.parentRunId', value: parent.info.runId }],
    });
    expect(child.info.parentRunId).toBe(parent.info.runId);
    // Unnamed, so named like MLflow names runs, in the attribute and the system tag alike.
    expect(child.info.runName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(child.tags).toContainEqual({ key: 'mlflow.runName', value: child.info.runName });
    const [announced] = await eventsOf(child.info.runId, 'dev.slipway.tracking.run.created.v1');
    expect(announced?.data.parentRunId).toBe(parent.info.runId);
  });

  it('runs - create with a caller-chosen runId is idempotent; another start under it is RUN_ALREADY_EXISTS', async () => {
    const request = { runId: 'fixed-run-1', startTime: 1_700_000_000_000, userId: 'joak' };
    const first = await t.rpc.request(CreateRun, request);
    const again = await t.rpc.request(CreateRun, request);
    expect(again.info).toEqual(first.info);
    expect(first.info.experimentId).toBe('0');
    await expect(t.rpc.request(CreateRun, { ...request, userId: 'someone-else' })).rejects.toMatchObject({
      code: 'TRACKING.RUN_ALREADY_EXISTS',
    });
    expect(await eventsOf('fixed-run-1', 'dev.slipway.tracking.run.created.v1')).toHaveLength(1);
  });

  it('runs - a deleted run is readable but refuses writes until restored', async () => {
    const { info } = await newRun('deleted');
    const runId = info.runId;
    expect(await t.rpc.request(DeleteRun, { runId })).toMatchObject({ lifecycleStage: 'deleted' });
    expect((await t.rpc.request(GetRun, { runId })).info.lifecycleStage).toBe('deleted');
    const point = { runId, key: 'f1', value: 0.9 };
    await expect(t.rpc.request(LogMetric, point)).rejects.toMatchObject({
      code: 'TRACKING.RUN_INVALID_STATE',
    });
    await expect(t.rpc.request(SetRunTag, { runId, key: 'a', value: 'b' })).rejects.toMatchObject({
      code: 'TRACKING.RUN_INVALID_STATE',
    });
    await expect(t.rpc.request(UpdateRun, { runId, status: 'KILLED' })).rejects.toMatchObject({
      code: 'TRACKING.RUN_INVALID_STATE',
    });

    expect(await t.rpc.request(RestoreRun, { runId })).toMatchObject({ lifecycleStage: 'active' });
    expect(await t.rpc.request(LogMetric, point)).toMatchObject({ metricsStored: 1 });
    expect((await t.rpc.request(GetRun, { runId })).metrics).toMatchObject([
      { key: 'f1', latest: 0.9, step: 0 },
    ]);
  });

  it('runs - tags are set, overwritten and deleted; deleting a missing one is RUN_TAG_NOT_FOUND', async () => {
    const { info } = await newRun('tags');
    const runId = info.runId;
    await t.rpc.request(SetRunTag, { runId, key: 'stage', value: 'dev' });
    await t.rpc.request(SetRunTag, { runId, key: 'stage', value: 'prod' });
    await t.rpc.request(SetRunTag, { runId, key: 'mlflow.runName', value: 'renamed' });
    let view = await t.rpc.request(GetRun, { runId });
    expect(view.tags).toEqual(expect.arrayContaining([{ key: 'stage', value: 'prod' }]));
    expect(view.info.runName).toBe('renamed');
    await t.rpc.request(DeleteRunTag, { runId, key: 'stage' });
    view = await t.rpc.request(GetRun, { runId });
    expect(view.tags.find((tag) => tag.key === 'stage')).toBeUndefined();
    await expect(t.rpc.request(DeleteRunTag, { runId, key: 'stage' })).rejects.toMatchObject({
      code: 'TRACKING.RUN_TAG_NOT_FOUND',
    });
  });

  it('runs - a deleted experiment takes its runs with it and refuses new ones', async () => {
    const { info } = await newRun('exp-deleted');
    await t.rpc.request(DeleteExperiment, { experimentId: info.experimentId });
    expect((await t.rpc.request(GetRun, { runId: info.runId })).info.lifecycleStage).toBe('deleted');
    await expect(t.rpc.request(CreateRun, { experimentId: info.experimentId })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_INVALID_STATE',
    });
    await expect(t.rpc.request(CreateRun, { experimentId: '999999' })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_NOT_FOUND',
    });
  });
});
