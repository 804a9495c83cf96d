import type { RouteFactory } from '../gateway-http.module';
import { mlflowArtifactProxyRoutes } from './mlflow-artifact-proxy.routes';
import { mlflowLogModelRoute } from './mlflow-log-model.route';
import { mlflowExperimentRoutes } from './mlflow-experiments.routes';
import { mlflowMetricRoutes } from './mlflow-metrics.routes';
import { mlflowModelVersionRoutes } from './mlflow-model-versions.routes';
import { mlflowRegisteredModelRoutes } from './mlflow-registered-models.routes';
import { mlflowRunArtifactRoutes } from './mlflow-run-artifacts.routes';
import { mlflowRunRoutes } from './mlflow-runs.routes';

/**
 * The MLflow-compatible API under `/api/2.0/mlflow`: an unchanged MLflow client
 * (`MLFLOW_TRACKING_URI=http://<gateway>`, `MLFLOW_TRACKING_TOKEN=<token>`) tracks runs and uses
 * the model registry over the same RPCs as the REST API, and logs and loads artifacts through
 * MLflow's artifact proxy (`/api/2.0/mlflow-artifacts`, runs show `mlflow-artifacts:/` URIs).
 */
export const mlflowRoutes: RouteFactory = ({ nc, store, config, metricsWriter }) => [
  ...mlflowExperimentRoutes,
  ...mlflowRunRoutes,
  ...mlflowMetricRoutes(nc, config.SLIPWAY_SUBJECT_ROOT, metricsWriter),
  ...mlflowRegisteredModelRoutes,
  ...mlflowModelVersionRoutes,
  ...mlflowRunArtifactRoutes,
  mlflowLogModelRoute,
  ...mlflowArtifactProxyRoutes(store, config.ARTIFACTS_MAX_BYTES),
];
