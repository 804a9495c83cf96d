import { decide } from './model.decide';
import { event, type ModelEvent } from './model.events';
import {
  alice,
  bob,
  MODEL,
  policy,
  promotedTo,
  registered,
  requested,
  versionCreated,
} from './model.fixtures';
import { fold, initialState, openRequests } from './model.state';
import { modelCommandSchema, type ModelCommandInput } from './model.commands';

/** Runs commands through decide and evolve, as the repository will. */
function run(commands: ModelCommandInput[], events: ModelEvent[] = []): ModelEvent[] {
  for (const input of commands) events.push(...decide(modelCommandSchema.parse(input), fold(events), policy));
  return events;
}

describe('model evolve', () => {
  test('model - starts absent and is registered with its tags', () => {
    expect(initialState.exists).toBe(false);
    const state = fold([
      event('RegisteredModelCreated', {
        model: MODEL,
        description: 'd',
        tags: [{ key: 'team', value: 'ml' }],
        createdBy: alice,
      }),
    ]);
    expect(state).toMatchObject({ exists: true, name: MODEL, description: 'd', tags: { team: 'ml' } });
  });

  test('model - records versions with their metrics snapshot', () => {
    const state = fold([
      registered,
      versionCreated(1),
      event('VersionMetricsRecorded', { model: MODEL, version: 1, metrics: { f1: 0.1 } }),
    ]);
    expect(state.lastVersion).toBe(1);
    expect(state.versions[1]).toEqual({
      number: 1,
      source: 'runs:/run1/model',
      runId: 'run1',
      flavor: 'sklearn',
      signature: null,
      metrics: { f1: 0.1 },
      tags: {},
      status: 'active',
      description: null,
      createdBy: alice,
    });
  });

  test('model - tracks aliases, their holders and requests', () => {
    const state = fold([
      registered,
      versionCreated(1),
      versionCreated(2),
      promotedTo(1, 'production', null),
      requested('r2', 2, 'production'),
      event('PromotionApproved', {
        promotionRequestId: 'r2',
        model: MODEL,
        version: 2,
        alias: 'production',
        approvedBy: bob,
        comment: null,
      }),
      promotedTo(2, 'production', 1, { promotionRequestId: 'r2' }),
      requested('r3', 1, 'staging'),
    ]);
    expect(state.aliases).toEqual({ production: 2 });
    expect(state.aliasHistory).toEqual({ production: [1, 2] });
    expect(state.requests['r2']!.status).toBe('approved');
    expect(openRequests(state).map((r) => r.id)).toEqual(['r3']);
  });

  test('model - roll back pops the history: twice goes back twice', () => {
    const events = run(
      [
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 1, alias: 'staging', reason: '', actor: alice },
        },
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 2, alias: 'staging', reason: '', actor: alice },
        },
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 3, alias: 'staging', reason: '', actor: alice },
        },
        { type: 'RollBackAlias', data: { model: MODEL, alias: 'staging', reason: '', actor: bob } },
      ],
      [registered, versionCreated(1), versionCreated(2), versionCreated(3)],
    );
    let state = fold(events);
    expect(state.aliases['staging']).toBe(2);
    expect(state.aliasHistory['staging']).toEqual([1, 2]);
    state = fold(
      run(
        [{ type: 'RollBackAlias', data: { model: MODEL, alias: 'staging', reason: '', actor: bob } }],
        events,
      ),
    );
    expect(state.aliases['staging']).toBe(1);
    expect(state.aliasHistory['staging']).toEqual([1]);
  });

  test('model - roll back skips archived earlier holders', () => {
    const events = run(
      [
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 1, alias: 'staging', reason: '', actor: alice },
        },
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 2, alias: 'staging', reason: '', actor: alice },
        },
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 3, alias: 'staging', reason: '', actor: alice },
        },
        { type: 'ArchiveVersion', data: { model: MODEL, version: 2, reason: 'bad', actor: alice } },
        { type: 'RollBackAlias', data: { model: MODEL, alias: 'staging', reason: '', actor: bob } },
      ],
      [registered, versionCreated(1), versionCreated(2), versionCreated(3)],
    );
    const state = fold(events);
    expect(state.aliases['staging']).toBe(1);
    expect(state.aliasHistory['staging']).toEqual([1]);
  });

  test('model - archiving the holder removes the alias and its history', () => {
    const events = run(
      [
        {
          type: 'PromoteDirectly',
          data: { model: MODEL, version: 1, alias: 'staging', reason: '', actor: alice },
        },
        { type: 'ArchiveVersion', data: { model: MODEL, version: 1, reason: 'bad', actor: alice } },
      ],
      [registered, versionCreated(1)],
    );
    const state = fold(events);
    expect(state.versions[1]!.status).toBe('archived');
    expect(state.aliases).toEqual({});
    expect(state.aliasHistory).toEqual({});
  });

  test('model - sets and deletes tags, replaces the description', () => {
    const state = fold([
      registered,
      versionCreated(1),
      event('TagsSet', {
        model: MODEL,
        version: null,
        tags: [{ key: 'a', value: '1' }],
        deletedKeys: [],
        setBy: alice,
      }),
      event('TagsSet', {
        model: MODEL,
        version: null,
        tags: [{ key: 'b', value: '2' }],
        deletedKeys: ['a'],
        setBy: alice,
      }),
      event('TagsSet', {
        model: MODEL,
        version: 1,
        tags: [{ key: 'c', value: '3' }],
        deletedKeys: [],
        setBy: alice,
      }),
      event('ModelDescriptionSet', { model: MODEL, version: null, description: 'new', setBy: alice }),
    ]);
    expect(state.tags).toEqual({ b: '2' });
    expect(state.versions[1]!.tags).toEqual({ c: '3' });
    expect(state.description).toBe('new');
  });

  test('model - evolve does not mutate the state it is given', () => {
    const before = fold([registered, versionCreated(1)]);
    const snapshot = JSON.stringify(before);
    fold([promotedTo(1, 'staging', null), requested('r', 1, 'production')], before);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
