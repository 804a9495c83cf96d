import { z } from 'zod';
import {
  actorSchema,
  metricValueSchema,
  modelNameSchema,
  modelVersionSchema,
  aliasSchema,
  tagListSchema,
  trackingKeySchema,
  type AliasRemovedData,
  type ModelPromotedData,
  type ModelVersionArchivedData,
  type ModelVersionCreatedData,
  type ModelVersionDeletedData,
  type PromotionApprovedData,
  type PromotionRejectedData,
  type PromotionRequestedData,
  type RegisteredModelCreatedData,
  type RegisteredModelDeletedData,
  type RegisteredModelRenamedData,
} from '@slipway/contracts';

/** An event of the model aggregate, emmett style: a type and its data. */
export interface ModelEventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

/*
 * Internal-only events: stored in the registry's log but not published as contracts (yet).
 * The contracts have no event for these facts.
 */

/** The metrics of a version's run, snapshotted from tracking when the version was created. */
export const versionMetricsRecordedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  metrics: z.record(trackingKeySchema, metricValueSchema),
});
export type VersionMetricsRecordedData = z.infer<typeof versionMetricsRecordedSchema>;

/** The description of a registered model (`version: null`) or of one version was replaced. */
export const modelDescriptionSetSchema = z.object({
  model: modelNameSchema,
  /** Since v2; a v1 event (model descriptions only) is upcast with `null`. */
  version: modelVersionSchema.nullable(),
  description: z.string().max(5000).nullable(),
  setBy: actorSchema,
});
export type ModelDescriptionSetData = z.infer<typeof modelDescriptionSetSchema>;

/** Tags of a model (`version: null`) or of one version were set and/or deleted. */
export const tagsSetSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema.nullable(),
  tags: tagListSchema,
  deletedKeys: z.array(trackingKeySchema).max(100),
  setBy: actorSchema,
});
export type TagsSetData = z.infer<typeof tagsSetSchema>;

/**
 * An alias went back to an earlier holder. Always followed by a `ModelPromoted` for `toVersion`
 * (what serving listens to); this event tells `evolve` to pop the holder history, not push.
 */
export const aliasRolledBackSchema = z.object({
  model: modelNameSchema,
  alias: aliasSchema,
  fromVersion: modelVersionSchema,
  toVersion: modelVersionSchema,
  rolledBackBy: actorSchema,
  reason: z.string().max(2000),
});
export type AliasRolledBackData = z.infer<typeof aliasRolledBackSchema>;

/** Everything the model aggregate can record: the registry contract events plus the internal ones. */
export type ModelEvent =
  | ModelEventOf<'RegisteredModelCreated', RegisteredModelCreatedData>
  | ModelEventOf<'ModelVersionCreated', ModelVersionCreatedData>
  | ModelEventOf<'VersionMetricsRecorded', VersionMetricsRecordedData>
  | ModelEventOf<'PromotionRequested', PromotionRequestedData>
  | ModelEventOf<'PromotionApproved', PromotionApprovedData>
  | ModelEventOf<'PromotionRejected', PromotionRejectedData>
  | ModelEventOf<'ModelPromoted', ModelPromotedData>
  | ModelEventOf<'AliasRolledBack', AliasRolledBackData>
  | ModelEventOf<'AliasRemoved', AliasRemovedData>
  | ModelEventOf<'ModelVersionArchived', ModelVersionArchivedData>
  | ModelEventOf<'ModelDescriptionSet', ModelDescriptionSetData>
  | ModelEventOf<'TagsSet', TagsSetData>
  | ModelEventOf<'RegisteredModelRenamed', RegisteredModelRenamedData>
  | ModelEventOf<'RegisteredModelDeleted', RegisteredModelDeletedData>
  | ModelEventOf<'ModelVersionDeleted', ModelVersionDeletedData>;

export type ModelEventType = ModelEvent['type'];

export type ModelEventOfType<T extends ModelEventType> = Extract<ModelEvent, { type: T }>;

/** Builds a typed event: `event('AliasRemoved', {...})` checks the data against the type. */
export function event<T extends ModelEventType>(
  type: T,
  data: ModelEventOfType<T>['data'],
): ModelEventOfType<T> {
  return { type, data } as ModelEventOfType<T>;
}
