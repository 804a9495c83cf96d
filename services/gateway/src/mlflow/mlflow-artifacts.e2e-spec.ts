import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import type { Json } from '../testing/api-client';
import { gatewaySuite } from '../testing/gateway-suite';
import * as mlflow from './mlflow-client.fixtures';
import * as artifacts from './mlflow-artifacts.fixtures';

const API = '/api/2.0/mlflow';

interface Sent {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  body: Json;
}

describe('mlflow api - artifacts through the artifact proxy, as an unchanged MLflow 2.x client logs and loads them', () => {
  const suite = gatewaySuite();
  const t0 = 1_700_000_000_000;

  const call = (method: string, path: string, body?: unknown) =>
    suite.admin<Json>(method, `${API}${path}`, body);

  /** One request as MLflow's `http_request` sends it: raw bytes, the guessed Content-Type, the token. */
  async function send(
    method: string,
    path: string,
    opts: { bytes?: Uint8Array; contentType?: string; token?: string | null } = {},
  ): Promise<Sent> {
    const token = opts.token === undefined ? suite.platform.adminToken : opts.token;
    const res = await fetch(`${suite.platform.gatewayUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(opts.contentType ? { 'content-type': opts.contentType } : {}),
      },
      body: opts.bytes,
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let body: Json = undefined;
    try {
      body = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      // A file, not JSON.
    }
    return { status: res.status, headers: res.headers, bytes, body };
  }

  /** A request whose path is sent as written (fetch would resolve `..` before sending it). */
  function sendRaw(method: string, path: string): Promise<{ status: number; body: Json }> {
    const url = new URL(suite.platform.gatewayUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { authorization: `Bearer ${suite.platform.adminToken}`, 'content-type': 'text/plain' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(method === 'PUT' ? 'x' : undefined);
    });
  }

  async function newRun(experiment: string) {
    const created = await call('POST', '/experiments/create', mlflow.createExperiment(experiment));
    const experimentId: string = created.body.experiment_id;
    const run = (await call('POST', '/runs/create', mlflow.createRun(experimentId, t0))).body.run.info;
    return { experimentId, runId: run.run_id as string, artifactUri: run.artifact_uri as string };
  }

  const upload = (root: string, f: artifacts.ClientFile) =>
    send('PUT', `${artifacts.proxyUrlOf(root)}/${f.path}`, { bytes: f.bytes, contentType: f.contentType });

  test('log_artifact, sklearn log_model, register from the run, load models:/churn/1: same bytes, right sizes', async () => {
    const { experimentId, runId, artifactUri } = await newRun('churn');
    // The URIs an MLflow client gets: resolved against the tracking URI to the proxy.
    expect(artifactUri).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
    const experiment = (await call('GET', `/experiments/get?experiment_id=${experimentId}`)).body.experiment;
    expect(experiment.artifact_location).toBe(`mlflow-artifacts:/${experimentId}`);
    const root = artifacts.proxyUrlOf(artifactUri);
    expect(root).toBe(`/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts`);

    // mlflow.log_artifact('model.pkl'): GetRun, then PUT.
    expect(
      (await call('GET', `/runs/get?run_uuid=${runId}&run_id=${runId}`)).body.run.info.artifact_uri,
    ).toBe(artifactUri);
    const pkl = artifacts.logArtifactFile();
    expect(await upload(artifactUri, pkl)).toMatchObject({ status: 200, body: {} });

    // mlflow.sklearn.log_model(model, 'model'): GetRun, then one PUT per file of the saved folder.
    const model = artifacts.sklearnModelFiles(runId);
    await call('GET', `/runs/get?run_uuid=${runId}&run_id=${runId}`);
    for (const f of model)
      expect({ path: f.path, ...(await upload(artifactUri, f)) }).toMatchObject({ status: 200 });

    const logged = await call('POST', '/runs/log-model', artifacts.logModel(runId));
    expect(logged).toMatchObject({ status: 200, body: {} });
    await call('POST', '/runs/log-model', artifacts.logModel(runId));
    const tags = (await call('GET', `/runs/get?run_id=${runId}`)).body.run.data.tags as Json[];
    const history = JSON.parse(tags.find((t) => t.key === 'mlflow.log-model.history')?.value ?? '[]');
    expect(history).toEqual([JSON.parse(artifacts.logModel(runId).model_json), expect.any(Object)]);
    const noFlavors = await call('POST', '/runs/log-model', { run_id: runId, model_json: '{"run_id": "x"}' });
    expect(noFlavors).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });

    // The files are the run's artifacts in Slipway's store: the REST API serves the same bytes.
    const rest = await fetch(`${suite.platform.gatewayUrl}/api/v1/runs/${runId}/artifacts/model.pkl`, {
      headers: { authorization: `Bearer ${suite.platform.adminToken}` },
    });
    expect(Buffer.from(await rest.arrayBuffer()).equals(Buffer.from(pkl.bytes))).toBe(true);

    // register_model('runs:/<run>/model', 'churn'): version 1 from the underlying URI (MLflow 2.x),
    // version 2 from the runs:/ URI itself.
    await call('POST', '/registered-models/create', mlflow.createRegisteredModel('churn'));
    const v1 = await call(
      'POST',
      '/model-versions/create',
      artifacts.createModelVersionFromRun('churn', `${artifactUri}/model`, runId),
    );
    expect(v1.body.model_version).toMatchObject({ version: '1', source: `${artifactUri}/model` });
    const v2 = await call(
      'POST',
      '/model-versions/create',
      artifacts.createModelVersionFromRun('churn', `runs:/${runId}/model`, runId),
    );
    expect(v2.body.model_version).toMatchObject({ version: '2', source: `runs:/${runId}/model` });

    // mlflow.pyfunc.load_model('models:/churn/<v>'): the download URI, the folder listed twice, every file.
    for (const version of ['1', '2']) {
      const download = await call(
        'GET',
        `/model-versions/get-download-uri?${artifacts.getDownloadUriQuery('churn', version)}`,
      );
      expect(download).toMatchObject({ status: 200, body: { artifact_uri: `${artifactUri}/model` } });
      const resolved = artifacts.proxyUrlOf(download.body.artifact_uri);
      expect(resolved).toBe(`${root}/model`);
      const listing = await send('GET', `${artifacts.PROXY_PATH}?${artifacts.listQueryOf(resolved)}`);
      expect(listing.status).toBe(200);
      expect(listing.body).toEqual({
        files: model
          .map((f) => ({ path: f.path.slice('model/'.length), is_dir: false, file_size: f.bytes.length }))
          .sort((a, b) => (a.path < b.path ? -1 : 1)),
      });
      for (const entry of listing.body.files as { path: string; file_size: number }[]) {
        const file = await send('GET', `${resolved}/${entry.path}`);
        const expected = model.find((f) => f.path === `model/${entry.path}`) as artifacts.ClientFile;
        expect({ path: entry.path, status: file.status, size: file.bytes.length }).toEqual({
          path: entry.path,
          status: 200,
          size: entry.file_size,
        });
        expect(Buffer.from(file.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
        expect(file.headers.get('content-type')).toBe('application/octet-stream');
        expect(file.headers.get('content-disposition')).toBe(
          `attachment; filename*=UTF-8''${encodeURIComponent(entry.path)}`,
        );
      }
    }

    // The run's root: the pickled file and the model folder (a folder has no size), by name.
    const top = await send('GET', `${artifacts.PROXY_PATH}?${artifacts.listQueryOf(root)}`);
    expect(top.body).toEqual({
      files: [
        { path: 'model', is_dir: true },
        { path: 'model.pkl', is_dir: false, file_size: pkl.bytes.length },
      ],
    });
    const downloaded = await send('GET', `${root}/model.pkl`);
    expect(Buffer.from(downloaded.bytes).equals(Buffer.from(pkl.bytes))).toBe(true);

    // MLflow's ListArtifacts (service.proto): paths relative to the run's root, and its root URI.
    const listed = await call('GET', `/artifacts/list?run_id=${runId}&path=model`);
    expect(listed).toMatchObject({ status: 200, body: { root_uri: artifactUri } });
    expect(listed.body.files.map((f: Json) => [f.path, f.file_size])).toEqual(
      model.map((f) => [f.path, f.bytes.length]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );

    // delete_artifacts('model'): the folder's files go, the rest stays.
    expect(await send('DELETE', `${root}/model`)).toMatchObject({ status: 200, body: {} });
    const after = await send('GET', `${artifacts.PROXY_PATH}?${artifacts.listQueryOf(root)}`);
    expect(after.body.files.map((f: Json) => f.path)).toEqual(['model.pkl']);
    expect((await send('GET', `${root}/model/MLmodel`)).status).toBe(404);
  });

  test('refusals in MLflow shape: missing run 404, `..` 400, no token 401, read token 403, wrong experiment 404, deleted run 400', async () => {
    const { experimentId, runId, artifactUri } = await newRun('refusals');
    const file = { path: 'a.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('a') };
    const missingRun = '0123456789abcdef0123456789abcdef';

    const missing = await upload(`mlflow-artifacts:/${experimentId}/${missingRun}/artifacts`, file);
    expect(missing).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${missingRun} not found` },
    });

    const root = artifacts.proxyUrlOf(artifactUri);
    for (const path of [
      `${root}/../../${missingRun}/artifacts/a.txt`,
      `${root}/%2E%2E/x.txt`,
      `${root}/model/../../x.txt`,
    ]) {
      const dots = await sendRaw('PUT', path);
      expect({ path, ...dots }).toMatchObject({
        path,
        status: 400,
        body: { error_code: 'INVALID_PARAMETER_VALUE' },
      });
    }
    const dotsGet = await sendRaw('GET', `${root}/../x.txt`);
    expect(dotsGet).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const dotsList = await send(
      'GET',
      `${artifacts.PROXY_PATH}?path=${encodeURIComponent(`${experimentId}/${runId}/artifacts/../x`)}`,
    );
    expect(dotsList).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });

    const anonymous = await send('PUT', `${root}/a.txt`, {
      bytes: file.bytes,
      contentType: 'text/plain',
      token: null,
    });
    expect(anonymous).toMatchObject({ status: 401, body: { error_code: 'UNAUTHENTICATED' } });
    expect((await send('GET', `${root}/a.txt`, { token: null })).status).toBe(401);
    expect(
      (await send('GET', `${artifacts.PROXY_PATH}?${artifacts.listQueryOf(root)}`, { token: null })).status,
    ).toBe(401);

    const reader = (
      await suite.admin('POST', '/api/v1/tokens', { name: 'artifact-reader', scopes: ['read'] })
    ).body.token;
    const denied = await send('PUT', `${root}/a.txt`, {
      bytes: file.bytes,
      contentType: 'text/plain',
      token: reader,
    });
    expect(denied).toMatchObject({ status: 403, body: { error_code: 'PERMISSION_DENIED' } });
    expect((await send('DELETE', `${root}/a.txt`, { token: reader })).status).toBe(403);

    expect(await upload(artifactUri, file)).toMatchObject({ status: 200 });
    expect((await send('GET', `${root}/a.txt`, { token: reader })).status).toBe(200);
    const elsewhere = await send('GET', `${artifacts.PROXY_PATH}/999/${runId}/artifacts/a.txt`);
    expect(elsewhere).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    const noFile = await send('GET', `${root}/nothing.txt`);
    expect(noFile).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    const notARun = await send('GET', `${artifacts.PROXY_PATH}?path=${experimentId}`);
    expect(notARun).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });

    // MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD: the refusal the client falls back from.
    const mpu = await send(
      'POST',
      `/api/2.0/mlflow-artifacts/mpu/create/${experimentId}/${runId}/artifacts`,
      {
        bytes: new TextEncoder().encode(JSON.stringify({ path: 'big.bin', num_parts: 2 })),
        contentType: 'application/json',
      },
    );
    expect(mpu).toMatchObject({
      status: 501,
      body: { message: 'Multipart upload is not supported for the current artifact repository' },
    });

    // An empty file, with the guessed type and with none (requests sends Content-Length: 0 either way).
    for (const contentType of ['text/plain', undefined]) {
      const put = await send('PUT', `${root}/empty.txt`, { bytes: new Uint8Array(0), contentType });
      expect({ contentType, ...put }).toMatchObject({ contentType, status: 200 });
      const got = await send('GET', `${root}/empty.txt`);
      expect({ status: got.status, size: got.bytes.length }).toEqual({ status: 200, size: 0 });
    }
    const folder = await send('GET', `${root}/`);
    expect(folder).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });

    await call('POST', '/runs/delete', { run_id: runId });
    const deleted = await upload(artifactUri, file);
    expect(deleted).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(deleted.body.message).toContain("must be in the 'active' state");
    // A deleted run's files can still be read and deleted (`mlflow gc`).
    expect((await send('DELETE', root)).status).toBe(200);
    expect((await send('GET', `${root}/a.txt`)).status).toBe(404);
  });

  test("python3 (standard library) replays the client: MLflow's resolve_uri, log_artifact(s), download of models:/", async () => {
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.env['PYTHON'] ?? 'python3',
        [`${__dirname}/mlflow_artifacts_replay.py`],
        {
          env: {
            ...process.env,
            MLFLOW_TRACKING_URI: suite.platform.gatewayUrl,
            MLFLOW_TRACKING_TOKEN: suite.platform.adminToken,
            PYTHONDONTWRITEBYTECODE: '1',
          },
          timeout: 60_000,
        },
        (err, stdout, stderr) => resolve({ code: err ? 1 : 0, output: `${stdout}${stderr}` }),
      );
    });
    expect(result).toEqual({ code: 0, output: 'OK mlflow artifacts replay\n' });
  }, 90_000);
});
