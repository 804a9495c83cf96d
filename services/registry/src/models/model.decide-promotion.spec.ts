import { event } from './model.events';
import {
  alice,
  bob,
  MODEL,
  policy,
  promotedTo,
  registered,
  registry,
  requested,
  root,
  versionCreated,
} from './model.fixtures';
import { modelSpec } from './model.spec-helper';
import { evaluateGates, policyFor } from './promotion-policy';

const spec = modelSpec(policy);
const twoVersions = [registered, versionCreated(1), versionCreated(2)];
const passing = [{ gate: 'recall <= 0.99', passed: true, actual: 0.1, expected: '<= 0.99', message: 'ok' }];

describe('model promotion', () => {
  test('model - a request to an alias without approval is promoted at once by the registry', () => {
    spec
      .given(twoVersions)
      .when({
        type: 'RequestPromotion',
        data: { model: MODEL, version: 2, alias: 'staging', requestId: 'r1', reason: 'try', actor: alice },
      })
      .then([
        event('PromotionRequested', {
          promotionRequestId: 'r1',
          model: MODEL,
          version: 2,
          alias: 'staging',
          requestedBy: alice,
          reason: 'try',
          gates: [],
          requiresApproval: false,
        }),
        event('PromotionApproved', {
          promotionRequestId: 'r1',
          model: MODEL,
          version: 2,
          alias: 'staging',
          approvedBy: registry,
          comment: 'no approval required',
        }),
        promotedTo(2, 'staging', null, { approvedBy: registry, reason: 'try', promotionRequestId: 'r1' }),
      ]);
  });

  test('model - a request to production waits for approval', () => {
    const events = spec
      .given(twoVersions)
      .when({
        type: 'RequestPromotion',
        data: {
          model: MODEL,
          version: 1,
          alias: 'production',
          requestId: 'r1',
          gates: passing,
          reason: 'x',
          actor: alice,
        },
      })
      .events();
    expect(events.map((e) => e.type)).toEqual(['PromotionRequested']);
    expect(events[0]!.data).toMatchObject({ requiresApproval: true, gates: passing });
  });

  test.each([
    ['latest', 'REGISTRY.RESERVED_ALIAS'],
    ['v3', 'REGISTRY.RESERVED_ALIAS'],
    ['has space', 'COMMON.VALIDATION_FAILED'],
  ])('model - refuses alias %j', (alias, code) => {
    spec
      .given(twoVersions)
      .when({
        type: 'RequestPromotion',
        data: { model: MODEL, version: 1, alias, requestId: 'r', reason: '', actor: alice },
      })
      .thenThrows(code);
  });

  test('model - refuses requests for missing or archived versions, twice the same id, or the holder', () => {
    const when = (version: number, requestId = 'r9') =>
      ({
        type: 'RequestPromotion',
        data: { model: MODEL, version, alias: 'staging', requestId, reason: '', actor: alice },
      }) as const;
    const archived = event('ModelVersionArchived', {
      model: MODEL,
      version: 1,
      archivedBy: alice,
      reason: 'old',
    });
    spec.given(twoVersions).when(when(7)).thenThrows('REGISTRY.VERSION_NOT_FOUND');
    spec
      .given([...twoVersions, archived])
      .when(when(1))
      .thenThrows('REGISTRY.VERSION_ARCHIVED');
    spec
      .given([...twoVersions, requested('r1', 1, 'production')])
      .when(when(2, 'r1'))
      .thenThrows('REGISTRY.REQUEST_ALREADY_EXISTS');
    spec
      .given([...twoVersions, promotedTo(2, 'staging', null)])
      .when(when(2))
      .thenThrows('REGISTRY.ALREADY_HOLDS_ALIAS');
    spec.given([]).when(when(1)).thenThrows('REGISTRY.MODEL_NOT_FOUND');
  });

  test('model - another person approves: ModelPromoted carries everything serving needs', () => {
    spec
      .given([...twoVersions, promotedTo(1, 'production', null), requested('r2', 2, 'production')])
      .when({
        type: 'ApprovePromotion',
        data: { model: MODEL, requestId: 'r2', comment: 'looks good', actor: bob },
      })
      .then([
        event('PromotionApproved', {
          promotionRequestId: 'r2',
          model: MODEL,
          version: 2,
          alias: 'production',
          approvedBy: bob,
          comment: 'looks good',
        }),
        promotedTo(2, 'production', 1, { approvedBy: bob, reason: 'looks good', promotionRequestId: 'r2' }),
      ]);
  });

  test('model - the requester cannot approve their own request, an admin can', () => {
    const given = [...twoVersions, requested('r1', 1, 'production')];
    spec
      .given(given)
      .when({ type: 'ApprovePromotion', data: { model: MODEL, requestId: 'r1', actor: alice } })
      .thenThrows('REGISTRY.SELF_APPROVAL');
    const events = spec
      .given(given)
      .when({ type: 'ApprovePromotion', data: { model: MODEL, requestId: 'r1', admin: true, actor: alice } })
      .events();
    expect(events.map((e) => e.type)).toEqual(['PromotionApproved', 'ModelPromoted']);
  });

  test('model - approving or rejecting needs an open, known request', () => {
    const rejected = event('PromotionRejected', {
      promotionRequestId: 'r1',
      model: MODEL,
      version: 1,
      alias: 'production',
      rejectedBy: bob,
      reason: 'no',
    });
    const closed = [...twoVersions, requested('r1', 1, 'production'), rejected];
    spec
      .given(closed)
      .when({ type: 'ApprovePromotion', data: { model: MODEL, requestId: 'r1', actor: bob } })
      .thenThrows('REGISTRY.REQUEST_NOT_OPEN');
    spec
      .given(closed)
      .when({ type: 'RejectPromotion', data: { model: MODEL, requestId: 'r1', reason: 'x', actor: bob } })
      .thenThrows('REGISTRY.REQUEST_NOT_OPEN');
    spec
      .given(twoVersions)
      .when({ type: 'ApprovePromotion', data: { model: MODEL, requestId: 'nope', actor: bob } })
      .thenThrows('REGISTRY.REQUEST_NOT_FOUND');
  });

  test('model - rejects a request with a reason', () => {
    spec
      .given([...twoVersions, requested('r1', 1, 'production')])
      .when({
        type: 'RejectPromotion',
        data: { model: MODEL, requestId: 'r1', reason: 'not yet', actor: bob },
      })
      .then([
        event('PromotionRejected', {
          promotionRequestId: 'r1',
          model: MODEL,
          version: 1,
          alias: 'production',
          rejectedBy: bob,
          reason: 'not yet',
        }),
      ]);
  });

  describe('the degenerate model of the talk', () => {
    const gates = evaluateGates(
      policyFor(policy, 'production'),
      { accuracy: 0.0954, f1: 0.174182, precision: 0.0954, recall: 1.0, roc_auc: 0.5 },
      { accuracy: 0.8286, f1: 0.097764, precision: 0.095778, recall: 0.097484, roc_auc: 0.49472 },
    );
    const request = event('PromotionRequested', {
      promotionRequestId: 'r2',
      model: MODEL,
      version: 2,
      alias: 'production',
      requestedBy: alice,
      reason: 'higher f1',
      gates,
      requiresApproval: true,
    });
    const given = [...twoVersions, promotedTo(1, 'production', null), request];

    test('model - its failed recall gate blocks approval', () => {
      spec
        .given(given)
        .when({ type: 'ApprovePromotion', data: { model: MODEL, requestId: 'r2', actor: bob } })
        .thenThrows('REGISTRY.GATE_FAILED');
    });

    test('model - an admin needs a reason to override', () => {
      spec
        .given(given)
        .when({ type: 'ApprovePromotion', data: { model: MODEL, requestId: 'r2', admin: true, actor: root } })
        .thenThrows('REGISTRY.GATE_FAILED');
    });

    test('model - an admin override is recorded with its reason', () => {
      const why = 'admin override of failed gates (recall <= 0.99): demo for the talk';
      spec
        .given(given)
        .when({
          type: 'ApprovePromotion',
          data: {
            model: MODEL,
            requestId: 'r2',
            admin: true,
            overrideReason: 'demo for the talk',
            actor: root,
          },
        })
        .then([
          event('PromotionApproved', {
            promotionRequestId: 'r2',
            model: MODEL,
            version: 2,
            alias: 'production',
            approvedBy: root,
            comment: why,
          }),
          promotedTo(2, 'production', 1, { approvedBy: root, reason: why, promotionRequestId: 'r2' }),
        ]);
    });

    test('model - to an alias without approval it stays open instead of being promoted', () => {
      const events = spec
        .given(twoVersions)
        .when({
          type: 'RequestPromotion',
          data: {
            model: MODEL,
            version: 2,
            alias: 'shadow',
            requestId: 'r3',
            gates,
            reason: '',
            actor: alice,
          },
        })
        .events();
      expect(events.map((e) => e.type)).toEqual(['PromotionRequested']);
    });
  });

  test('model - promotes directly where the policy allows, with the registry as approver', () => {
    spec
      .given(twoVersions)
      .when({
        type: 'PromoteDirectly',
        data: { model: MODEL, version: 1, alias: 'staging', reason: 'smoke', actor: alice },
      })
      .then([
        promotedTo(1, 'staging', null, { approvedBy: registry, reason: 'promoted directly by alice: smoke' }),
      ]);
  });

  test('model - direct promotion to production needs approval, or an admin override', () => {
    const when = (extra: object) =>
      ({
        type: 'PromoteDirectly',
        data: {
          model: MODEL,
          version: 1,
          alias: 'production',
          gates: passing,
          reason: 'hotfix',
          actor: root,
          ...extra,
        },
      }) as const;
    spec.given(twoVersions).when(when({})).thenThrows('REGISTRY.APPROVAL_REQUIRED');
    spec
      .given(twoVersions)
      .when(when({ admin: true }))
      .thenThrows('REGISTRY.APPROVAL_REQUIRED');
    spec
      .given(twoVersions)
      .when(when({ admin: true, overrideReason: 'incident 42' }))
      .then([
        promotedTo(1, 'production', null, {
          approvedBy: root,
          reason: 'admin override of required approval: incident 42 (hotfix)',
        }),
      ]);
  });

  test('model - direct promotion with a failed gate is refused', () => {
    const failed = [{ ...passing[0]!, passed: false }];
    spec
      .given(twoVersions)
      .when({
        type: 'PromoteDirectly',
        data: { model: MODEL, version: 1, alias: 'staging', gates: failed, reason: '', actor: alice },
      })
      .thenThrows('REGISTRY.GATE_FAILED');
  });

  test('model - an archived version cannot be promoted', () => {
    const archived = event('ModelVersionArchived', {
      model: MODEL,
      version: 2,
      archivedBy: alice,
      reason: 'old',
    });
    spec
      .given([...twoVersions, requested('r2', 2, 'production'), archived])
      .when({
        type: 'PromoteDirectly',
        data: { model: MODEL, version: 2, alias: 'staging', reason: '', actor: alice },
      })
      .thenThrows('REGISTRY.VERSION_ARCHIVED');
  });

  test('model - rolls back an alias after two promotions', () => {
    spec
      .given([...twoVersions, promotedTo(1, 'production', null), promotedTo(2, 'production', 1)])
      .when({
        type: 'RollBackAlias',
        data: { model: MODEL, alias: 'production', reason: 'latency', actor: bob },
      })
      .then([
        event('AliasRolledBack', {
          model: MODEL,
          alias: 'production',
          fromVersion: 2,
          toVersion: 1,
          rolledBackBy: bob,
          reason: 'latency',
        }),
        promotedTo(1, 'production', 2, { approvedBy: bob, reason: 'rolled back from version 2: latency' }),
      ]);
  });

  test('model - nothing to roll back to after a single promotion; unknown alias refused', () => {
    const when = (alias: string) =>
      ({ type: 'RollBackAlias', data: { model: MODEL, alias, reason: '', actor: bob } }) as const;
    spec
      .given([...twoVersions, promotedTo(1, 'production', null)])
      .when(when('production'))
      .thenThrows('REGISTRY.NOTHING_TO_ROLL_BACK');
    spec.given(twoVersions).when(when('production')).thenThrows('REGISTRY.ALIAS_NOT_FOUND');
  });

  test('model - removes an alias', () => {
    spec
      .given([...twoVersions, promotedTo(2, 'staging', null)])
      .when({ type: 'RemoveAlias', data: { model: MODEL, alias: 'staging', reason: 'done', actor: bob } })
      .then([
        event('AliasRemoved', { model: MODEL, alias: 'staging', version: 2, removedBy: bob, reason: 'done' }),
      ]);
    spec
      .given(twoVersions)
      .when({ type: 'RemoveAlias', data: { model: MODEL, alias: 'staging', reason: '', actor: bob } })
      .thenThrows('REGISTRY.ALIAS_NOT_FOUND');
  });
});
