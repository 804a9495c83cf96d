import type { Actor, ModelPromotedData } from '@slipway/contracts';
import { event, type ModelEvent } from './model.events';
import type { RegistryPolicy } from './promotion-policy';

/** Test-only fixtures shared by the model specs. */
export const MODEL = 'churn';
export const alice: Actor = { id: 'alice', kind: 'user' };
export const bob: Actor = { id: 'bob', kind: 'user' };
export const root: Actor = { id: 'root', kind: 'user' };
export const registry: Actor = { id: 'registry', kind: 'service' };

/** `production` needs approval and gates; `staging` needs neither. */
export const policy: RegistryPolicy = {
  default: { requiresApproval: false, gates: [] },
  aliases: {
    production: {
      requiresApproval: true,
      gates: [
        { metric: 'f1', op: '>=', against: 'current-holder' },
        { metric: 'recall', op: '<=', value: 0.99 },
      ],
    },
  },
};

export const registered = event('RegisteredModelCreated', {
  model: MODEL,
  description: null,
  tags: [],
  createdBy: alice,
});

export function versionCreated(version: number): ModelEvent {
  return event('ModelVersionCreated', {
    model: MODEL,
    version,
    sourceRunId: `run${version}`,
    artifactUri: `runs:/run${version}/model`,
    flavor: 'sklearn',
    signature: null,
    tags: [],
    createdBy: alice,
  });
}

export function promotedTo(
  version: number,
  alias: string,
  previousVersion: number | null,
  extra: Partial<ModelPromotedData> = {},
): ModelEvent {
  return event('ModelPromoted', {
    model: MODEL,
    version,
    alias,
    previousVersion,
    artifactUri: `runs:/run${version}/model`,
    flavor: 'sklearn',
    signature: null,
    approvedBy: bob,
    reason: 'ok',
    promotionRequestId: null,
    ...extra,
  });
}

export function requested(
  id: string,
  version: number,
  alias: string,
  extra: { passed?: boolean } = {},
): ModelEvent {
  return event('PromotionRequested', {
    promotionRequestId: id,
    model: MODEL,
    version,
    alias,
    requestedBy: alice,
    reason: 'better',
    gates: [
      {
        gate: 'recall <= 0.99',
        passed: extra.passed ?? true,
        actual: 0.5,
        expected: '<= 0.99',
        message: 'recall',
      },
    ],
    requiresApproval: true,
  });
}
