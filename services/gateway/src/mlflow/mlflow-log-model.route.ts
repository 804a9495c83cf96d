import { CommonErrorCodes, GetRun, SetRunTag, SlipwayError } from '@slipway/contracts';
import { z } from 'zod';
import type { GatewayRoute } from '../http/gateway-route';
import { required, runRef, withRunId } from './mlflow-inputs';
import { emptyJson } from './mlflow-json';
import { mlflowRoute } from './mlflow-route';

/** The tag where MLflow keeps the models logged in a run (`mlflow.utils.mlflow_tags.MLFLOW_LOGGED_MODELS`). */
export const LOGGED_MODELS_TAG = 'mlflow.log-model.history';

/** What MLflow's `_log_model` handler requires of `model_json` (mlflow/server/handlers.py). */
const loggedModel = z.looseObject({
  artifact_path: z.string(),
  flavors: z.record(z.string(), z.unknown()),
  utc_time_created: z.string(),
  run_id: z.string(),
});

const invalid = (message: string) => new SlipwayError(CommonErrorCodes.VALIDATION, message);

function modelOf(json: string): z.infer<typeof loggedModel> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid(`Malformed model info. \n ${json.slice(0, 200)} \n is not a valid JSON.`);
  }
  const model = loggedModel.safeParse(parsed);
  if (!model.success)
    throw invalid(
      `Model json is missing mandatory fields: ${model.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return model.data;
}

/** The tag's list so far; a value that is not a JSON list (set by hand) starts a new one. */
function historyOf(value: string | undefined): unknown[] {
  if (value === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * MLflow's `LogModel` (`Model.log` → `_record_logged_model`, after the model's files are
 * uploaded): the model's metadata is appended to the run's `mlflow.log-model.history` tag, as
 * MLflow's stores do (`record_logged_model`); the tag's value limit applies (8000 characters).
 */
export const mlflowLogModelRoute: GatewayRoute = mlflowRoute({
  method: 'POST',
  path: '/runs/log-model',
  scope: 'write',
  summary: "MLflow LogModel: appends the model's metadata to the run's mlflow.log-model.history tag.",
  input: withRunId(z.object({ ...runRef, model_json: required('model_json', z.string()) })),
  response: emptyJson,
  handle: async (b, { rpc }) => {
    const model = modelOf(b.model_json);
    const run = await rpc.request(GetRun, { runId: b.runId });
    if (run.info.lifecycleStage !== 'active')
      throw invalid(
        `The run ${b.runId} must be in the 'active' state. Current state is ${run.info.lifecycleStage}.`,
      );
    const history = historyOf(run.tags.find((t) => t.key === LOGGED_MODELS_TAG)?.value);
    await rpc.request(SetRunTag, {
      runId: b.runId,
      key: LOGGED_MODELS_TAG,
      value: JSON.stringify([...history, model]),
    });
    return {};
  },
});
