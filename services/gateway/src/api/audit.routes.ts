import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { auditEntryViewSchema, auditQuerySchema, readAuditLog } from '../audit/audit-log.reader';
import { route, type GatewayRoute } from '../http/gateway-route';

/** `GET /api/v1/audit`: the audit log of write calls (admin). */
export function auditRoutes(db: DataSource): GatewayRoute[] {
  return [
    route({
      method: 'GET',
      url: '/v1/audit',
      scope: 'admin',
      tag: 'tokens',
      summary: 'The audit log of write calls, newest first (page with ?before=<nextBefore>).',
      query: auditQuerySchema,
      response: z.object({ entries: z.array(auditEntryViewSchema), nextBefore: z.number().optional() }),
      handle: ({ query }) => readAuditLog(db, query),
    }),
  ];
}
