import { CommonErrorCodes, GetRun, SlipwayError, type RunView } from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';
import { mlflowArtifactUriOf, type ProxyRef } from './mlflow-artifact-uri';

/** The run's artifact root as the MLflow API shows it, without a trailing `/`. */
export const mlflowRootOf = (run: RunView): string =>
  mlflowArtifactUriOf(run.info.artifactUri).replace(/\/+$/, '');

/**
 * The run a proxy path names, from tracking (`GetRun`: 404 `Run with id=… not found` when there
 * is none). The path must be under the run's own artifact URI (a run reached through another
 * experiment's id is not there: 404). With `active`, a deleted run is refused as MLflow's
 * `_check_run_is_active` refuses it (400); a finished run still takes artifacts, as in MLflow.
 */
export async function runOfProxyRef(
  rpc: RpcClient,
  ref: ProxyRef,
  opts: { active: boolean },
): Promise<RunView> {
  const run = await rpc.request(GetRun, { runId: ref.runId });
  const root = mlflowRootOf(run);
  if (root !== ref.rootUri)
    throw new SlipwayError(
      CommonErrorCodes.NOT_FOUND,
      `No artifacts at '${ref.rootUri}': the artifacts of run ${ref.runId} are at '${root}'`,
      { runId: ref.runId, rootUri: root },
    );
  if (opts.active && run.info.lifecycleStage !== 'active')
    throw new SlipwayError(
      CommonErrorCodes.VALIDATION,
      `The run ${ref.runId} must be in the 'active' state. Current state is ${run.info.lifecycleStage}.`,
      { runId: ref.runId },
    );
  return run;
}
