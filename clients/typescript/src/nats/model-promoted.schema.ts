import { z } from 'zod';

/** The CloudEvents type of `model.promoted` this SDK reads. */
export const MODEL_PROMOTED_TYPE = 'dev.slipway.registry.model.promoted.v1';

/** The subject of `model.promoted` under a subject root (default `slipway`). */
export const modelPromotedSubject = (root = 'slipway'): string => `${root}.evt.registry.model.promoted`;

/** The JetStream stream holding domain events under a subject root. */
export function eventsStreamOf(root = 'slipway'): string {
  return root === 'slipway'
    ? 'SLIPWAY_EVENTS'
    : `SLIPWAY_EVENTS_${root.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
}

/** What `model.promoted` says: an alias now points at a version, with all serving needs to load it. */
export const modelPromotedDataSchema = z.looseObject({
  model: z.string(),
  version: z.number().int(),
  alias: z.string(),
  /** The version the alias held before; `null` when the alias is new. */
  previousVersion: z.number().int().nullable(),
  /** Where the model files are. */
  artifactUri: z.string(),
  flavor: z.string(),
  signature: z.unknown().nullable(),
  /** Who approved; the registry itself when no approval was needed. */
  approvedBy: z.looseObject({ id: z.string(), kind: z.string() }),
  reason: z.string(),
  /** `null` when the alias was set directly. */
  promotionRequestId: z.string().nullable(),
});
/** The data of a `model.promoted` event. */
export type ModelPromotedData = z.infer<typeof modelPromotedDataSchema>;

/** A `model.promoted` CloudEvent: its `id` tells a redelivery from a new promotion. */
export const modelPromotedEventSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string(),
  source: z.string(),
  type: z.literal(MODEL_PROMOTED_TYPE),
  time: z.string().optional(),
  data: modelPromotedDataSchema,
});
/** A `model.promoted` CloudEvent. */
export type ModelPromotedEvent = z.infer<typeof modelPromotedEventSchema>;
