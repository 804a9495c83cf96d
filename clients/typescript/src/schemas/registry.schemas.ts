import { z } from 'zod';
import { metricValue } from './metric-value';

/** Who did something: a user, a service or a token. */
export const actorSchema = z.looseObject({ id: z.string(), kind: z.string() });

/** The outcome of one promotion gate. */
export const gateResultSchema = z.looseObject({
  gate: z.string(),
  passed: z.boolean(),
  actual: z.unknown(),
  expected: z.unknown(),
  message: z.string(),
});
/** The outcome of one promotion gate. */
export type GateResult = z.infer<typeof gateResultSchema>;

/** An open promotion request with its gate results. */
export const promotionRequestSchema = z.looseObject({
  id: z.string(),
  version: z.number(),
  alias: z.string(),
  requestedBy: actorSchema,
  reason: z.string(),
  gates: z.array(gateResultSchema),
  requiresApproval: z.boolean(),
});
/** An open promotion request. */
export type PromotionRequest = z.infer<typeof promotionRequestSchema>;

/** One version of a registered model. */
export const modelVersionSchema = z.looseObject({
  version: z.number(),
  source: z.string(),
  runId: z.string().nullable(),
  flavor: z.string(),
  metrics: z.record(z.string(), metricValue),
  tags: z.record(z.string(), z.string()),
  status: z.enum(['active', 'archived']),
  description: z.string().nullable().optional(),
  createdAt: z.string().nullable().optional(),
});
/** One version of a registered model. */
export type ModelVersion = z.infer<typeof modelVersionSchema>;

/** A registered model with its versions, aliases (alias → version) and open requests. */
export const modelSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  versions: z.array(modelVersionSchema),
  aliases: z.record(z.string(), z.number()),
  openRequests: z.array(promotionRequestSchema),
  createdAt: z.string().nullable().optional(),
  updatedAt: z.string().nullable().optional(),
});
/** A registered model. */
export type Model = z.infer<typeof modelSchema>;

/** What a registry command recorded: event types and the model after it. */
export const commandReplySchema = z.object({ events: z.array(z.string()), model: modelSchema });
/** What a registry command recorded. */
export type CommandReply = z.infer<typeof commandReplySchema>;

/** A model as a listing shows it (no full version list). */
export const modelSummarySchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  aliases: z.record(z.string(), z.number()),
  lastVersion: z.number(),
  updatedAt: z.string().nullable().optional(),
});
/** A model as a listing shows it. */
export type ModelSummary = z.infer<typeof modelSummarySchema>;

/** A page of models. */
export const modelPageSchema = z.object({
  models: z.array(modelSummarySchema),
  nextPageToken: z.string().nullable().optional(),
});
/** A page of models. */
export type ModelPage = z.infer<typeof modelPageSchema>;

/** Which version holds an alias (`null` when none). */
export const aliasHolderSchema = z.object({
  model: z.string(),
  alias: z.string(),
  version: z.number().nullable(),
  source: z.string().nullable(),
});
/** Which version holds an alias. */
export type AliasHolder = z.infer<typeof aliasHolderSchema>;

/** One event of a model's audit trail. */
export const historyEntrySchema = z.looseObject({
  position: z.number(),
  type: z.string(),
  data: z.unknown(),
  actor: actorSchema,
  reason: z.string().nullable(),
  recordedAt: z.string(),
});
/** One event of a model's audit trail. */
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A model's audit trail. */
export const modelHistorySchema = z.object({ model: z.string(), entries: z.array(historyEntrySchema) });
/** A model's audit trail. */
export type ModelHistory = z.infer<typeof modelHistorySchema>;
