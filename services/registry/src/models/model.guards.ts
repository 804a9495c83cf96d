import { aliasSchema, ValidationError, type Actor } from '@slipway/contracts';
import { RegistryError, RegistryErrorCodes as Codes } from './model.errors';
import type { ModelState, ModelVersionState, PromotionRequestState } from './model.state';

/** The registry service itself, as the actor of what nobody had to approve. */
export const REGISTRY_ACTOR: Actor = { id: 'registry', kind: 'service' };

const RESERVED_ALIAS = /^(latest|[vV][0-9]+)$/;

/** The model exists under this name (a stream read just after a rename holds another name). */
export function assertModelExists(state: ModelState, model: string): void {
  if (!state.exists || state.name !== model)
    throw new RegistryError(Codes.MODEL_NOT_FOUND, `model ${model} does not exist`, { model });
}

export function assertModelAbsent(state: ModelState, model: string): void {
  if (state.exists) {
    throw new RegistryError(Codes.MODEL_ALREADY_EXISTS, `model ${model} already exists`, { model });
  }
}

/** MLflow's reserved names get a typed error; other bad aliases a validation error. */
export function assertAlias(alias: string): void {
  if (RESERVED_ALIAS.test(alias)) {
    throw new RegistryError(Codes.RESERVED_ALIAS, `alias ${alias} is reserved ('latest' and 'v<N>' are)`, {
      alias,
    });
  }
  if (!aliasSchema.safeParse(alias).success) {
    throw new ValidationError('alias', [{ path: 'alias', message: "must be letters, digits, '_' or '-'" }]);
  }
}

export function versionOf(state: ModelState, version: number): ModelVersionState {
  const found = state.versions[version];
  if (!found) {
    throw new RegistryError(Codes.VERSION_NOT_FOUND, `model ${state.name} has no version ${version}`, {
      model: state.name,
      version,
    });
  }
  return found;
}

/** A version that exists and is not archived: the only kind that can be promoted. */
export function activeVersionOf(state: ModelState, version: number): ModelVersionState {
  const found = versionOf(state, version);
  if (found.status === 'archived') {
    throw new RegistryError(Codes.VERSION_ARCHIVED, `version ${version} of ${state.name} is archived`, {
      model: state.name,
      version,
    });
  }
  return found;
}

export function holderOf(state: ModelState, alias: string): number {
  const holder = state.aliases[alias];
  if (holder === undefined) {
    throw new RegistryError(Codes.ALIAS_NOT_FOUND, `model ${state.name} has no alias ${alias}`, {
      model: state.name,
      alias,
    });
  }
  return holder;
}

export function assertNotHolder(state: ModelState, version: number, alias: string): void {
  if (state.aliases[alias] === version) {
    throw new RegistryError(Codes.ALREADY_HOLDS_ALIAS, `version ${version} already holds ${alias}`, {
      model: state.name,
      version,
      alias,
    });
  }
}

export function openRequestOf(state: ModelState, requestId: string): PromotionRequestState {
  const request = state.requests[requestId];
  if (!request) {
    throw new RegistryError(Codes.REQUEST_NOT_FOUND, `no promotion request ${requestId}`, {
      model: state.name,
      requestId,
    });
  }
  if (request.status !== 'open') {
    throw new RegistryError(Codes.REQUEST_NOT_OPEN, `promotion request ${requestId} is ${request.status}`, {
      model: state.name,
      requestId,
      status: request.status,
    });
  }
  return request;
}

export function sameActor(a: Actor, b: Actor): boolean {
  return a.id === b.id && a.kind === b.kind;
}
