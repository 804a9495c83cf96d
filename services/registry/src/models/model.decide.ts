import type { ModelCommand, ModelCommandOfType } from './model.commands';
import { event, type ModelEvent } from './model.events';
import { decidePromotion } from './model.decide-promotion';
import { decideLifecycle, letGo } from './model.decide-lifecycle';
import type { ModelState } from './model.state';
import { assertModelAbsent, assertModelExists, versionOf } from './model.guards';
import { RegistryError, RegistryErrorCodes as Codes } from './model.errors';
import type { RegistryPolicy } from './promotion-policy';

type Data<T extends ModelCommand['type']> = ModelCommandOfType<T>['data'];

function registerModel(c: Data<'RegisterModel'>, state: ModelState): ModelEvent[] {
  assertModelAbsent(state, c.model);
  return [
    event('RegisteredModelCreated', {
      model: c.model,
      description: c.description,
      tags: c.tags,
      createdBy: c.actor,
    }),
  ];
}

function createVersion(c: Data<'CreateVersion'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const version = state.lastVersion + 1;
  const created = event('ModelVersionCreated', {
    model: c.model,
    version,
    sourceRunId: c.runId,
    artifactUri: c.source,
    flavor: c.flavor,
    signature: c.signature,
    tags: c.tags,
    createdBy: c.actor,
  });
  if (Object.keys(c.metrics).length === 0) return [created];
  return [created, event('VersionMetricsRecorded', { model: c.model, version, metrics: c.metrics })];
}

/** Archiving also removes the version's aliases and rejects its open requests. */
function archiveVersion(c: Data<'ArchiveVersion'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const { number: version, status } = versionOf(state, c.version);
  if (status === 'archived') {
    throw new RegistryError(Codes.VERSION_ARCHIVED, `version ${version} of ${c.model} is already archived`, {
      model: c.model,
      version,
    });
  }
  return [
    event('ModelVersionArchived', { model: c.model, version, archivedBy: c.actor, reason: c.reason }),
    ...letGo(state, [version], c.actor, `version ${version} archived: ${c.reason}`),
  ];
}

function setTags(c: Data<'SetTags'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  if (c.version !== null) versionOf(state, c.version);
  return [
    event('TagsSet', {
      model: c.model,
      version: c.version,
      tags: c.tags,
      deletedKeys: c.deleteKeys,
      setBy: c.actor,
    }),
  ];
}

function setDescription(c: Data<'SetDescription'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  if (c.version !== null) versionOf(state, c.version);
  return [
    event('ModelDescriptionSet', {
      model: c.model,
      version: c.version,
      description: c.description,
      setBy: c.actor,
    }),
  ];
}

/**
 * Decides what a command records, given the model's state and the registry's promotion policy.
 * Pure: throws a {@link RegistryError} (or a `ValidationError` for a malformed alias) to refuse.
 */
export function decide(command: ModelCommand, state: ModelState, policy: RegistryPolicy): ModelEvent[] {
  switch (command.type) {
    case 'RegisterModel':
      return registerModel(command.data, state);
    case 'CreateVersion':
      return createVersion(command.data, state);
    case 'ArchiveVersion':
      return archiveVersion(command.data, state);
    case 'SetTags':
      return setTags(command.data, state);
    case 'SetDescription':
      return setDescription(command.data, state);
    case 'RenameModel':
    case 'DeleteModel':
    case 'DeleteVersion':
      return decideLifecycle(command, state);
    case 'RequestPromotion':
    case 'ApprovePromotion':
    case 'RejectPromotion':
    case 'PromoteDirectly':
    case 'RollBackAlias':
    case 'RemoveAlias':
      return decidePromotion(command, state, policy);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}
