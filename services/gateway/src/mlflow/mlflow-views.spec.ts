import type { ExperimentView, ModelVersionDetail, RunView } from '@slipway/contracts';
import {
  doubleOf,
  experimentJsonOf,
  metricJsonOf,
  modelVersionJsonOf,
  registeredModelJsonOf,
  runJsonOf,
} from './mlflow-views';

const run: RunView = {
  info: {
    runId: 'r1',
    experimentId: '7',
    runName: null,
    status: 'RUNNING',
    startTime: 1000,
    endTime: null,
    userId: null,
    sourceName: 'train.py',
    gitCommit: null,
    parentRunId: null,
    lifecycleStage: 'active',
    artifactUri: 'nats-obj://slipway-artifacts/7/r1/artifacts',
  },
  params: [{ key: 'lr', value: '0.1' }],
  tags: [{ key: 'team', value: 'ml' }],
  metrics: [{ key: 'loss', latest: NaN, step: 3, timestamp: 1003, min: 0.1, max: Infinity, count: 4 }],
};

const version: ModelVersionDetail = {
  model: 'churn',
  version: 2,
  source: 'runs:/r1/model',
  runId: null,
  flavor: 'python_function',
  signature: null,
  metrics: {},
  tags: { owner: 'ml' },
  status: 'active',
  description: null,
  createdBy: { id: 'alice', kind: 'token' },
  createdAt: '2025-01-31T12:00:00.000Z',
  updatedAt: '2025-01-31T12:00:01.000Z',
  aliases: ['champion'],
  stage: 'Production',
};

describe('mlflow views - Slipway views as MLflow JSON', () => {
  test('doubles - NaN and ±Infinity as protobuf JSON writes them, numbers unchanged', () => {
    expect([NaN, Infinity, -Infinity, 0.5, 0].map(doubleOf)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      0.5,
      0,
    ]);
  });

  test('run - snake_case info with run_uuid, unset fields left out, latest metric per key', () => {
    expect(runJsonOf(run)).toEqual({
      info: {
        run_id: 'r1',
        run_uuid: 'r1',
        experiment_id: '7',
        status: 'RUNNING',
        start_time: 1000,
        artifact_uri: 'mlflow-artifacts:/7/r1/artifacts',
        lifecycle_stage: 'active',
      },
      data: {
        metrics: [{ key: 'loss', value: 'NaN', timestamp: 1003, step: 3 }],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [{ key: 'team', value: 'ml' }],
      },
      inputs: {},
    });
  });

  test('run - dataset inputs as MLflow DatasetInput, absent schema and profile left out', () => {
    const withInputs = {
      ...run,
      inputs: [
        {
          dataset: { name: 'iris', digest: 'abc', sourceType: 'local', source: '{"uri": "/d.csv"}' },
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
        },
      ],
    };
    expect(runJsonOf(withInputs).inputs).toEqual({
      dataset_inputs: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: { name: 'iris', digest: 'abc', source_type: 'local', source: '{"uri": "/d.csv"}' },
        },
      ],
    });
  });

  test('metric history point - key, value, timestamp, step', () => {
    expect(metricJsonOf('acc', { step: 1, timestamp: 5, value: -Infinity })).toEqual({
      key: 'acc',
      value: '-Infinity',
      timestamp: 5,
      step: 1,
    });
  });

  test('experiment - MLflow field names', () => {
    const e: ExperimentView = {
      experimentId: '3',
      name: 'churn',
      artifactLocation: 'nats-obj://slipway-artifacts/3',
      lifecycleStage: 'deleted',
      creationTime: 1,
      lastUpdateTime: 2,
      tags: [{ key: 'a', value: 'b' }],
    };
    expect(experimentJsonOf(e)).toEqual({
      experiment_id: '3',
      name: 'churn',
      artifact_location: 'mlflow-artifacts:/3',
      lifecycle_stage: 'deleted',
      creation_time: 1,
      last_update_time: 2,
      tags: [{ key: 'a', value: 'b' }],
    });
  });

  test('model version - version as a string, ms timestamps, stage, tags as pairs, no run_id when none', () => {
    expect(modelVersionJsonOf(version)).toEqual({
      name: 'churn',
      version: '2',
      creation_timestamp: Date.UTC(2025, 0, 31, 12),
      last_updated_timestamp: Date.UTC(2025, 0, 31, 12, 0, 1),
      user_id: 'alice',
      current_stage: 'Production',
      source: 'runs:/r1/model',
      status: 'READY',
      tags: [{ key: 'owner', value: 'ml' }],
      aliases: ['champion'],
    });
  });

  test('registered model - aliases as {alias, version} strings, latest versions, no description when unset', () => {
    const json = registeredModelJsonOf({
      name: 'churn',
      description: null,
      tags: {},
      aliases: { champion: 2 },
      createdAt: null,
      updatedAt: null,
      latestVersions: [version],
    });
    expect(json).toEqual({
      name: 'churn',
      latest_versions: [modelVersionJsonOf(version)],
      tags: [],
      aliases: [{ alias: 'champion', version: '2' }],
    });
  });
});
