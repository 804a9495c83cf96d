import type { ModelCommandOfType, ModelCommandType } from './model.commands';
import { RegistryError, RegistryErrorCodes as Codes } from './model.errors';
import { event, type ModelEvent } from './model.events';
import {
  activeVersionOf,
  assertAlias,
  assertModelExists,
  assertNotHolder,
  holderOf,
  openRequestOf,
  REGISTRY_ACTOR,
  sameActor,
} from './model.guards';
import { clearGates, promoted } from './model.promotion';
import type { ModelState } from './model.state';
import { failedGates, policyFor, type RegistryPolicy } from './promotion-policy';

type Data<T extends ModelCommandType> = ModelCommandOfType<T>['data'];

function requestPromotion(
  c: Data<'RequestPromotion'>,
  state: ModelState,
  policy: RegistryPolicy,
): ModelEvent[] {
  assertModelExists(state, c.model);
  assertAlias(c.alias);
  activeVersionOf(state, c.version);
  assertNotHolder(state, c.version, c.alias);
  if (state.requests[c.requestId]) {
    throw new RegistryError(Codes.REQUEST_ALREADY_EXISTS, `promotion request ${c.requestId} already exists`, {
      model: c.model,
      requestId: c.requestId,
    });
  }
  const { requiresApproval } = policyFor(policy, c.alias);
  const ids = { promotionRequestId: c.requestId, model: c.model, version: c.version, alias: c.alias };
  const requested = event('PromotionRequested', {
    ...ids,
    requestedBy: c.actor,
    reason: c.reason,
    gates: c.gates,
    requiresApproval,
  });
  // Blocked requests stay open: a person may reject them, an admin may override.
  if (requiresApproval || failedGates(c.gates).length > 0) return [requested];
  return [
    requested,
    event('PromotionApproved', { ...ids, approvedBy: REGISTRY_ACTOR, comment: 'no approval required' }),
    promoted(state, c.version, c.alias, REGISTRY_ACTOR, c.reason, c.requestId),
  ];
}

function approvePromotion(c: Data<'ApprovePromotion'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const request = openRequestOf(state, c.requestId);
  if (sameActor(request.requestedBy, c.actor) && !c.admin) {
    throw new RegistryError(Codes.SELF_APPROVAL, `${c.actor.id} cannot approve their own request`, {
      model: c.model,
      requestId: c.requestId,
    });
  }
  activeVersionOf(state, request.version);
  assertNotHolder(state, request.version, request.alias);
  const override = clearGates(state, request.gates, c);
  const { id, version, alias } = request;
  const comment = override ?? c.comment;
  return [
    event('PromotionApproved', {
      promotionRequestId: id,
      model: c.model,
      version,
      alias,
      approvedBy: c.actor,
      comment,
    }),
    promoted(state, version, alias, c.actor, comment ?? request.reason, id),
  ];
}

function rejectPromotion(c: Data<'RejectPromotion'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const { id, version, alias } = openRequestOf(state, c.requestId);
  return [
    event('PromotionRejected', {
      promotionRequestId: id,
      model: c.model,
      version,
      alias,
      rejectedBy: c.actor,
      reason: c.reason,
    }),
  ];
}

function promoteDirectly(
  c: Data<'PromoteDirectly'>,
  state: ModelState,
  policy: RegistryPolicy,
): ModelEvent[] {
  assertModelExists(state, c.model);
  assertAlias(c.alias);
  activeVersionOf(state, c.version);
  assertNotHolder(state, c.version, c.alias);
  const { requiresApproval } = policyFor(policy, c.alias);
  const overriding = c.admin && c.overrideReason !== undefined;
  if (requiresApproval && !overriding) {
    throw new RegistryError(Codes.APPROVAL_REQUIRED, `alias ${c.alias} needs an approved promotion request`, {
      model: c.model,
      alias: c.alias,
    });
  }
  const gateOverride = clearGates(state, c.gates, c);
  if (!requiresApproval && gateOverride === null) {
    // The contract names the registry as approver when nobody had to approve; the reason keeps who asked.
    return [
      promoted(
        state,
        c.version,
        c.alias,
        REGISTRY_ACTOR,
        `promoted directly by ${c.actor.id}: ${c.reason}`,
        null,
      ),
    ];
  }
  const why = gateOverride ?? `admin override of required approval: ${c.overrideReason}`;
  return [promoted(state, c.version, c.alias, c.actor, `${why} (${c.reason})`, null)];
}

function rollBackAlias(c: Data<'RollBackAlias'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const current = holderOf(state, c.alias);
  const earlier = (state.aliasHistory[c.alias] ?? []).slice(0, -1);
  const target = earlier.reverse().find((v) => v !== current && state.versions[v]?.status === 'active');
  if (target === undefined) {
    throw new RegistryError(Codes.NOTHING_TO_ROLL_BACK, `alias ${c.alias} has no earlier active holder`, {
      model: c.model,
      alias: c.alias,
    });
  }
  const reason = `rolled back from version ${current}: ${c.reason}`;
  return [
    event('AliasRolledBack', {
      model: c.model,
      alias: c.alias,
      fromVersion: current,
      toVersion: target,
      rolledBackBy: c.actor,
      reason: c.reason,
    }),
    promoted(state, target, c.alias, c.actor, reason, null),
  ];
}

function removeAlias(c: Data<'RemoveAlias'>, state: ModelState): ModelEvent[] {
  assertModelExists(state, c.model);
  const version = holderOf(state, c.alias);
  return [
    event('AliasRemoved', { model: c.model, alias: c.alias, version, removedBy: c.actor, reason: c.reason }),
  ];
}

/** The commands that move aliases: request, approve, reject, promote directly, roll back, remove. */
export function decidePromotion(
  command: ModelCommandOfType<
    | 'RequestPromotion'
    | 'ApprovePromotion'
    | 'RejectPromotion'
    | 'PromoteDirectly'
    | 'RollBackAlias'
    | 'RemoveAlias'
  >,
  state: ModelState,
  policy: RegistryPolicy,
): ModelEvent[] {
  switch (command.type) {
    case 'RequestPromotion':
      return requestPromotion(command.data, state, policy);
    case 'ApprovePromotion':
      return approvePromotion(command.data, state);
    case 'RejectPromotion':
      return rejectPromotion(command.data, state);
    case 'PromoteDirectly':
      return promoteDirectly(command.data, state, policy);
    case 'RollBackAlias':
      return rollBackAlias(command.data, state);
    case 'RemoveAlias':
      return removeAlias(command.data, state);
  }
}
