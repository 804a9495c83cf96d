import type { Actor, GateResult, ModelPromotedData } from '@slipway/contracts';
import { RegistryError, RegistryErrorCodes as Codes } from './model.errors';
import { event, type ModelEvent } from './model.events';
import type { ModelState } from './model.state';
import { failedGates } from './promotion-policy';

/** Who lets a promotion through, and whether an admin overrode something to do it. */
export interface Clearance {
  readonly admin: boolean;
  readonly overrideReason?: string;
}

/**
 * Throws GATE_FAILED when a gate failed and no admin gave an override reason. Returns the text
 * recorded in the events for an override, or `null` when none was needed.
 */
export function clearGates(state: ModelState, gates: readonly GateResult[], who: Clearance): string | null {
  const failed = failedGates(gates);
  if (failed.length === 0) return null;
  if (who.admin && who.overrideReason) {
    return `admin override of failed gates (${failed.map((g) => g.gate).join(', ')}): ${who.overrideReason}`;
  }
  throw new RegistryError(
    Codes.GATE_FAILED,
    `gates failed: ${failed.map((g) => g.message).join('; ')}${who.admin ? ' (an override reason is required)' : ''}`,
    { model: state.name, failed },
  );
}

/** The `ModelPromoted` event: everything serving needs to load the new holder. */
export function promoted(
  state: ModelState,
  version: number,
  alias: string,
  approvedBy: Actor,
  reason: string,
  promotionRequestId: string | null,
): ModelEvent {
  const v = state.versions[version]!;
  const data: ModelPromotedData = {
    model: state.name,
    version,
    alias,
    previousVersion: state.aliases[alias] ?? null,
    artifactUri: v.source,
    flavor: v.flavor,
    signature: v.signature,
    approvedBy,
    reason: reason.slice(0, 2000),
    promotionRequestId,
  };
  return event('ModelPromoted', data);
}
