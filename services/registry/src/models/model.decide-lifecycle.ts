import type { Actor } from '@slipway/contracts';
import type { ModelCommandOfType, ModelCommandType } from './model.commands';
import { RegistryError, RegistryErrorCodes as Codes } from './model.errors';
import { event, type ModelEvent } from './model.events';
import { assertModelExists, versionOf } from './model.guards';
import { aliasesOf, openRequests, type ModelState } from './model.state';

type Data<T extends ModelCommandType> = ModelCommandOfType<T>['data'];

/**
 * What letting go of some versions records before they go away: one `AliasRemoved` per alias
 * they hold (so serving stops answering for it) and one `PromotionRejected` per open request for them.
 */
export function letGo(
  state: ModelState,
  versions: readonly number[],
  actor: Actor,
  why: string,
): ModelEvent[] {
  const reason = why.slice(0, 2000);
  const model = state.name;
  return [
    ...versions.flatMap((version) =>
      aliasesOf(state, version).map((alias) =>
        event('AliasRemoved', { model, alias, version, removedBy: actor, reason }),
      ),
    ),
    ...openRequests(state)
      .filter((r) => versions.includes(r.version))
      .map((r) =>
        event('PromotionRejected', {
          promotionRequestId: r.id,
          model,
          version: r.version,
          alias: r.alias,
          rejectedBy: actor,
          reason,
        }),
      ),
  ];
}

function renameModel(c: Data<'RenameModel'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  if (c.newName === c.model) {
    throw new RegistryError(Codes.MODEL_ALREADY_EXISTS, `model ${c.model} already has that name`, {
      model: c.model,
    });
  }
  return [event('RegisteredModelRenamed', { model: c.model, newName: c.newName, renamedBy: c.actor })];
}

function deleteModel(c: Data<'DeleteModel'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const versions = Object.values(state.versions).map((v) => v.number);
  return [
    ...letGo(state, versions, c.actor, `model ${c.model} deleted: ${c.reason}`),
    event('RegisteredModelDeleted', {
      model: c.model,
      versions: versions.length,
      deletedBy: c.actor,
      reason: c.reason,
    }),
  ];
}

function deleteVersion(c: Data<'DeleteVersion'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const { number: version } = versionOf(state, c.version);
  return [
    ...letGo(state, [version], c.actor, `version ${version} deleted: ${c.reason}`),
    event('ModelVersionDeleted', { model: c.model, version, deletedBy: c.actor, reason: c.reason }),
  ];
}

/** The commands that rename or delete: a model, or one version. */
export function decideLifecycle(
  command: ModelCommandOfType<'RenameModel' | 'DeleteModel' | 'DeleteVersion'>,
  state: ModelState,
): ModelEvent[] {
  switch (command.type) {
    case 'RenameModel':
      return renameModel(command.data, state);
    case 'DeleteModel':
      return deleteModel(command.data, state);
    case 'DeleteVersion':
      return deleteVersion(command.data, state);
  }
}
