import { apiClient, type Json } from '../testing/api-client';
import { gatewaySuite } from '../testing/gateway-suite';
import * as mlflow from './mlflow-client.fixtures';

const API = '/api/2.0/mlflow';
const RUN_INFO_KEYS = [
  'artifact_uri',
  'end_time',
  'experiment_id',
  'lifecycle_stage',
  'run_id',
  'run_name',
  'run_uuid',
  'start_time',
  'status',
  'user_id',
].sort();
const VERSION_KEYS = [
  'aliases',
  'creation_timestamp',
  'current_stage',
  'last_updated_timestamp',
  'name',
  'run_id',
  'source',
  'status',
  'tags',
  'user_id',
  'version',
].sort();

describe('mlflow api - an unchanged MLflow 2.x client against the gateway', () => {
  const suite = gatewaySuite();
  const t0 = 1_700_000_000_000;

  const call = (method: string, path: string, body?: unknown) =>
    suite.admin<Json>(method, `${API}${path}`, body);

  test('tracking - experiment, runs, log-batch, log-metric, history, search with filter and order_by, end run', async () => {
    const absent = await call('GET', `/experiments/get-by-name?${mlflow.getExperimentByNameQuery('churn')}`);
    expect(absent.status).toBe(404);
    expect(absent.body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: "Could not find experiment with name 'churn'",
    });

    const created = await call('POST', '/experiments/create', mlflow.createExperiment('churn'));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ experiment_id: expect.any(String) });
    const experimentId: string = created.body.experiment_id;
    const byName = await call('GET', `/experiments/get-by-name?${mlflow.getExperimentByNameQuery('churn')}`);
    expect(byName.body.experiment).toMatchObject({
      experiment_id: experimentId,
      name: 'churn',
      lifecycle_stage: 'active',
      artifact_location: expect.any(String),
      creation_time: expect.any(Number),
      last_update_time: expect.any(Number),
    });
    const taken = await call('POST', '/experiments/create', mlflow.createExperiment('churn'));
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: expect.stringContaining('churn'),
    });

    const svc = await call('POST', '/runs/create', mlflow.createRun(experimentId, t0));
    expect(svc.status).toBe(200);
    const info = svc.body.run.info;
    expect(info).toMatchObject({
      run_id: info.run_uuid,
      experiment_id: experimentId,
      run_name: 'sturdy-gull-42',
      user_id: 'alice',
      status: 'RUNNING',
      start_time: t0,
      lifecycle_stage: 'active',
      artifact_uri: expect.any(String),
    });
    expect(svc.body.run.data.tags).toEqual(
      expect.arrayContaining([{ key: 'mlflow.source.name', value: 'train.py' }]),
    );
    const runId: string = info.run_id;
    const other = (await call('POST', '/runs/create', mlflow.createRun(experimentId, t0))).body.run.info
      .run_id;
    const low = (await call('POST', '/runs/create', mlflow.createRun(experimentId, t0))).body.run.info.run_id;

    expect(await call('POST', '/runs/log-batch', mlflow.logBatch(runId, t0, 0.91, 'svc'))).toMatchObject({
      status: 200,
      body: {},
    });
    await call('POST', '/runs/log-batch', mlflow.logBatch(other, t0, 0.95, 'svc'));
    await call('POST', '/runs/log-batch', mlflow.logBatch(low, t0, 0.4, 'svc'));
    expect((await call('POST', '/runs/log-metric', mlflow.logMetric(runId, t0))).status).toBe(200);
    expect((await call('POST', '/runs/log-metric', mlflow.logMetricOneX(runId, t0))).status).toBe(200);

    const history = await call('GET', `/metrics/get-history?${mlflow.getHistoryQuery(runId, 'loss')}`);
    expect(history.status).toBe(200);
    expect(history.body).toEqual({
      metrics: [
        { key: 'loss', value: 0.9, timestamp: t0, step: 0 },
        { key: 'loss', value: 0.5, timestamp: t0 + 1, step: 1 },
        { key: 'loss', value: 'NaN', timestamp: t0 + 2, step: 2 },
        { key: 'loss', value: 0.25, timestamp: t0 + 3, step: 3 },
      ],
    });

    const found = await call('POST', '/runs/search', mlflow.searchRuns(experimentId));
    expect(found.status).toBe(200);
    expect(found.body.runs.map((r: Json) => r.info.run_id)).toEqual([other, runId]);
    const first = found.body.runs[1];
    expect(first.data.metrics).toEqual(
      expect.arrayContaining([
        { key: 'accuracy', value: 0.91, timestamp: t0 + 1, step: 1 },
        { key: 'loss', value: 0.25, timestamp: t0 + 3, step: 3 },
      ]),
    );
    expect(first.data.params).toEqual(expect.arrayContaining([{ key: 'model', value: 'svc' }]));

    const ended = await call('POST', '/runs/update', mlflow.updateRunFinished(runId, t0 + 60_000));
    expect(ended.status).toBe(200);
    expect(Object.keys(ended.body.run_info).sort()).toEqual(RUN_INFO_KEYS);
    expect(ended.body.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: t0 + 60_000 });
    const got = await call('GET', `/runs/get?run_id=${runId}&run_uuid=${runId}`);
    expect(got.body.run.info).toEqual(ended.body.run_info);
  });

  test('registry - registered model, version from a run, alias, get by alias, stage transition', async () => {
    const experimentId = (await call('POST', '/experiments/create', mlflow.createExperiment('registry'))).body
      .experiment_id;
    const run = (await call('POST', '/runs/create', mlflow.createRun(experimentId, t0))).body.run.info;
    await call('POST', '/runs/log-batch', mlflow.logBatch(run.run_id, t0, 0.93, 'svc'));

    const model = await call(
      'POST',
      '/registered-models/create',
      mlflow.createRegisteredModel('churn-model'),
    );
    expect(model.status).toBe(200);
    expect(model.body.registered_model).toMatchObject({
      name: 'churn-model',
      creation_timestamp: expect.any(Number),
      latest_versions: [],
    });

    const source = mlflow.createModelVersion('churn-model', run.artifact_uri, run.run_id);
    const created = await call('POST', '/model-versions/create', source);
    expect(created.status).toBe(200);
    const version = created.body.model_version;
    expect(Object.keys(version).sort()).toEqual(VERSION_KEYS);
    expect(version).toMatchObject({
      name: 'churn-model',
      version: '1',
      source: source.source,
      run_id: run.run_id,
      current_stage: 'None',
      status: 'READY',
      aliases: [],
    });

    expect(
      await call('POST', '/registered-models/alias', mlflow.setAlias('churn-model', 'challenger', '1')),
    ).toMatchObject({ status: 200, body: {} });
    const byAlias = await call(
      'GET',
      `/registered-models/alias?${mlflow.getByAliasQuery('churn-model', 'challenger')}`,
    );
    expect(byAlias.status).toBe(200);
    expect(byAlias.body.model_version).toMatchObject({
      name: 'churn-model',
      version: '1',
      aliases: ['challenger'],
    });
    const noAlias = await call(
      'GET',
      `/registered-models/alias?${mlflow.getByAliasQuery('churn-model', 'nobody')}`,
    );
    expect(noAlias.status).toBe(404);
    expect(noAlias.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');

    const staged = await call(
      'POST',
      '/model-versions/transition-stage',
      mlflow.transitionStage('churn-model', '1', 'Staging'),
    );
    expect(staged.status).toBe(200);
    expect(staged.body.model_version).toMatchObject({ version: '1', current_stage: 'Staging' });
    expect(staged.body.model_version.aliases).toEqual(expect.arrayContaining(['challenger', 'staging']));

    const got = await call('GET', '/registered-models/get?name=churn-model');
    expect(got.body.registered_model).toMatchObject({
      name: 'churn-model',
      aliases: expect.arrayContaining([{ alias: 'challenger', version: '1' }]),
      latest_versions: [expect.objectContaining({ version: '1', current_stage: 'Staging' })],
    });
    const uri = await call('GET', '/model-versions/get-download-uri?name=churn-model&version=1');
    expect(uri.body).toEqual({ artifact_uri: source.source });
  });

  test('errors - MLflow shape: 401 without a token, 403 read token on a write, 400 naming the field, 404 missing run', async () => {
    const none = await apiClient(suite.platform.gatewayUrl)(
      'POST',
      `${API}/runs/create`,
      mlflow.createRun('0', t0),
    );
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.any(String) });

    const token = (await suite.admin('POST', '/api/v1/tokens', { name: 'reader', scopes: ['read'] })).body
      .token;
    const reader = apiClient(suite.platform.gatewayUrl, token);
    const denied = await reader('POST', `${API}/experiments/create`, mlflow.createExperiment('nope'));
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error_code: 'PERMISSION_DENIED', message: expect.any(String) });
    expect((await reader('GET', `${API}/experiments/get?experiment_id=0`)).status).toBe(200);

    const noKey = await call('POST', '/runs/log-metric', { run_id: 'abc', value: 1, timestamp: t0 });
    expect(noKey.status).toBe(400);
    expect(noKey.body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining("Missing value for required parameter 'key'"),
    });
    const badStep = await call('POST', '/runs/log-metric', {
      run_id: 'abc',
      key: 'k',
      value: 1,
      timestamp: t0,
      step: 'x',
    });
    expect(badStep.status).toBe(400);
    expect(badStep.body.message).toContain('step');

    const tooMany = await call('POST', '/runs/search', { experiment_ids: ['0'], max_results: 50_001 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('max_results');

    const missing = await call('GET', '/runs/get?run_id=0123456789abcdef0123456789abcdef');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Run with id=0123456789abcdef0123456789abcdef not found',
    });
  });
});
