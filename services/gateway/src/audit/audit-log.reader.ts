import { parseOrThrow } from '@slipway/contracts';
import type { DataSource } from 'typeorm';
import { z } from 'zod';

/** One audit entry as `GET /api/v1/audit` shows it. */
export const auditEntryViewSchema = z.object({
  id: z.coerce.number().int(),
  at: z.date().transform((d) => d.toISOString()),
  tokenId: z.string().nullable(),
  actor: z.string().nullable(),
  method: z.string(),
  route: z.string(),
  url: z.string(),
  status: z.int(),
  durationMs: z.number(),
  requestId: z.string(),
});

export const auditQuerySchema = z.strictObject({
  /** Only entries before this id (the next page of a newest-first listing). */
  before: z.coerce.number().int().min(1).optional(),
  actor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Reads the audit log newest first, a page at a time. */
export async function readAuditLog(db: DataSource, query: z.infer<typeof auditQuerySchema>) {
  const rows: unknown = await db.query(
    `SELECT entry_id AS id, at, token_id AS "tokenId", actor, method, route, url, status,
            duration_ms AS "durationMs", request_id AS "requestId"
       FROM audit_log
      WHERE ($1::bigint IS NULL OR entry_id < $1) AND ($2::text IS NULL OR actor = $2)
      ORDER BY entry_id DESC LIMIT $3`,
    [query.before ?? null, query.actor ?? null, query.limit],
  );
  const entries = parseOrThrow(z.array(auditEntryViewSchema), rows, 'audit_log rows');
  const last = entries.at(-1);
  return { entries, ...(entries.length === query.limit && last ? { nextBefore: last.id } : {}) };
}
