import { assertArtifactPath, isArtifactRunId } from '@slipway/artifacts';
import { CommonErrorCodes, SlipwayError } from '@slipway/contracts';

/**
 * MLflow's artifact proxy URIs. Tracking writes a run's artifact URI as
 * `nats-obj://<bucket>/<experimentId>/<runId>/artifacts`; an MLflow client cannot use that
 * scheme, so the MLflow API shows it as `mlflow-artifacts:/<experimentId>/<runId>/artifacts`,
 * which the client resolves against its tracking URI
 * (`MlflowArtifactsRepository.resolve_uri`, mlflow/store/artifact/mlflow_artifacts_repo.py) to
 * `<tracking URI>/api/2.0/mlflow-artifacts/artifacts/<experimentId>/<runId>/artifacts`. The
 * proxy routes map the path after that prefix back to the run and the artifact path in the run.
 */

export const MLFLOW_ARTIFACTS_SCHEME = 'mlflow-artifacts:';

/** `nats-obj://<bucket>` and the `/` after it. */
const NATS_OBJECT_ROOT = /^nats-obj:\/\/[^/]+\/?/;

/** The last segment of a run's artifact root, as tracking (and MLflow) lay it out. */
const RUN_ROOT_SEGMENT = 'artifacts';

/**
 * A Slipway location as an MLflow client can use it: `nats-obj://<bucket>/<path>` becomes
 * `mlflow-artifacts:/<path>`; any other URI (`s3://…` given as an experiment's
 * `artifact_location`) is left as it is, as MLflow's server leaves it.
 */
export function mlflowArtifactUriOf(uri: string): string {
  const root = NATS_OBJECT_ROOT.exec(uri);
  return root ? `${MLFLOW_ARTIFACTS_SCHEME}/${uri.slice(root[0].length)}` : uri;
}

/** What a path under `/api/2.0/mlflow-artifacts/artifacts/` names. */
export interface ProxyRef {
  /** The run's artifact root as the MLflow API shows it: `mlflow-artifacts:/7/<runId>/artifacts`. */
  rootUri: string;
  runId: string;
  /** The artifact path in the run (`model/MLmodel`); '' for the run's artifact root. */
  path: string;
}

/**
 * Parses a proxy path `<location…>/<runId>/artifacts[/<path>]` (the location is the experiment
 * id for experiments tracking created). The whole path follows the artifact path rules (no `..`,
 * `.`, empty segment, backslash or control character: 400, as MLflow's `validate_path_is_safe`);
 * a trailing `/` (a folder) is allowed. The run is the first segment followed by `artifacts`;
 * callers check it against the run's own artifact URI.
 */
export function parseProxyPath(proxyPath: string): ProxyRef {
  const path = proxyPath.endsWith('/') ? proxyPath.slice(0, -1) : proxyPath;
  if (path === '') throw notInRun(proxyPath);
  assertArtifactPath(path);
  const segments = path.split('/');
  const at = segments.findIndex(
    (segment, i) => i > 0 && segment === RUN_ROOT_SEGMENT && isArtifactRunId(segments[i - 1] as string),
  );
  if (at < 0) throw notInRun(proxyPath);
  return {
    rootUri: `${MLFLOW_ARTIFACTS_SCHEME}/${segments.slice(0, at + 1).join('/')}`,
    runId: segments[at - 1] as string,
    path: segments.slice(at + 1).join('/'),
  };
}

/** `mlflow-artifacts:/<proxy path>` of an artifact, for a run's root URI and a path in it. */
export function proxyUriOf(rootUri: string, path: string): string {
  return path === '' ? rootUri : `${rootUri.replace(/\/+$/, '')}/${path}`;
}

function notInRun(path: string): SlipwayError {
  return new SlipwayError(
    CommonErrorCodes.VALIDATION,
    `'${path.slice(0, 200)}' is not in a run's artifacts: paths are <experimentId>/<runId>/artifacts/<path>`,
    { path: path.slice(0, 200) },
  );
}
