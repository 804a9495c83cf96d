import { z } from 'zod';
import {
  actorSchema,
  flavorSchema,
  gateResultSchema,
  metricValueSchema,
  modelNameSchema,
  modelSignatureSchema,
  modelVersionSchema,
  promotionRequestIdSchema,
  runIdSchema,
  tagListSchema,
  trackingKeySchema,
  uriSchema,
} from '@slipway/contracts';

/*
 * Aliases are plain strings here, not `aliasSchema`: `decide` refuses MLflow's reserved names
 * with a typed REGISTRY.RESERVED_ALIAS error instead of a generic validation failure.
 */
const aliasInput = z.string().min(1).max(255);
const reason = z.string().max(2000);

/** Register a model name. */
export const registerModelSchema = z.object({
  model: modelNameSchema,
  description: z.string().max(5000).nullable().default(null),
  tags: tagListSchema.default([]),
  actor: actorSchema,
});

/** Create the next version of a model from a run's artifacts. */
export const createVersionSchema = z.object({
  model: modelNameSchema,
  /** e.g. `runs:/<runId>/model`. */
  source: uriSchema,
  runId: runIdSchema.nullable().default(null),
  flavor: flavorSchema,
  signature: modelSignatureSchema.nullable().default(null),
  /** The run's metrics, fetched from tracking by the caller. */
  metrics: z.record(trackingKeySchema, metricValueSchema).default({}),
  tags: tagListSchema.default([]),
  actor: actorSchema,
});

/** Ask to point an alias at a version; gates were evaluated by the caller (see `evaluateGates`). */
export const requestPromotionSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  alias: aliasInput,
  /** Chosen by the caller so that a retried command is recognised. */
  requestId: promotionRequestIdSchema,
  gates: z.array(gateResultSchema).default([]),
  reason,
  actor: actorSchema,
});

/** Approve an open request. `admin` is set by the caller after checking the actor's role. */
export const approvePromotionSchema = z.object({
  model: modelNameSchema,
  requestId: promotionRequestIdSchema,
  comment: reason.nullable().default(null),
  /** Only for admins: approve although gates failed; the reason is recorded. */
  overrideReason: z.string().min(1).max(1000).optional(),
  admin: z.boolean().default(false),
  actor: actorSchema,
});

/** Reject an open request. */
export const rejectPromotionSchema = z.object({
  model: modelNameSchema,
  requestId: promotionRequestIdSchema,
  reason: reason.min(1),
  actor: actorSchema,
});

/** Point an alias at a version without a request, where the policy allows it (or an admin overrides). */
export const promoteDirectlySchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  alias: aliasInput,
  gates: z.array(gateResultSchema).default([]),
  reason,
  overrideReason: z.string().min(1).max(1000).optional(),
  admin: z.boolean().default(false),
  actor: actorSchema,
});

/** Point an alias back at its previous holder. */
export const rollBackAliasSchema = z.object({
  model: modelNameSchema,
  alias: aliasInput,
  reason,
  actor: actorSchema,
});

/** Delete an alias. */
export const removeAliasSchema = z.object({
  model: modelNameSchema,
  alias: aliasInput,
  reason,
  actor: actorSchema,
});

/** Archive a version: it can no longer be promoted and loses its aliases. */
export const archiveVersionSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  reason,
  actor: actorSchema,
});

/** Set and/or delete tags of the model (`version` absent) or of one version. */
export const setTagsSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema.nullable().default(null),
  tags: tagListSchema.default([]),
  deleteKeys: z.array(trackingKeySchema).max(100).default([]),
  actor: actorSchema,
});

/** Replace the description of the model (`version` absent) or of one version; `null` clears it. */
export const setDescriptionSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema.nullable().default(null),
  description: z.string().max(5000).nullable(),
  actor: actorSchema,
});

/** Give the model a new name; whether the name is free is checked where names are unique (the read model). */
export const renameModelSchema = z.object({
  model: modelNameSchema,
  newName: modelNameSchema,
  actor: actorSchema,
});

/** Delete the model with its versions: aliases removed, open requests rejected, the name freed. */
export const deleteModelSchema = z.object({ model: modelNameSchema, reason, actor: actorSchema });

/** Delete one version (a tombstone): its aliases removed, its open requests rejected. */
export const deleteVersionSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  reason,
  actor: actorSchema,
});

/** Every command of the model aggregate, as `{ type, data }`; parse at the edge with this. */
export const modelCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterModel'), data: registerModelSchema }),
  z.object({ type: z.literal('CreateVersion'), data: createVersionSchema }),
  z.object({ type: z.literal('RequestPromotion'), data: requestPromotionSchema }),
  z.object({ type: z.literal('ApprovePromotion'), data: approvePromotionSchema }),
  z.object({ type: z.literal('RejectPromotion'), data: rejectPromotionSchema }),
  z.object({ type: z.literal('PromoteDirectly'), data: promoteDirectlySchema }),
  z.object({ type: z.literal('RollBackAlias'), data: rollBackAliasSchema }),
  z.object({ type: z.literal('RemoveAlias'), data: removeAliasSchema }),
  z.object({ type: z.literal('ArchiveVersion'), data: archiveVersionSchema }),
  z.object({ type: z.literal('SetTags'), data: setTagsSchema }),
  z.object({ type: z.literal('SetDescription'), data: setDescriptionSchema }),
  z.object({ type: z.literal('RenameModel'), data: renameModelSchema }),
  z.object({ type: z.literal('DeleteModel'), data: deleteModelSchema }),
  z.object({ type: z.literal('DeleteVersion'), data: deleteVersionSchema }),
]);

export type ModelCommand = z.infer<typeof modelCommandSchema>;
export type ModelCommandType = ModelCommand['type'];
export type ModelCommandOfType<T extends ModelCommandType> = Extract<ModelCommand, { type: T }>;
/** What a caller writes before parsing (defaults not yet applied). */
export type ModelCommandInput = z.input<typeof modelCommandSchema>;
