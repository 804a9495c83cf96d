import type { Json } from '../testing/api-client';
import { gatewaySuite } from '../testing/gateway-suite';
import * as mlflow from './mlflow-client.fixtures';

const API = '/api/2.0/mlflow';

describe('mlflow api - the other endpoints of service.proto and model_registry.proto', () => {
  const suite = gatewaySuite();
  const t0 = 1_700_000_000_000;

  const call = (method: string, path: string, body?: unknown) =>
    suite.admin<Json>(method, `${API}${path}`, body);
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status: 200 });
    return res.body;
  };

  test('experiments - search (POST and GET), update, tags, delete and restore', async () => {
    const { experiment_id: id } = await ok('POST', '/experiments/create', {
      name: 'exp-a',
      tags: [{ key: 'team', value: 'ml' }],
    });
    await ok('POST', '/experiments/create', { name: 'other' });
    const posted = await ok('POST', '/experiments/search', { filter: "name LIKE 'exp-%'", max_results: 10 });
    expect(posted.experiments.map((e: Json) => e.name)).toEqual(['exp-a']);
    const got = await ok(
      'GET',
      `/experiments/search?filter=${encodeURIComponent("tags.team = 'ml'")}&max_results=10`,
    );
    expect(got.experiments.map((e: Json) => e.experiment_id)).toEqual([id]);

    await ok('POST', '/experiments/update', { experiment_id: id, new_name: 'exp-b' });
    await ok('POST', '/experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'dev' });
    await ok('POST', '/experiments/delete-experiment-tag', { experiment_id: id, key: 'team' });
    expect((await ok('GET', `/experiments/get?experiment_id=${id}`)).experiment).toMatchObject({
      name: 'exp-b',
      tags: [{ key: 'stage', value: 'dev' }],
    });

    const badId = await call('GET', '/experiments/get?experiment_id=a%20b');
    expect(badId).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(badId.body.message).toContain('experiment_id');

    await ok('POST', '/experiments/delete', { experiment_id: Number(id) });
    expect((await ok('GET', `/experiments/get?experiment_id=${id}`)).experiment.lifecycle_stage).toBe(
      'deleted',
    );
    const deleted = await ok('GET', '/experiments/search?view_type=DELETED_ONLY');
    expect(deleted.experiments.map((e: Json) => e.experiment_id)).toEqual([id]);
    await ok('POST', '/experiments/restore', { experiment_id: id });
    expect((await ok('GET', `/experiments/get?experiment_id=${id}`)).experiment.lifecycle_stage).toBe(
      'active',
    );
  });

  test('runs - params, tags, delete and restore, log-inputs, search pages, history pages and bulk interval', async () => {
    const { experiment_id: exp } = await ok('POST', '/experiments/create', { name: 'runs' });
    const a = (await ok('POST', '/runs/create', mlflow.createRun(exp, t0))).run.info.run_id;
    const b = (await ok('POST', '/runs/create', { experiment_id: exp, start_time: String(t0) })).run.info
      .run_id;
    await ok('POST', '/runs/log-parameter', { run_uuid: a, key: 'depth', value: '4' });
    const conflict = await call('POST', '/runs/log-parameter', { run_id: a, key: 'depth', value: '5' });
    expect(conflict).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    await ok('POST', '/runs/set-tag', { run_id: a, run_uuid: a, key: 'note', value: 'x' });
    await ok('POST', '/runs/delete-tag', { run_id: a, key: 'note' });
    await ok('POST', '/runs/log-inputs', { run_id: a, datasets: [] });
    expect((await ok('GET', `/runs/get?run_id=${a}`)).run.inputs).toEqual({});
    const logged = mlflow.logInputs(a);
    await ok('POST', '/runs/log-inputs', logged);
    await ok('POST', '/runs/log-inputs', logged);
    const run = (await ok('GET', `/runs/get?run_id=${a}`)).run;
    expect(run.data.params).toEqual([{ key: 'depth', value: '4' }]);
    expect(run.data.tags.map((t: Json) => t.key)).not.toContain('note');
    // MLflow's Run.inputs: what the client logged, once however often it was logged.
    expect(run.inputs).toEqual({ dataset_inputs: logged.datasets });
    const badInput = await call('POST', '/runs/log-inputs', {
      run_id: a,
      datasets: [{ dataset: { name: 'x', digest: 'd'.repeat(37), source_type: 'local', source: '{}' } }],
    });
    expect(badInput).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(badInput.body.message).toContain('digest');
    const noSource = await call('POST', '/runs/log-inputs', {
      run_id: a,
      datasets: [{ dataset: { name: 'x', digest: 'd', source_type: 'local' } }],
    });
    expect(noSource).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(noSource.body.message).toContain('source');

    for (const [id, v] of [
      [a, 1],
      [b, 2],
    ] as const)
      await ok('POST', '/runs/log-batch', {
        run_id: id,
        metrics: [0, 1, 2, 3].map((step) => ({ key: 'acc', value: v * step, timestamp: t0 + step, step })),
      });

    const page1 = await ok('POST', '/runs/search', {
      experiment_ids: [exp],
      order_by: ['metrics.acc DESC'],
      max_results: 1,
    });
    expect(page1.runs.map((r: Json) => r.info.run_id)).toEqual([b]);
    const page2 = await ok('POST', '/runs/search', {
      experiment_ids: [exp],
      order_by: ['metrics.acc DESC'],
      max_results: 1,
      page_token: page1.next_page_token,
    });
    expect(page2.runs.map((r: Json) => r.info.run_id)).toEqual([a]);
    expect(page1.runs[0].inputs).toEqual({});
    expect(page2.runs[0].inputs).toEqual({ dataset_inputs: mlflow.logInputs(a).datasets });

    const h1 = await ok('GET', `/metrics/get-history?run_id=${a}&metric_key=acc&max_results=3`);
    expect(h1.metrics.map((m: Json) => m.step)).toEqual([0, 1, 2]);
    const h2 = await ok(
      'GET',
      `/metrics/get-history?run_id=${a}&metric_key=acc&page_token=${h1.next_page_token}`,
    );
    expect(h2.metrics.map((m: Json) => m.step)).toEqual([3]);

    const bulk = await ok(
      'GET',
      `/metrics/get-history-bulk-interval?run_ids=${a}&run_ids=${b}&metric_key=acc&start_step=1&end_step=2`,
    );
    expect(bulk.metrics).toEqual([
      { run_id: a, key: 'acc', value: 1, timestamp: t0 + 1, step: 1 },
      { run_id: a, key: 'acc', value: 2, timestamp: t0 + 2, step: 2 },
      { run_id: b, key: 'acc', value: 2, timestamp: t0 + 1, step: 1 },
      { run_id: b, key: 'acc', value: 4, timestamp: t0 + 2, step: 2 },
    ]);

    await ok('POST', '/runs/delete', { run_id: b });
    expect((await ok('GET', `/runs/get?run_id=${b}`)).run.info.lifecycle_stage).toBe('deleted');
    const active = await ok('POST', '/runs/search', { experiment_ids: [exp] });
    expect(active.runs.map((r: Json) => r.info.run_id)).toEqual([a]);
    await ok('POST', '/runs/restore', { run_id: b });
    expect((await ok('GET', `/runs/get?run_id=${b}`)).run.info.lifecycle_stage).toBe('active');
  });

  test('registry - tags, update, rename, search, latest versions, aliases, versions, delete', async () => {
    await ok('POST', '/registered-models/create', {
      name: 'fraud',
      description: 'first',
      tags: [{ key: 'team', value: 'risk' }],
    });
    await ok('POST', '/registered-models/create', { name: 'churn-a' });
    const dup = await call('POST', '/registered-models/create', { name: 'fraud' });
    expect(dup.body).toEqual({
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: 'Registered Model (name=fraud) already exists.',
    });
    await ok('POST', '/registered-models/set-tag', { name: 'fraud', key: 'tier', value: 'gold' });
    await ok('DELETE', '/registered-models/delete-tag', { name: 'fraud', key: 'team' });
    const updated = await ok('PATCH', '/registered-models/update', { name: 'fraud', description: 'second' });
    expect(updated.registered_model).toMatchObject({
      description: 'second',
      tags: [{ key: 'tier', value: 'gold' }],
    });
    const renamed = await ok('POST', '/registered-models/rename', { name: 'fraud', new_name: 'fraud-v2' });
    expect(renamed.registered_model.name).toBe('fraud-v2');

    const like = await ok(
      'GET',
      `/registered-models/search?filter=${encodeURIComponent("name LIKE 'fraud%'")}`,
    );
    expect(like.registered_models.map((m: Json) => m.name)).toEqual(['fraud-v2']);
    const byTag = await ok(
      'GET',
      `/registered-models/search?filter=${encodeURIComponent("tags.tier = 'gold'")}`,
    );
    expect(byTag.registered_models.map((m: Json) => m.name)).toEqual(['fraud-v2']);
    const ordered = await ok('GET', '/registered-models/search?order_by=name%20DESC&max_results=1');
    expect(ordered.registered_models.map((m: Json) => m.name)).toEqual(['fraud-v2']);
    expect(ordered.next_page_token).toEqual(expect.any(String));
    const badFilter = await call(
      'GET',
      `/registered-models/search?filter=${encodeURIComponent('name = fraud')}`,
    );
    expect(badFilter).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });

    for (const source of ['s3://bucket/m1', 's3://bucket/m2'])
      await ok('POST', '/model-versions/create', { name: 'fraud-v2', source, description: 'v' });
    const v2 = (await ok('GET', '/model-versions/get?name=fraud-v2&version=2')).model_version;
    expect(v2).toMatchObject({
      version: '2',
      source: 's3://bucket/m2',
      description: 'v',
      current_stage: 'None',
    });
    await ok('PATCH', '/model-versions/update', { name: 'fraud-v2', version: '2', description: 'better' });
    await ok('POST', '/model-versions/set-tag', { name: 'fraud-v2', version: '2', key: 'k', value: 'v' });
    await ok('POST', '/model-versions/set-tag', { name: 'fraud-v2', version: '1', key: 'gone', value: 'x' });
    await ok('DELETE', '/model-versions/delete-tag', { name: 'fraud-v2', version: '1', key: 'gone' });
    const searched = await ok(
      'GET',
      `/model-versions/search?filter=${encodeURIComponent("name = 'fraud-v2'")}`,
    );
    expect(searched.model_versions.map((v: Json) => [v.version, v.description ?? null, v.tags])).toEqual([
      ['2', 'better', [{ key: 'k', value: 'v' }]],
      ['1', 'v', []],
    ]);

    await ok('POST', '/model-versions/transition-stage', mlflow.transitionStage('fraud-v2', '1', 'staging'));
    await ok('POST', '/model-versions/transition-stage', mlflow.transitionStage('fraud-v2', '2', 'Archived'));
    const latest = await ok('POST', '/registered-models/get-latest-versions', {
      name: 'fraud-v2',
      stages: ['Staging'],
    });
    expect(latest.model_versions.map((v: Json) => [v.version, v.current_stage])).toEqual([['1', 'Staging']]);
    const all = await ok('GET', '/registered-models/get-latest-versions?name=fraud-v2');
    expect(all.model_versions.map((v: Json) => v.current_stage).sort()).toEqual(['Archived', 'Staging']);

    await ok('POST', '/registered-models/alias', mlflow.setAlias('fraud-v2', 'shadow', '1'));
    await ok('POST', '/registered-models/alias', mlflow.setAlias('fraud-v2', 'shadow', '1'));
    await ok('DELETE', '/registered-models/alias', { name: 'fraud-v2', alias: 'shadow' });
    expect((await call('GET', '/registered-models/alias?name=fraud-v2&alias=shadow')).status).toBe(404);
    // Slipway's default policy: `champion` needs an approved promotion request, even from MLflow.
    const champion = await call(
      'POST',
      '/registered-models/alias',
      mlflow.setAlias('fraud-v2', 'champion', '1'),
    );
    expect(champion.body.error_code).toBe('INVALID_STATE');

    await ok('DELETE', '/model-versions/delete', { name: 'fraud-v2', version: '2' });
    const gone = await call('GET', '/model-versions/get?name=fraud-v2&version=2');
    expect(gone.body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Model Version (name=fraud-v2, version=2) not found',
    });
    await ok('DELETE', '/registered-models/delete', { name: 'fraud-v2' });
    expect((await call('GET', '/registered-models/get?name=fraud-v2')).body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Registered Model with name=fraud-v2 not found',
    });
  });
});
