import { event } from './model.events';
import { alice, MODEL, policy, promotedTo, registered, versionCreated } from './model.fixtures';
import { fold } from './model.state';
import { stageOf, stageTransitionCommands, stageTransitionSchema } from './mlflow-stages';

const state = fold([
  registered,
  versionCreated(1),
  versionCreated(2),
  versionCreated(3),
  promotedTo(1, 'production', null),
  promotedTo(2, 'staging', null),
  event('ModelVersionArchived', { model: MODEL, version: 3, archivedBy: alice, reason: '' }),
]);
const transition = (stage: string, version: number, extra: object = {}) =>
  stageTransitionSchema.parse({ model: MODEL, version, stage, requestId: 'r1', actor: alice, ...extra });

describe('mlflow stages', () => {
  test('mlflow stages - a version shows the stage of the alias it holds', () => {
    expect([1, 2, 3, 4].map((v) => stageOf(state, v))).toEqual(['Production', 'Staging', 'Archived', 'None']);
  });

  test('mlflow stages - Staging and Production become promotion requests', () => {
    expect(stageTransitionCommands(transition('Production', 2), state, policy)).toEqual([
      {
        type: 'RequestPromotion',
        data: {
          model: MODEL,
          version: 2,
          alias: 'production',
          requestId: 'r1',
          gates: [],
          reason: 'MLflow stage transition',
          actor: alice,
        },
      },
    ]);
  });

  test('mlflow stages - archive_existing_versions archives the old holder only when promoted at once', () => {
    const toStaging = stageTransitionCommands(
      transition('Staging', 1, { archiveExistingVersions: true }),
      state,
      policy,
    );
    expect(toStaging.map((c) => c.type)).toEqual(['RequestPromotion', 'ArchiveVersion']);
    expect(toStaging[1]!.data).toMatchObject({ version: 2 });
    const toProduction = stageTransitionCommands(
      transition('Production', 2, { archiveExistingVersions: true }),
      state,
      policy,
    );
    expect(toProduction.map((c) => c.type)).toEqual(['RequestPromotion']);
  });

  test('mlflow stages - Archived archives, None removes the stage aliases', () => {
    expect(stageTransitionCommands(transition('Archived', 2), state, policy).map((c) => c.type)).toEqual([
      'ArchiveVersion',
    ]);
    expect(stageTransitionCommands(transition('None', 1), state, policy)).toEqual([
      {
        type: 'RemoveAlias',
        data: { model: MODEL, alias: 'production', reason: 'MLflow stage transition', actor: alice },
      },
    ]);
  });
});
