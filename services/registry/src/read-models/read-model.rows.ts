import {
  actorSchema,
  gateResultSchema,
  modelSignatureSchema,
  type ModelVersionView,
} from '@slipway/contracts';
import { z } from 'zod';

const stringRecord = z.record(z.string(), z.string());
const time = z.date().nullable();

/** A row of `models`. */
export const modelRow = z.object({
  name: z.string(),
  description: z.string().nullable(),
  tags: stringRecord,
  last_version: z.int(),
  stream_version: z.int(),
  created_at: time,
  updated_at: time,
});

/** A row of `model_versions`. */
export const versionRow = z.object({
  model: z.string(),
  version: z.int(),
  source: z.string(),
  run_id: z.string().nullable(),
  flavor: z.string(),
  signature: modelSignatureSchema.nullable(),
  metrics: z.record(z.string(), z.number().nullable()),
  tags: stringRecord,
  status: z.enum(['active', 'archived']),
  description: z.string().nullable(),
  created_by: actorSchema.nullable(),
  created_at: time,
  updated_at: time,
});
export type VersionRow = z.infer<typeof versionRow>;

/** A row of `aliases`. */
export const aliasRow = z.object({ model: z.string(), alias: z.string(), version: z.int() });
export type AliasRow = z.infer<typeof aliasRow>;

/** A row of `promotion_requests`. */
export const requestRow = z.object({
  id: z.string(),
  version: z.int(),
  alias: z.string(),
  requested_by: actorSchema,
  reason: z.string(),
  gates: z.array(gateResultSchema),
  requires_approval: z.boolean(),
});

export const isoOrNull = (d: Date | null): string | null => d?.toISOString() ?? null;

/** A version row as the contract's view. */
export function toVersionView(v: VersionRow): ModelVersionView {
  return {
    version: v.version,
    source: v.source,
    runId: v.run_id,
    flavor: v.flavor,
    signature: v.signature,
    // JSON has no NaN: a non-finite metric comes back as null.
    metrics: Object.fromEntries(Object.entries(v.metrics).map(([k, m]) => [k, m ?? Number.NaN])),
    tags: v.tags,
    status: v.status,
    description: v.description,
    createdBy: v.created_by,
    createdAt: isoOrNull(v.created_at),
    updatedAt: isoOrNull(v.updated_at),
  };
}
