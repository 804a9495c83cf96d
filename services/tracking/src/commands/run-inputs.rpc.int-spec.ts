import {
  CreateExperiment,
  CreateRun,
  DeleteRun,
  GetRun,
  LogRunInputs,
  SearchRuns,
  type DatasetInput,
} from '@slipway/contracts';
import { Client } from 'pg';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

jest.setTimeout(60_000);

/** What `mlflow.log_input(mlflow.data.from_pandas(df), context="training")` sends, in contract form. */
const iris = (digest = 'f6a1f5e3'): DatasetInput => ({
  dataset: {
    name: 'iris',
    digest,
    sourceType: 'local',
    source: '{"uri": "/data/iris.csv"}',
    schema: '{"mlflow_colspec": [{"type": "double", "name": "sepal_length"}]}',
    profile: '{"num_rows": 150, "num_elements": 750}',
  },
  tags: [{ key: 'mlflow.data.context', value: 'training' }],
});

describe('tracking run inputs rpc - datasets a run used (MLflow log-inputs)', () => {
  let t: TrackingTestService;

  beforeAll(async () => {
    t = await startTrackingTestService('tracking-run-inputs-rpc');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  async function newRun(experimentId: string, runName: string): Promise<string> {
    return (await t.rpc.request(CreateRun, { experimentId, runName })).info.runId;
  }

  it('inputs - logged datasets come back with the run; logging them again changes nothing', async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'inputs-classifiers' });
    const runId = await newRun(experimentId, 'svc');
    const test: DatasetInput = {
      dataset: {
        name: 'iris-test',
        digest: '0b1c2d3e',
        sourceType: 'local',
        source: '{"uri": "/data/test.csv"}',
      },
      tags: [{ key: 'mlflow.data.context', value: 'test' }],
    };
    await t.rpc.request(LogRunInputs, { runId, datasets: [iris(), test] });
    await t.rpc.request(LogRunInputs, {
      runId,
      datasets: [{ ...iris(), tags: [{ key: 'mlflow.data.context', value: 'other' }] }],
    });
    const view = await t.rpc.request(GetRun, { runId });
    expect(view.inputs).toEqual([iris(), test]);
  });

  it('inputs - a dataset is stored once per experiment (a second run shares the row); search answers inputs on request', async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'inputs-shared' });
    const a = await newRun(experimentId, 'a');
    const b = await newRun(experimentId, 'b');
    await t.rpc.request(LogRunInputs, { runId: a, datasets: [iris()] });
    await t.rpc.request(LogRunInputs, { runId: b, datasets: [iris(), iris('99999999')] });
    const pg = new Client({ connectionString: t.dbUrl });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `SELECT digest FROM tracking.datasets WHERE experiment_id = $1 AND name = 'iris' ORDER BY digest`,
        [experimentId],
      );
      expect(rows).toEqual([{ digest: '99999999' }, { digest: 'f6a1f5e3' }]);
    } finally {
      await pg.end();
    }
    expect((await t.rpc.request(GetRun, { runId: b })).inputs?.map((i) => i.dataset.digest)).toEqual([
      '99999999',
      'f6a1f5e3',
    ]);
    expect((await t.rpc.request(GetRun, { runId: a })).inputs).toHaveLength(1);

    const search = (includeInputs: boolean) =>
      t.rpc.request(SearchRuns, {
        experimentIds: [experimentId],
        orderBy: ['attributes.run_name ASC'],
        includeInputs,
      });
    const withInputs = await search(true);
    expect(withInputs.runs.map((r) => [r.info.runName, r.inputs?.length])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect((await search(false)).runs.map((r) => r.inputs)).toEqual([undefined, undefined]);
  });

  it('inputs - a run without inputs has an empty list; unknown and deleted runs are refused', async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'inputs-refused' });
    const runId = await newRun(experimentId, 'plain');
    expect((await t.rpc.request(GetRun, { runId })).inputs).toEqual([]);
    await expect(
      t.rpc.request(LogRunInputs, { runId: 'no-such-run', datasets: [iris()] }),
    ).rejects.toMatchObject({
      code: 'TRACKING.RUN_NOT_FOUND',
    });
    await t.rpc.request(DeleteRun, { runId });
    await expect(t.rpc.request(LogRunInputs, { runId, datasets: [iris()] })).rejects.toMatchObject({
      code: 'TRACKING.RUN_INVALID_STATE',
    });
  });

  it("inputs - a digest over MLflow's 36 characters is refused by the service, naming the field, nothing stored", async () => {
    const { experimentId } = await t.rpc.request(CreateExperiment, { name: 'inputs-invalid' });
    const runId = await newRun(experimentId, 'bad');
    const refused = t.raw(LogRunInputs, { runId, datasets: [iris('d'.repeat(37)), iris()] });
    await expect(refused).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
      details: {
        issues: [
          { path: 'datasets[0].dataset.digest', message: 'Too big: expected string to have <=36 characters' },
        ],
      },
    });
    expect((await t.rpc.request(GetRun, { runId })).inputs).toEqual([]);
  });
});
