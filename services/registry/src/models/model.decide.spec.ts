import { event } from './model.events';
import { alice, MODEL, policy, promotedTo, registered, requested, versionCreated } from './model.fixtures';
import { modelSpec } from './model.spec-helper';

const spec = modelSpec(policy);

describe('model decide', () => {
  test('model - registers a new model', () => {
    spec
      .given([])
      .when({ type: 'RegisterModel', data: { model: MODEL, description: 'churn', actor: alice } })
      .then([
        event('RegisteredModelCreated', { model: MODEL, description: 'churn', tags: [], createdBy: alice }),
      ]);
  });

  test('model - refuses to register a name twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterModel', data: { model: MODEL, actor: alice } })
      .thenThrows('REGISTRY.MODEL_ALREADY_EXISTS');
  });

  test('model - creates the next version with its metrics snapshot', () => {
    spec
      .given([registered, versionCreated(1), versionCreated(2)])
      .when({
        type: 'CreateVersion',
        data: {
          model: MODEL,
          source: 'runs:/run3/model',
          runId: 'run3',
          flavor: 'sklearn',
          metrics: { f1: 0.17 },
          actor: alice,
        },
      })
      .then([
        event('ModelVersionCreated', {
          model: MODEL,
          version: 3,
          sourceRunId: 'run3',
          artifactUri: 'runs:/run3/model',
          flavor: 'sklearn',
          signature: null,
          tags: [],
          createdBy: alice,
        }),
        event('VersionMetricsRecorded', { model: MODEL, version: 3, metrics: { f1: 0.17 } }),
      ]);
  });

  test('model - refuses a version of an unknown model', () => {
    spec
      .given([])
      .when({
        type: 'CreateVersion',
        data: { model: MODEL, source: 'runs:/r/model', flavor: 'sklearn', actor: alice },
      })
      .thenThrows('REGISTRY.MODEL_NOT_FOUND');
  });

  test('model - archiving a holder removes its aliases and rejects its open requests', () => {
    spec
      .given([
        registered,
        versionCreated(1),
        promotedTo(1, 'staging', null),
        requested('r1', 1, 'production'),
      ])
      .when({ type: 'ArchiveVersion', data: { model: MODEL, version: 1, reason: 'leaks', actor: alice } })
      .then([
        event('ModelVersionArchived', { model: MODEL, version: 1, archivedBy: alice, reason: 'leaks' }),
        event('AliasRemoved', {
          model: MODEL,
          alias: 'staging',
          version: 1,
          removedBy: alice,
          reason: 'version 1 archived: leaks',
        }),
        event('PromotionRejected', {
          promotionRequestId: 'r1',
          model: MODEL,
          version: 1,
          alias: 'production',
          rejectedBy: alice,
          reason: 'version 1 archived: leaks',
        }),
      ]);
  });

  test('model - refuses to archive twice or a missing version', () => {
    const archived = event('ModelVersionArchived', {
      model: MODEL,
      version: 1,
      archivedBy: alice,
      reason: 'x',
    });
    spec
      .given([registered, versionCreated(1), archived])
      .when({ type: 'ArchiveVersion', data: { model: MODEL, version: 1, reason: 'again', actor: alice } })
      .thenThrows('REGISTRY.VERSION_ARCHIVED');
    spec
      .given([registered])
      .when({ type: 'ArchiveVersion', data: { model: MODEL, version: 9, reason: '', actor: alice } })
      .thenThrows('REGISTRY.VERSION_NOT_FOUND');
  });

  test('model - sets model and version tags', () => {
    spec
      .given([registered, versionCreated(1)])
      .when({
        type: 'SetTags',
        data: {
          model: MODEL,
          version: 1,
          tags: [{ key: 'team', value: 'ml' }],
          deleteKeys: ['old'],
          actor: alice,
        },
      })
      .then([
        event('TagsSet', {
          model: MODEL,
          version: 1,
          tags: [{ key: 'team', value: 'ml' }],
          deletedKeys: ['old'],
          setBy: alice,
        }),
      ]);
    spec
      .given([registered])
      .when({ type: 'SetTags', data: { model: MODEL, version: 2, actor: alice } })
      .thenThrows('REGISTRY.VERSION_NOT_FOUND');
  });

  test('model - sets the description', () => {
    spec
      .given([registered])
      .when({ type: 'SetDescription', data: { model: MODEL, description: 'who leaves', actor: alice } })
      .then([
        event('ModelDescriptionSet', {
          model: MODEL,
          version: null,
          description: 'who leaves',
          setBy: alice,
        }),
      ]);
    spec
      .given([])
      .when({ type: 'SetDescription', data: { model: MODEL, description: null, actor: alice } })
      .thenThrows('REGISTRY.MODEL_NOT_FOUND');
  });
});
