import pino from 'pino';
import type { DataSource } from 'typeorm';
import { openGatewayTestDatabase, type GatewayTestDatabase } from '../testing/gateway-test-database';
import { AuditLogWriter, type AuditEntry } from './audit-log.writer';

const entry = (i: number, tokenId: string | null): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 29, 0, 0, 0, i)),
  tokenId,
  actor: tokenId ? 'ci' : null,
  method: 'POST',
  route: '/api/v1/runs/:runId/metrics',
  url: `/api/v1/runs/r${i}/metrics`,
  status: i % 2 ? 202 : 400,
  durationMs: i / 1000,
  requestId: `req-${i}`,
});

/** The audit writer against real Postgres: batches of any size land whole, in one insert. */
describe('AuditLogWriter', () => {
  let database: GatewayTestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    database = await openGatewayTestDatabase();
    ({ ds } = database);
  });
  afterAll(async () => {
    await database?.close();
  });

  test('a batch of 10,000 write calls (past the 65,535-parameter limit of a VALUES list) is stored whole', async () => {
    const [token] = await ds.query(
      `INSERT INTO api_tokens (token_id, name, secret_sha256, scopes) VALUES (gen_random_uuid(), 'ci', '\\x01', '{write}') RETURNING token_id`,
    );
    const writer = new AuditLogWriter(ds, pino({ level: 'silent' }), 60_000);
    for (let i = 0; i < 10_000; i++) writer.record(entry(i, i % 3 ? token.token_id : null));
    await writer.close();

    const [counts] = await ds.query(
      `SELECT count(*)::int AS n, count(token_id)::int AS with_token, count(DISTINCT request_id)::int AS ids,
              sum(CASE WHEN status = 202 THEN 1 ELSE 0 END)::int AS accepted FROM audit_log`,
    );
    expect(counts).toEqual({ n: 10_000, with_token: 6_666, ids: 10_000, accepted: 5_000 });
    const [last] = await ds.query(
      `SELECT actor, method, url, status, duration_ms, at FROM audit_log WHERE request_id = 'req-9998'`,
    );
    expect(last).toEqual({
      actor: 'ci',
      method: 'POST',
      url: '/api/v1/runs/r9998/metrics',
      status: 400,
      duration_ms: 9.998,
      at: new Date(Date.UTC(2026, 10, 29, 0, 0, 0, 9998)),
    });
  });
});
