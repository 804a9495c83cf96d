import { z } from 'zod';
import { actorSchema } from '../../events/shared/actor';
import { modelNameSchema, modelVersionSchema, promotionRequestIdSchema } from '../../events/shared/ids';
import { metricValueSchema } from '../../events/shared/metric-value';
import { isoTimestampSchema } from '../../events/shared/timestamps';
import { gateResultSchema } from '../../events/registry/gate-result';
import { flavorSchema, modelSignatureSchema } from '../../events/registry/model-signature';

/** "As of" a moment: a global event position or a time; neither means now. */
export const asOfSchema = z
  .object({
    /** Only events at or before this global position of the registry's log. */
    position: z.int().min(0).optional(),
    /** Only events recorded at or before this time. */
    time: isoTimestampSchema.optional(),
  })
  .refine((a) => a.position === undefined || a.time === undefined, 'give position or time, not both');
export type AsOf = z.infer<typeof asOfSchema>;

/** Metrics by name. */
export const metricsViewSchema = z.record(z.string(), metricValueSchema);

/** One version of a registered model. */
export const modelVersionViewSchema = z.object({
  version: modelVersionSchema,
  source: z.string(),
  runId: z.string().nullable(),
  flavor: flavorSchema,
  signature: modelSignatureSchema.nullable(),
  /** The run's metrics when the version was created. */
  metrics: metricsViewSchema,
  tags: z.record(z.string(), z.string()),
  status: z.enum(['active', 'archived']),
  description: z.string().nullable().default(null),
  /** Who created the version (`null` for one read from a registry older than this field). */
  createdBy: actorSchema.nullable().default(null),
  /** When the version's first and latest events were recorded. */
  createdAt: isoTimestampSchema.nullable().default(null),
  updatedAt: isoTimestampSchema.nullable().default(null),
});
export type ModelVersionView = z.infer<typeof modelVersionViewSchema>;

/** An open promotion request with the gate results computed when it was made. */
export const promotionRequestViewSchema = z.object({
  id: promotionRequestIdSchema,
  version: modelVersionSchema,
  alias: z.string(),
  requestedBy: actorSchema,
  reason: z.string(),
  gates: z.array(gateResultSchema),
  requiresApproval: z.boolean(),
});
export type PromotionRequestView = z.infer<typeof promotionRequestViewSchema>;

/** A registered model with its versions, aliases and open requests. */
export const modelViewSchema = z.object({
  name: modelNameSchema,
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  versions: z.array(modelVersionViewSchema),
  /** alias → the version holding it. */
  aliases: z.record(z.string(), modelVersionSchema),
  openRequests: z.array(promotionRequestViewSchema),
  /** The version of the model's stream this view reflects. */
  streamVersion: z.int().min(0),
  /** When the model was registered, and when its latest event was recorded. */
  createdAt: isoTimestampSchema.nullable().default(null),
  updatedAt: isoTimestampSchema.nullable().default(null),
});
export type ModelView = z.infer<typeof modelViewSchema>;

/** What a command recorded: the event types, their global positions, and the model after it. */
export const registryCommandReplySchema = z.object({
  events: z.array(z.string()),
  positions: z.array(z.int().min(1)),
  model: modelViewSchema,
});
export type RegistryCommandReply = z.infer<typeof registryCommandReplySchema>;

/** The caller and, when the edge checked the role, whether it is an admin. */
export const commandCallerFields = {
  actor: actorSchema,
  /** Set by the gateway after checking the actor's role; lets gates be overridden with a reason. */
  admin: z.boolean().default(false),
};

/** One event in a model's history: what happened, who did it, why and when. */
export const historyEntrySchema = z.object({
  position: z.int().min(1),
  streamVersion: z.int().min(1),
  type: z.string(),
  data: z.unknown(),
  actor: actorSchema,
  reason: z.string().nullable(),
  correlationId: z.string().nullable(),
  recordedAt: isoTimestampSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
