import { ExperimentsService } from '../experiments/experiments.service';
import {
  openTrackingTestDatabase,
  type TrackingTestDatabase,
} from '../persistence/testing/tracking-test-database';
import { RunErrorCodes } from './run.errors';
import { RunsService } from './runs.service';
import { TagsService } from './tags.service';

const T0 = 1_764_000_000_000;

describe('RunsService', () => {
  let db: TrackingTestDatabase;
  let experiments: ExperimentsService;
  let runs: RunsService;
  let tags: TagsService;
  let experimentId: string;

  beforeAll(async () => {
    db = await openTrackingTestDatabase();
    experiments = new ExperimentsService(db.dataSource);
    await experiments.ensureDefaultExperiment();
    runs = new RunsService(db.dataSource, experiments);
    tags = new TagsService(db.dataSource);
    experimentId = (await experiments.create({ name: 'runs' })).experimentId;
  });
  afterAll(async () => {
    await db?.close();
  });

  test('create - a new run is RUNNING, with MLflow-like id, artifact URI and mirrored system tags', async () => {
    const { run, created } = await runs.create({
      experimentId,
      runName: 'svc',
      userId: 'ana',
      sourceName: 'train.py',
      gitCommit: 'abc1234',
      startTime: T0,
      tags: [{ key: 'team', value: 'ml' }],
    });
    expect(created).toBe(true);
    expect(run.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(run).toMatchObject({
      experimentId,
      runName: 'svc',
      status: 'RUNNING',
      startTime: T0,
      endTime: null,
      userId: 'ana',
      sourceName: 'train.py',
      gitCommit: 'abc1234',
      parentRunId: null,
      lifecycleStage: 'active',
      artifactUri: `nats-obj://slipway-artifacts/${experimentId}/${run.runId}/artifacts`,
    });
    const details = await runs.getDetails(run.runId);
    expect(details.data.tags).toEqual([
      { key: 'mlflow.runName', value: 'svc' },
      { key: 'mlflow.source.git.commit', value: 'abc1234' },
      { key: 'mlflow.source.name', value: 'train.py' },
      { key: 'mlflow.user', value: 'ana' },
      { key: 'team', value: 'ml' },
    ]);
  });

  test('create - attributes come from MLflow system tags when not given; no experiment means Default', async () => {
    const { run } = await runs.create({
      tags: [
        { key: 'mlflow.runName', value: 'from-tag' },
        { key: 'mlflow.user', value: 'bo' },
      ],
    });
    expect(run).toMatchObject({ experimentId: '0', runName: 'from-tag', userId: 'bo' });
  });

  test('create - by experiment name creates the experiment once', async () => {
    const a = await runs.create({ experimentName: 'by-name', startTime: T0 });
    const b = await runs.create({ experimentName: 'by-name', startTime: T0 });
    expect(a.run.experimentId).toBe(b.run.experimentId);
    expect((await experiments.getByName('by-name')).experimentId).toBe(a.run.experimentId);
  });

  test('create - a redelivered start is a no-op, even after the run moved on', async () => {
    const start = { runId: 'redelivered-1', experimentId, runName: 'r', userId: 'ana', startTime: T0 };
    const first = await runs.create(start);
    await runs.update('redelivered-1', { status: 'FINISHED', endTime: T0 + 10 });
    await tags.setTags('redelivered-1', [{ key: 'mlflow.runName', value: 'renamed' }]);
    const again = await runs.create(start);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.run).toMatchObject({ status: 'FINISHED', endTime: T0 + 10, runName: 'renamed' });
  });

  test('create - concurrent deliveries of one start store one run', async () => {
    const start = { runId: 'concurrent-1', experimentId, startTime: T0 };
    const results = await Promise.all(Array.from({ length: 5 }, () => runs.create(start)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  test('create - the same run id started differently is TRACKING.RUN_ALREADY_EXISTS naming the fields', async () => {
    await runs.create({ runId: 'taken-1', experimentId, startTime: T0, userId: 'ana' });
    await expect(
      runs.create({ runId: 'taken-1', experimentId, startTime: T0 + 1, userId: 'bo' }),
    ).rejects.toMatchObject({
      code: RunErrorCodes.ALREADY_EXISTS,
      details: {
        differences: [
          { field: 'startTime', stored: T0, given: T0 + 1 },
          { field: 'userId', stored: 'ana', given: 'bo' },
        ],
      },
    });
  });

  test('create - in an unknown or deleted experiment is refused', async () => {
    await expect(runs.create({ experimentId: '424242' })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_NOT_FOUND',
    });
    const gone = await experiments.create({ name: 'gone' });
    await experiments.delete(gone.experimentId);
    await expect(runs.create({ experimentId: gone.experimentId })).rejects.toMatchObject({
      code: 'TRACKING.EXPERIMENT_INVALID_STATE',
    });
  });

  test('update - finishing sets status and end time; a redelivered finish changes nothing', async () => {
    const { run } = await runs.create({ experimentId, startTime: T0 });
    const finished = await runs.update(run.runId, { status: 'FINISHED', endTime: T0 + 500 });
    expect(finished).toMatchObject({ previousStatus: 'RUNNING', changed: true });
    expect(finished.run).toMatchObject({ status: 'FINISHED', endTime: T0 + 500 });
    const again = await runs.update(run.runId, { status: 'FINISHED', endTime: T0 + 500 });
    expect(again).toMatchObject({ previousStatus: 'FINISHED', changed: false });
  });

  test('update - a terminal status without end time ends it now; a rename updates the mlflow.runName tag', async () => {
    const { run } = await runs.create({ experimentId, startTime: T0 });
    const before = Date.now();
    const killed = await runs.update(run.runId, { status: 'KILLED', runName: 'stopped' });
    expect(killed.run.endTime).toBeGreaterThanOrEqual(before);
    expect(killed.run.runName).toBe('stopped');
    const details = await runs.getDetails(run.runId);
    expect(details.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'stopped' });
  });

  test('update - unknown run is TRACKING.RUN_NOT_FOUND, deleted run TRACKING.RUN_INVALID_STATE', async () => {
    await expect(runs.update('missing', { status: 'FAILED' })).rejects.toMatchObject({
      code: RunErrorCodes.NOT_FOUND,
    });
    const { run } = await runs.create({ experimentId });
    await runs.delete(run.runId);
    await expect(runs.update(run.runId, { status: 'FAILED' })).rejects.toMatchObject({
      code: RunErrorCodes.INVALID_STATE,
    });
  });

  test('delete and restore - soft, idempotent, deleted time set and cleared', async () => {
    const { run } = await runs.create({ experimentId });
    const deleted = await runs.delete(run.runId);
    expect(deleted.lifecycleStage).toBe('deleted');
    expect(deleted.deletedTime).not.toBeNull();
    expect((await runs.delete(run.runId)).deletedTime).toBe(deleted.deletedTime);
    const restored = await runs.restore(run.runId);
    expect(restored).toMatchObject({ lifecycleStage: 'active', deletedTime: null });
    expect(await runs.restore(run.runId)).toEqual(restored);
  });

  test('nested runs - children of a parent, oldest first, deleted ones only when asked', async () => {
    const parent = (await runs.create({ experimentId, runName: 'sweep', startTime: T0 })).run;
    const late = (await runs.create({ experimentId, parentRunId: parent.runId, startTime: T0 + 2 })).run;
    const early = (await runs.create({ experimentId, parentRunId: parent.runId, startTime: T0 + 1 })).run;
    const viaTag = (
      await runs.create({
        experimentId,
        startTime: T0 + 3,
        tags: [{ key: 'mlflow.parentRunId', value: parent.runId }],
      })
    ).run;
    await runs.create({ experimentId, startTime: T0 + 4 });
    expect(viaTag.parentRunId).toBe(parent.runId);
    expect((await runs.listChildren(parent.runId)).map((r) => r.runId)).toEqual([
      early.runId,
      late.runId,
      viaTag.runId,
    ]);
    await runs.delete(late.runId);
    expect((await runs.listChildren(parent.runId)).map((r) => r.runId)).toEqual([early.runId, viaTag.runId]);
    expect((await runs.listChildren(parent.runId, 'DELETED_ONLY')).map((r) => r.runId)).toEqual([late.runId]);
    expect(await runs.listChildren(early.runId)).toEqual([]);
  });

  test('nested runs - a child may be stored before its parent (unordered ingest)', async () => {
    const child = await runs.create({ experimentId, runId: 'child-first', parentRunId: 'parent-later' });
    await runs.create({ experimentId, runId: 'parent-later' });
    expect(child.run.parentRunId).toBe('parent-later');
    expect((await runs.listChildren('parent-later')).map((r) => r.runId)).toEqual(['child-first']);
  });

  test('experiment delete - deletes its active runs; restore brings back only those', async () => {
    const exp = await experiments.create({ name: 'cascade' });
    const before = (await runs.create({ experimentId: exp.experimentId })).run;
    const kept = (await runs.create({ experimentId: exp.experimentId })).run;
    await runs.delete(before.runId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await experiments.delete(exp.experimentId);
    expect((await runs.get(kept.runId)).lifecycleStage).toBe('deleted');
    await expect(runs.restore(kept.runId)).rejects.toMatchObject({ code: RunErrorCodes.INVALID_STATE });
    await experiments.restore(exp.experimentId);
    expect((await runs.get(kept.runId)).lifecycleStage).toBe('active');
    expect((await runs.get(before.runId)).lifecycleStage).toBe('deleted');
  });
});
