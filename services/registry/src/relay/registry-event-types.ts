import {
  AliasRemoved,
  type EventDefinition,
  ModelPromoted,
  ModelVersionArchived,
  ModelVersionCreated,
  PromotionApproved,
  PromotionRejected,
  PromotionRequested,
  RegisteredModelCreated,
  RegisteredModelDeleted,
  RegisteredModelRenamed,
  ModelVersionDeleted,
} from '@slipway/contracts';

/** The registry's public events, by CloudEvents type: what the relay publishes to JetStream. */
export const REGISTRY_PUBLIC_EVENTS: ReadonlyMap<string, EventDefinition> = new Map(
  [
    RegisteredModelCreated,
    ModelVersionCreated,
    PromotionRequested,
    PromotionApproved,
    PromotionRejected,
    ModelPromoted,
    AliasRemoved,
    ModelVersionArchived,
    RegisteredModelRenamed,
    RegisteredModelDeleted,
    ModelVersionDeleted,
  ].map((def) => [def.type, def]),
);

/**
 * The contract of a stored event type, or `undefined` for an internal event (tags or
 * description set, …) that stays in the store and is not published.
 */
export function publicEventOf(type: string): EventDefinition | undefined {
  return REGISTRY_PUBLIC_EVENTS.get(type);
}
