/**
 * The HTTP requests an MLflow 2.x Python client sends to log and load artifacts when the run's
 * `artifact_uri` is `mlflow-artifacts:/…` (what the gateway shows), in order. Sources, in MLflow:
 *
 * - `mlflow/tracking/_tracking_service/client.py`: `TrackingServiceClient.log_artifact(s)` first
 *   gets the run (`_get_artifact_repo(run_id)` → `GetRun`), then hands the run's `artifact_uri`
 *   to `get_artifact_repository`, which picks `MlflowArtifactsRepository` for `mlflow-artifacts:`.
 * - `mlflow/store/artifact/mlflow_artifacts_repo.py`: `resolve_uri(artifact_uri, tracking_uri)`
 *   turns `mlflow-artifacts:/<path>` into `<tracking_uri>/api/2.0/mlflow-artifacts/artifacts/<path>`
 *   (see {@link proxyUrlOf}).
 * - `mlflow/store/artifact/http_artifact_repo.py` (`HttpArtifactRepository`, its base):
 *   `log_artifact` → `PUT <resolved>/<artifact_path>/<file name>`, body the file's bytes,
 *   `Content-Type: _guess_mime_type(file name)` (`mlflow/utils/mime_type_utils.py`: text
 *   extensions, `MLmodel` and `MLproject` are `text/plain`, else `mimetypes`, else
 *   `application/octet-stream`); `log_artifacts` walks the folder and PUTs file by file;
 *   `list_artifacts(path)` → `GET /api/2.0/mlflow-artifacts/artifacts?path=<root>/<path>` (the
 *   root is the resolved URI's tail after `/mlflow-artifacts/artifacts`, no leading `/`), and it
 *   joins each answered `path` (a base name) to the `path` it asked for; `_download_file` →
 *   `GET <resolved>/<remote file path>`, streamed; `delete_artifacts` → `DELETE <resolved>[/<path>]`.
 * - `mlflow/store/artifact/artifact_repo.py`: `download_artifacts('')` lists the folder twice
 *   (`_is_directory`, then `_iter_artifacts_recursive`), recursing into sub-folders, then
 *   downloads every file.
 * - `mlflow/store/artifact/models_artifact_repo.py`: `models:/<name>/<version>` →
 *   `GetModelVersionDownloadUri` → the repository of the URI it answers.
 * - `mlflow/tracking/_model_registry/fluent.py`: `_register_model('runs:/<run>/model', name)` →
 *   `CreateRegisteredModel`, then the source resolved by `RunsArtifactRepository.get_underlying_uri`
 *   (`GetRun`, `<artifact_uri>/model`), then `CreateModelVersion(name, source, run_id)`.
 *
 * Every request carries `Authorization: Bearer $MLFLOW_TRACKING_TOKEN`
 * (`mlflow/utils/rest_utils.py`, `http_request` with the tracking URI's host credentials).
 */

/** The API prefix of MLflow's artifact proxy under the tracking URI. */
export const PROXY_PATH = '/api/2.0/mlflow-artifacts/artifacts';

/**
 * `MlflowArtifactsRepository.resolve_uri(uri, tracking_uri)` for a tracking URI without a path
 * (`http://host:port`): `mlflow-artifacts:/<path>` → `/api/2.0/mlflow-artifacts/artifacts/<path>`.
 */
export function proxyUrlOf(mlflowArtifactsUri: string): string {
  const path = /^mlflow-artifacts:(?:\/\/[^/]*)?(\/.*)?$/.exec(mlflowArtifactsUri)?.[1];
  if (path === undefined) throw new Error(`not an mlflow-artifacts: URI: ${mlflowArtifactsUri}`);
  return `${PROXY_PATH}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
}

/** `list_artifacts(path)`: the `path` query parameter, the resolved root's tail joined to `path`. */
export function listQueryOf(resolvedUrl: string, path?: string): string {
  const root = resolvedUrl.split('/mlflow-artifacts/artifacts', 2)[1]?.replace(/^\/+/, '') ?? '';
  return `path=${encodeURIComponent(path ? `${root}/${path}` : root)}`;
}

/** One file the client uploads: its name in the run and the Content-Type `_guess_mime_type` gives it. */
export interface ClientFile {
  path: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Deterministic bytes that are not text (a pickled model stands in). */
export function bytesOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * `mlflow.log_artifact('model.pkl')`: `GetRun`, then one `PUT <root>/model.pkl`
 * (`mimetypes` knows no `.pkl`: `application/octet-stream`). 300 KiB: more than one 256 KiB
 * chunk of the object store.
 */
export const logArtifactFile = (): ClientFile => ({
  path: 'model.pkl',
  contentType: 'application/octet-stream',
  bytes: bytesOf(300 * 1024, 7),
});

/**
 * `mlflow.sklearn.log_model(model, 'model')` → `Model.log` (mlflow/models/model.py): the flavor's
 * `save_model` writes a folder, then `log_artifacts(local_path, 'model')` PUTs each of its files
 * under `model/` (os.walk order), then `_record_logged_model` (`POST runs/log-model`).
 */
export const sklearnModelFiles = (runId: string): ClientFile[] => [
  {
    path: 'model/MLmodel',
    contentType: 'text/plain',
    bytes: text(
      [
        'artifact_path: model',
        'flavors:',
        '  python_function:',
        '    env:',
        '      conda: conda.yaml',
        '      virtualenv: python_env.yaml',
        '    loader_module: mlflow.sklearn',
        '    model_path: model.pkl',
        '    predict_fn: predict',
        '    python_version: 3.11.4',
        '  sklearn:',
        '    code: null',
        '    pickled_model: model.pkl',
        '    serialization_format: cloudpickle',
        '    sklearn_version: 1.3.0',
        'mlflow_version: 2.9.2',
        'model_uuid: 4f1c2a3b5d6e7f8091a2b3c4d5e6f708',
        `run_id: ${runId}`,
        "utc_time_created: '2023-11-14 22:13:20.000000'",
        '',
      ].join('\n'),
    ),
  },
  { path: 'model/model.pkl', contentType: 'application/octet-stream', bytes: bytesOf(70_000, 11) },
  {
    path: 'model/conda.yaml',
    contentType: 'text/plain',
    bytes: text(
      'channels:\n- conda-forge\ndependencies:\n- python=3.11.4\n- pip<=23.2.1\n- pip:\n  - mlflow==2.9.2\n  - cloudpickle==2.2.1\n  - scikit-learn==1.3.0\nname: mlflow-env\n',
    ),
  },
  {
    path: 'model/python_env.yaml',
    contentType: 'text/plain',
    bytes: text(
      'python: 3.11.4\nbuild_dependencies:\n- pip==23.2.1\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n',
    ),
  },
  {
    path: 'model/requirements.txt',
    contentType: 'text/plain',
    bytes: text('mlflow==2.9.2\ncloudpickle==2.2.1\nscikit-learn==1.3.0\n'),
  },
];

/**
 * …then `_record_logged_model(mlflow_model)` → `RestStore.record_logged_model`:
 * `LogModel(run_id, model_json=json.dumps(mlflow_model.get_tags_dict()))` (`POST runs/log-model`).
 * `Model.log` only warns when it fails (older servers lack it).
 */
export const logModel = (runId: string) => ({
  run_id: runId,
  model_json: JSON.stringify({
    run_id: runId,
    artifact_path: 'model',
    utc_time_created: '2023-11-14 22:13:20.000000',
    flavors: {
      python_function: {
        model_path: 'model.pkl',
        predict_fn: 'predict',
        loader_module: 'mlflow.sklearn',
        python_version: '3.11.4',
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
      },
      sklearn: {
        pickled_model: 'model.pkl',
        sklearn_version: '1.3.0',
        serialization_format: 'cloudpickle',
        code: null,
      },
    },
    model_uuid: '4f1c2a3b5d6e7f8091a2b3c4d5e6f708',
    mlflow_version: '2.9.2',
  }),
});

/**
 * `mlflow.register_model('runs:/<run>/model', 'churn')` → `CreateModelVersion`: the source is the
 * run's artifact URI joined with `model` (`RunsArtifactRepository.get_underlying_uri`). Slipway
 * also takes the `runs:/` URI itself (what MLflow 3 and hand-written calls send).
 */
export const createModelVersionFromRun = (name: string, source: string, runId: string) => ({
  name,
  source,
  run_id: runId,
});

/**
 * `mlflow.pyfunc.load_model('models:/churn/1')` → `_download_artifact_from_uri` →
 * `ModelsArtifactRepository`: `GET model-versions/get-download-uri?name=churn&version=1`.
 */
export const getDownloadUriQuery = (name: string, version: string) =>
  `name=${encodeURIComponent(name)}&version=${encodeURIComponent(version)}`;
