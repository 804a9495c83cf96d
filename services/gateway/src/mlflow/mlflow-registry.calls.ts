import {
  GetLatestVersions,
  GetModelVersion,
  type ModelView,
  type RegistryCommandReply,
} from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';
import type { ModelVersionJson, RegisteredModelJson } from './mlflow-json';
import { modelVersionJsonOf, registeredModelOfView } from './mlflow-views';

/**
 * Reads that complete a registry command's reply into MLflow's objects: a command answers with
 * the model view, MLflow with the registered model (its latest version per stage) or the version
 * (its stage and aliases), which the registry's queries compute.
 */

export async function registeredModelOf(rpc: RpcClient, model: ModelView): Promise<RegisteredModelJson> {
  const latest =
    model.versions.length === 0
      ? { versions: [] }
      : await rpc.request(GetLatestVersions, { model: model.name, stages: [] });
  return registeredModelOfView(model, latest.versions);
}

export async function modelVersionOf(
  rpc: RpcClient,
  model: string,
  version: number,
): Promise<ModelVersionJson> {
  return modelVersionJsonOf(await rpc.request(GetModelVersion, { model, version }));
}

/** The version a create-version command made: the highest one of the model after it. */
export function createdVersionOf(reply: RegistryCommandReply): number {
  return Math.max(...reply.model.versions.map((v) => v.version));
}
