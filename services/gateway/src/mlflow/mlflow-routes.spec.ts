import type { GatewayConfig } from '../config/gateway.config';
import { openApiDocument } from '../openapi/openapi.document';
import { mlflowRoutes } from './index';

/** Every endpoint of MLflow's `service.proto` and `model_registry.proto` that Slipway answers. */
const ENDPOINTS = [
  'POST /experiments/create',
  'GET /experiments/get',
  'GET /experiments/get-by-name',
  'POST /experiments/search',
  'GET /experiments/search',
  'POST /experiments/update',
  'POST /experiments/delete',
  'POST /experiments/restore',
  'POST /experiments/set-experiment-tag',
  'POST /experiments/delete-experiment-tag',
  'POST /runs/create',
  'GET /runs/get',
  'POST /runs/update',
  'POST /runs/delete',
  'POST /runs/restore',
  'POST /runs/search',
  'POST /runs/log-metric',
  'POST /runs/log-parameter',
  'POST /runs/log-batch',
  'POST /runs/set-tag',
  'POST /runs/delete-tag',
  'POST /runs/log-inputs',
  'GET /metrics/get-history',
  'GET /metrics/get-history-bulk-interval',
  'POST /registered-models/create',
  'GET /registered-models/get',
  'POST /registered-models/rename',
  'PATCH /registered-models/update',
  'DELETE /registered-models/delete',
  'GET /registered-models/search',
  'POST /registered-models/get-latest-versions',
  'GET /registered-models/get-latest-versions',
  'POST /registered-models/set-tag',
  'DELETE /registered-models/delete-tag',
  'POST /registered-models/alias',
  'DELETE /registered-models/alias',
  'GET /registered-models/alias',
  'POST /model-versions/create',
  'GET /model-versions/get',
  'PATCH /model-versions/update',
  'DELETE /model-versions/delete',
  'GET /model-versions/search',
  'POST /model-versions/transition-stage',
  'GET /model-versions/get-download-uri',
  'POST /model-versions/set-tag',
  'DELETE /model-versions/delete-tag',
  'POST /runs/log-model',
  'GET /artifacts/list',
  // The artifact proxy (`mlflow server --serve-artifacts`), beside `/2.0/mlflow`.
  'PUT /2.0/mlflow-artifacts/artifacts/*',
  'GET /2.0/mlflow-artifacts/artifacts/*',
  'GET /2.0/mlflow-artifacts/artifacts',
  'DELETE /2.0/mlflow-artifacts/artifacts/*',
  'POST /2.0/mlflow-artifacts/mpu/create/*',
];

/** `/runs/get` for the endpoints of `/2.0/mlflow`, the whole URL for the artifact proxy's. */
const pathOf = (url: string) => (url.startsWith('/2.0/mlflow/') ? url.slice('/2.0/mlflow'.length) : url);

/** Reads that MLflow sends as POST. */
const POST_READS = ['/experiments/search', '/runs/search', '/registered-models/get-latest-versions'];

const routes = mlflowRoutes({
  rpc: {} as never,
  nc: {} as never,
  store: {} as never,
  metricsWriter: {} as never,
  config: { SLIPWAY_SUBJECT_ROOT: 'slipway' } as GatewayConfig,
});

describe('mlflow routes - the endpoints, their scopes and their documentation', () => {
  test('endpoints - every MLflow endpoint once, under /2.0/mlflow or /2.0/mlflow-artifacts, answering errors as MLflow', () => {
    const listed = routes.map((r) => `${r.method} ${pathOf(r.url)}`);
    expect([...listed].sort()).toEqual([...ENDPOINTS].sort());
    expect(
      routes.every((r) => /^\/2\.0\/mlflow(-artifacts)?\//.test(r.url) && r.errorFormat === 'mlflow'),
    ).toBe(true);
  });

  test('scopes - reads need read, everything else write', () => {
    for (const r of routes) {
      const path = pathOf(r.url);
      const read = r.method === 'GET' || POST_READS.includes(path);
      expect(`${r.method} ${path} ${r.scope}`).toBe(`${r.method} ${path} ${read ? 'read' : 'write'}`);
    }
  });

  test('openapi - the document describes the MLflow paths with their query and body fields', () => {
    const doc = openApiDocument(routes, 'test') as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const getRun = doc.paths['/api/2.0/mlflow/runs/get']?.get;
    expect(getRun?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'run_id', in: 'query' })]),
    );
    expect(JSON.stringify(doc.paths['/api/2.0/mlflow/runs/log-batch']?.post)).toContain('metrics');
  });
});
