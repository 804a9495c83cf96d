import { event } from './model.events';
import { alice, bob, MODEL, promotedTo, registered, requested, versionCreated } from './model.fixtures';
import { modelSpec } from './model.spec-helper';
import { fold } from './model.state';

const spec = modelSpec();

describe('model rename, delete and version delete', () => {
  test('rename - records the new name; the renamed state answers to it only', () => {
    spec
      .given([registered, versionCreated(1)])
      .when({ type: 'RenameModel', data: { model: MODEL, newName: 'churn-v2', actor: alice } })
      .then([event('RegisteredModelRenamed', { model: MODEL, newName: 'churn-v2', renamedBy: alice })]);
    const renamed = event('RegisteredModelRenamed', { model: MODEL, newName: 'churn-v2', renamedBy: alice });
    const state = fold([registered, versionCreated(1), renamed]);
    expect(state.name).toBe('churn-v2');
    expect(Object.keys(state.versions)).toEqual(['1']);
    spec
      .given([registered, renamed])
      .when({ type: 'SetDescription', data: { model: MODEL, description: 'x', actor: alice } })
      .thenThrows('REGISTRY.MODEL_NOT_FOUND');
  });

  test('rename - to its own name, or of a missing model, is refused', () => {
    spec
      .given([registered])
      .when({ type: 'RenameModel', data: { model: MODEL, newName: MODEL, actor: alice } })
      .thenThrows('REGISTRY.MODEL_ALREADY_EXISTS');
    spec
      .given([])
      .when({ type: 'RenameModel', data: { model: MODEL, newName: 'b', actor: alice } })
      .thenThrows('REGISTRY.MODEL_NOT_FOUND');
  });

  test('delete model - removes its aliases and rejects its open requests first, then frees the name', () => {
    const given = [registered, versionCreated(1), versionCreated(2), promotedTo(1, 'production', null)];
    const events = spec
      .given([...given, requested('r2', 2, 'production')])
      .when({ type: 'DeleteModel', data: { model: MODEL, reason: 'poc over', actor: bob } })
      .events();
    expect(events.map((e) => e.type)).toEqual([
      'AliasRemoved',
      'PromotionRejected',
      'RegisteredModelDeleted',
    ]);
    expect(events.at(-1)).toEqual(
      event('RegisteredModelDeleted', { model: MODEL, versions: 2, deletedBy: bob, reason: 'poc over' }),
    );
    const deleted = fold([...given, ...events]);
    expect(deleted.exists).toBe(false);
    // The name can be registered again, and versions start at 1.
    spec
      .given([...given, ...events])
      .when({ type: 'RegisterModel', data: { model: MODEL, actor: alice } })
      .then([registered]);
    expect(fold([...given, ...events, registered]).lastVersion).toBe(0);
    spec
      .given([...given, ...events])
      .when({ type: 'DeleteModel', data: { model: MODEL, reason: 'again', actor: bob } })
      .thenThrows('REGISTRY.MODEL_NOT_FOUND');
  });

  test('delete version - a tombstone after removing its aliases; its number is not reused', () => {
    const given = [registered, versionCreated(1), versionCreated(2), promotedTo(2, 'staging', null)];
    const events = spec
      .given(given)
      .when({ type: 'DeleteVersion', data: { model: MODEL, version: 2, reason: 'leak', actor: bob } })
      .events();
    expect(events).toEqual([
      event('AliasRemoved', {
        model: MODEL,
        alias: 'staging',
        version: 2,
        removedBy: bob,
        reason: 'version 2 deleted: leak',
      }),
      event('ModelVersionDeleted', { model: MODEL, version: 2, deletedBy: bob, reason: 'leak' }),
    ]);
    const state = fold([...given, ...events]);
    expect(Object.keys(state.versions)).toEqual(['1']);
    expect(state.aliases).toEqual({});
    expect(
      spec
        .given([...given, ...events])
        .when({
          type: 'CreateVersion',
          data: { model: MODEL, source: 'runs:/r/model', flavor: 'sklearn', actor: alice },
        })
        .events()
        .map((e) => e.type === 'ModelVersionCreated' && e.data.version),
    ).toEqual([3]);
    spec
      .given([...given, ...events])
      .when({ type: 'DeleteVersion', data: { model: MODEL, version: 2, reason: 'again', actor: bob } })
      .thenThrows('REGISTRY.VERSION_NOT_FOUND');
  });

  test('version description - set on one version, refused for a missing one', () => {
    spec
      .given([registered, versionCreated(1)])
      .when({ type: 'SetDescription', data: { model: MODEL, version: 1, description: 'xgb', actor: alice } })
      .then([event('ModelDescriptionSet', { model: MODEL, version: 1, description: 'xgb', setBy: alice })]);
    const state = fold([
      registered,
      versionCreated(1),
      event('ModelDescriptionSet', { model: MODEL, version: 1, description: 'xgb', setBy: alice }),
    ]);
    expect([state.description, state.versions[1]!.description]).toEqual([null, 'xgb']);
    spec
      .given([registered])
      .when({ type: 'SetDescription', data: { model: MODEL, version: 4, description: 'x', actor: alice } })
      .thenThrows('REGISTRY.VERSION_NOT_FOUND');
  });
});
