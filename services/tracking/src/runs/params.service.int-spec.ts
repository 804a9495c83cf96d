import { ExperimentsService } from '../experiments/experiments.service';
import {
  openTrackingTestDatabase,
  type TrackingTestDatabase,
} from '../persistence/testing/tracking-test-database';
import { ParamsService } from './params.service';
import { RunErrorCodes } from './run.errors';
import { RunsService } from './runs.service';

describe('ParamsService', () => {
  let db: TrackingTestDatabase;
  let runs: RunsService;
  let params: ParamsService;
  let experimentId: string;

  const newRun = async () => (await runs.create({ experimentId })).run.runId;
  const stored = async (runId: string) => (await runs.getDetails(runId)).data.params;

  beforeAll(async () => {
    db = await openTrackingTestDatabase();
    const experiments = new ExperimentsService(db.dataSource);
    runs = new RunsService(db.dataSource, experiments);
    params = new ParamsService(db.dataSource);
    experimentId = (await experiments.create({ name: 'params' })).experimentId;
  });
  afterAll(async () => {
    await db?.close();
  });

  test('log - stores each key once; logging the same values again changes nothing', async () => {
    const runId = await newRun();
    const batch = [
      { key: 'model', value: 'svc' },
      { key: 'C', value: '1.0' },
    ];
    expect(await params.logParams(runId, batch)).toEqual({ stored: 2 });
    expect(await params.logParams(runId, batch)).toEqual({ stored: 0 });
    expect(await params.logParams(runId, [{ key: 'gamma', value: 'auto' }, batch[0]])).toEqual({ stored: 1 });
    expect(await stored(runId)).toEqual([
      { key: 'C', value: '1.0' },
      { key: 'gamma', value: 'auto' },
      { key: 'model', value: 'svc' },
    ]);
  });

  test('immutability - another value is TRACKING.PARAM_CONFLICT naming key, old and new value; the batch is atomic', async () => {
    const runId = await newRun();
    await params.logParams(runId, [{ key: 'lr', value: '0.1' }]);
    const attempt = params.logParams(runId, [
      { key: 'epochs', value: '10' },
      { key: 'lr', value: '0.2' },
    ]);
    await expect(attempt).rejects.toMatchObject({
      code: RunErrorCodes.PARAM_CONFLICT,
      details: { runId, key: 'lr', loggedValue: '0.1', newValue: '0.2' },
    });
    await expect(attempt).rejects.toThrow(/"lr".*"0\.1".*"0\.2"/);
    expect(await stored(runId)).toEqual([{ key: 'lr', value: '0.1' }]);
  });

  test('immutability - one key with two values in one batch is refused; repeated equal values collapse', async () => {
    const runId = await newRun();
    await expect(
      params.logParams(runId, [
        { key: 'depth', value: '3' },
        { key: 'depth', value: '4' },
      ]),
    ).rejects.toMatchObject({
      code: RunErrorCodes.PARAM_CONFLICT,
      details: { loggedValue: '3', newValue: '4' },
    });
    expect(await stored(runId)).toEqual([]);
    expect(
      await params.logParams(runId, [
        { key: 'depth', value: '3' },
        { key: 'depth', value: '3' },
      ]),
    ).toEqual({ stored: 1 });
  });

  test('immutability - concurrent batches with different values for one key: exactly one wins', async () => {
    const runId = await newRun();
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((value) => params.logParams(runId, [{ key: 'k', value }])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => (r.reason as { code: string }).code)).toEqual(
      Array(3).fill(RunErrorCodes.PARAM_CONFLICT),
    );
    expect(await stored(runId)).toHaveLength(1);
  });

  test("limits - MLflow's: 100 params per batch, key 250 and value 6000 characters (a 6000-character value is stored)", async () => {
    const runId = await newRun();
    const many = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'v' }));
    await expect(params.logParams(runId, many)).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
      message: expect.stringContaining('at most 100 params per batch'),
    });
    await expect(params.logParams(runId, [{ key: 'k'.repeat(251), value: 'v' }])).rejects.toMatchObject({
      message: expect.stringContaining('params[0].key'),
    });
    await expect(params.logParams(runId, [{ key: 'long', value: 'v'.repeat(6001) }])).rejects.toMatchObject({
      message: expect.stringContaining('params[0].value'),
    });
    const longest = [{ key: 'k'.repeat(250), value: 'é'.repeat(6000) }];
    expect(await params.logParams(runId, longest)).toEqual({ stored: 1 });
    expect(await params.logParams(runId, many.slice(0, 100))).toEqual({ stored: 100 });
  });

  test('run state - unknown run is TRACKING.RUN_NOT_FOUND, deleted run TRACKING.RUN_INVALID_STATE', async () => {
    await expect(params.logParams('nope', [{ key: 'a', value: 'b' }])).rejects.toMatchObject({
      code: RunErrorCodes.NOT_FOUND,
    });
    const runId = await newRun();
    await runs.delete(runId);
    await expect(params.logParams(runId, [{ key: 'a', value: 'b' }])).rejects.toMatchObject({
      code: RunErrorCodes.INVALID_STATE,
    });
  });
});
