/**
 * The requests an MLflow 2.x Python client sends, field for field. Each body is what
 * `message_to_json(<proto message>)` makes of the message that MLflow's `RestStore` builds
 * (`mlflow/store/tracking/rest_store.py`, `mlflow/store/model_registry/rest_store.py`), with
 * the messages of `mlflow/protos/service.proto` and `model_registry.proto`: snake_case names,
 * unset fields left out, int64 as JSON numbers (MLflow 2.x; 1.x sent them as strings, see
 * {@link logMetricOneX}), enums by name, doubles NaN/±Infinity as strings. A GET request carries
 * the same fields as query parameters (`call_endpoint` passes the JSON as `params`).
 */

/** `mlflow.set_experiment('churn')`: `GET experiments/get-by-name` (`GetExperimentByName(experiment_name)`). */
export const getExperimentByNameQuery = (name: string) => `experiment_name=${encodeURIComponent(name)}`;

/** …then, on RESOURCE_DOES_NOT_EXIST, `create_experiment(name)`: `CreateExperiment(name, artifact_location=None, tags=[])`. */
export const createExperiment = (name: string) => ({ name });

/**
 * `mlflow.start_run(run_name=…)` → `MlflowClient.create_run` → `RestStore.create_run`:
 * `CreateRun(experiment_id=str(id), user_id, start_time, tags, run_name)`, the tags resolved by
 * the default context providers (user, source name and type, run name).
 */
export const createRun = (experimentId: string, startTime: number) => ({
  experiment_id: experimentId,
  user_id: 'alice',
  start_time: startTime,
  tags: [
    { key: 'mlflow.user', value: 'alice' },
    { key: 'mlflow.source.name', value: 'train.py' },
    { key: 'mlflow.source.type', value: 'LOCAL' },
    { key: 'mlflow.runName', value: 'sturdy-gull-42' },
  ],
  run_name: 'sturdy-gull-42',
});

/**
 * `mlflow.log_input(mlflow.data.from_pandas(df, source=…, name='iris'), context='training')` →
 * `RestStore.log_inputs`: `LogInputs(run_id, datasets=[DatasetInput(tags, dataset)])`, the
 * dataset's `to_proto()` with its JSON source, schema (`mlflow_colspec`) and profile texts.
 */
export const logInputs = (runId: string) => ({
  run_id: runId,
  datasets: [
    {
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
      dataset: {
        name: 'iris',
        digest: '9a3c1d2b',
        source_type: 'local',
        source: '{"uri": "/data/iris.csv"}',
        schema:
          '{"mlflow_colspec": [{"type": "double", "name": "sepal_length", "required": true}, {"type": "long", "name": "target", "required": true}]}',
        profile: '{"num_rows": 150, "num_elements": 300}',
      },
    },
  ],
});

/**
 * `mlflow.log_params` / `log_metrics` / `set_tags` → `RestStore.log_batch`:
 * `LogBatch(metrics, params, tags, run_id)`; `Metric.to_proto()` has key, value, timestamp, step.
 */
export const logBatch = (runId: string, t: number, accuracy: number, model: string) => ({
  run_id: runId,
  metrics: [
    { key: 'loss', value: 0.9, timestamp: t, step: 0 },
    { key: 'loss', value: 0.5, timestamp: t + 1, step: 1 },
    { key: 'accuracy', value: accuracy, timestamp: t + 1, step: 1 },
  ],
  params: [
    { key: 'model', value: model },
    { key: 'lr', value: '0.01' },
  ],
  tags: [{ key: 'team', value: 'ml' }],
});

/** `mlflow.log_metric('loss', nan, step=2)` → `LogMetric(run_uuid, run_id, key, value, timestamp, step)`. */
export const logMetric = (runId: string, t: number) => ({
  run_uuid: runId,
  run_id: runId,
  key: 'loss',
  value: 'NaN',
  timestamp: t + 2,
  step: 2,
});

/** The same call from an MLflow 1.x client: protobuf's JSON mapping wrote int64 as strings. */
export const logMetricOneX = (runId: string, t: number) => ({
  run_uuid: runId,
  run_id: runId,
  key: 'loss',
  value: 0.25,
  timestamp: String(t + 3),
  step: '3',
});

/** `MlflowClient.get_metric_history(run_id, 'loss')`: `GET metrics/get-history` with `GetMetricHistory(run_uuid, run_id, metric_key)`. */
export const getHistoryQuery = (runId: string, key: string) =>
  `run_uuid=${runId}&run_id=${runId}&metric_key=${encodeURIComponent(key)}`;

/**
 * `MlflowClient.search_runs([id], filter_string, order_by=[…])` → `RestStore._search_runs`:
 * `SearchRuns(experiment_ids, filter, run_view_type=ACTIVE_ONLY, max_results=1000, order_by)`.
 */
export const searchRuns = (experimentId: string) => ({
  experiment_ids: [experimentId],
  filter: "metrics.accuracy > 0.5 and params.model = 'svc'",
  run_view_type: 'ACTIVE_ONLY',
  max_results: 1000,
  order_by: ['metrics.accuracy DESC'],
});

/** `mlflow.end_run()` → `set_terminated` → `RestStore.update_run_info`: `UpdateRun(run_uuid, run_id, status, end_time, run_name=None)`. */
export const updateRunFinished = (runId: string, endTime: number) => ({
  run_uuid: runId,
  run_id: runId,
  status: 'FINISHED',
  end_time: endTime,
});

/** `mlflow.register_model(…)` first `create_registered_model(name)`: `CreateRegisteredModel(name, tags=[], description=None)`. */
export const createRegisteredModel = (name: string) => ({ name });

/**
 * …then `create_model_version(name, source, run_id)`: the `runs:/<run>/model` URI resolved to
 * the run's artifact location (`RunsArtifactRepository.get_underlying_uri`),
 * `CreateModelVersion(name, source, run_id, tags=[], run_link=None, description=None)`.
 */
export const createModelVersion = (name: string, artifactUri: string, runId: string) => ({
  name,
  source: `${artifactUri}/model`,
  run_id: runId,
});

/** `MlflowClient.set_registered_model_alias(name, alias, 1)`: `SetRegisteredModelAlias(name, alias, version=str(1))`. */
export const setAlias = (name: string, alias: string, version: string) => ({ name, alias, version });

/** `MlflowClient.get_model_version_by_alias(name, alias)`: `GET registered-models/alias`. */
export const getByAliasQuery = (name: string, alias: string) =>
  `name=${encodeURIComponent(name)}&alias=${encodeURIComponent(alias)}`;

/**
 * `MlflowClient.transition_model_version_stage(name, 1, 'Staging')`:
 * `TransitionModelVersionStage(name, version=str(1), stage, archive_existing_versions=False)`.
 */
export const transitionStage = (name: string, version: string, stage: string) => ({
  name,
  version,
  stage,
  archive_existing_versions: false,
});
