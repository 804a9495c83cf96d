import { connectNats, RpcClient } from '@slipway/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type TestNatsServer } from '@slipway/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { readAuditLog } from '../audit/audit-log.reader';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { TokensRepository } from '../auth/tokens.repository';
import { TokensService } from '../auth/tokens.service';
import { apiClient } from '../testing/api-client';
import { openGatewayTestDatabase, type GatewayTestDatabase } from '../testing/gateway-test-database';
import { route } from './gateway-route';
import { registerApi } from './api.plugin';

/** The API plugin on a real fastify, a real Postgres token store and audit log, and real NATS. */
describe('gateway api plugin - auth, limits and audit', () => {
  let database: GatewayTestDatabase;
  let ds: DataSource;
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let app: FastifyInstance;
  let tokens: TokensService;
  let audit: AuditLogWriter;
  let base: string;

  beforeAll(async () => {
    database = await openGatewayTestDatabase(4);
    ({ ds } = database);
    nats = await startNatsServer();
    nc = await connectNats({ servers: nats.url, name: 'gateway-plugin-it' });
    tokens = new TokensService(new TokensRepository(ds), { cacheMs: 60_000 });
    audit = new AuditLogWriter(ds, pino({ level: 'silent' }), 20);
    app = Fastify({ bodyLimit: 1024 });
    await registerApi(app, {
      routes: [
        route({
          method: 'POST',
          url: '/v1/echo',
          scope: 'write',
          tag: 'test',
          summary: 'echo',
          body: z.strictObject({ n: z.int().min(0) }),
          handle: async ({ body, principal }) => ({ n: body.n, by: principal.name }),
        }),
        route({
          method: 'PUT',
          url: '/v1/upload',
          scope: 'write',
          tag: 'test',
          summary: 'count streamed bytes',
          streamBody: true,
          handle: async ({ body }) => {
            let size = 0;
            for await (const chunk of body as AsyncIterable<Buffer>) size += chunk.length;
            return { size };
          },
        }),
        route({
          method: 'GET',
          url: '/v1/ping',
          scope: 'read',
          tag: 'test',
          summary: 'ping',
          handle: async () => ({ ok: true }),
        }),
      ],
      tokens,
      audit,
      rpc: new RpcClient(nc),
      logger: pino({ level: 'silent' }),
      rateLimitMax: 5,
      rateLimitWindowMs: 60_000,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await app?.close();
    await audit?.close();
    await nc?.drain();
    await nats?.stop();
    await database?.close();
  });

  test('tokens - the secret is stored only as its hash, and scopes are checked', async () => {
    const writer = await tokens.create({ name: 'writer', scopes: ['write'] }, 'test');
    const rows = await ds.query('SELECT encode(secret_sha256, $1) AS h FROM api_tokens', ['hex']);
    expect(JSON.stringify(rows)).not.toContain(writer.token);
    const call = apiClient(base, writer.token);
    expect((await call('POST', '/api/v1/echo', { n: 1 })).body).toEqual({ n: 1, by: 'writer' });
    expect((await call('GET', '/api/v1/ping')).status).toBe(200);
  });

  test('tokens - an expired token is refused with the time it expired', async () => {
    const t = await tokens.insert('old', ['read'], null, new Date(Date.now() - 1000).toISOString());
    const res = await apiClient(base, t.token)('GET', '/api/v1/ping');
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('expired');
    await expect(
      tokens.create({ name: 'x', scopes: ['read'], expiresAt: '2000-01-01T00:00:00Z' }, null),
    ).rejects.toThrow(/expiresAt: must be in the future/);
  });

  test('limits - a body over the limit is 413, a bad body 400 naming the field', async () => {
    const t = await tokens.create({ name: 'big', scopes: ['write'] }, null);
    const call = apiClient(base, t.token);
    const big = await call('POST', '/api/v1/echo', { n: 1, pad: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('GATEWAY.BODY_TOO_LARGE');
    const bad = await call('POST', '/api/v1/echo', { n: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^invalid body: n: /);
    const notJson = await fetch(`${base}/api/v1/echo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: '{"n":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe('COMMON.VALIDATION_FAILED');
  });

  test('uploads - a streamed body of any content type passes the JSON body limit untouched', async () => {
    const t = await tokens.create({ name: 'uploader', scopes: ['write'] }, null);
    for (const contentType of ['application/json', 'text/plain', 'application/octet-stream', undefined]) {
      const res = await fetch(`${base}/api/v1/upload`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${t.token}`,
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body: '{'.repeat(20_000),
      });
      expect({ contentType, status: res.status, body: await res.json() }).toEqual({
        contentType,
        status: 200,
        body: { size: 20_000 },
      });
    }
  });

  test('rate limit - past the limit a token gets 429 while another token is unaffected', async () => {
    const a = await tokens.create({ name: 'busy', scopes: ['read'] }, null);
    const b = await tokens.create({ name: 'calm', scopes: ['read'] }, null);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await apiClient(base, a.token)('GET', '/api/v1/ping')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await apiClient(base, a.token)('GET', '/api/v1/ping');
    expect(limited.body.code).toBe('GATEWAY.RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await apiClient(base, b.token)('GET', '/api/v1/ping')).status).toBe(200);
  });

  test('audit - write calls are logged with the token and outcome; reads are not', async () => {
    const t = await tokens.create({ name: 'auditor', scopes: ['write'] }, null);
    const call = apiClient(base, t.token);
    await call('POST', '/api/v1/echo', { n: 7 });
    await call('POST', '/api/v1/echo', { n: -7 });
    await call('GET', '/api/v1/ping');
    await audit.flush();
    const rows = await ds.query(
      'SELECT method, route, status, actor FROM audit_log WHERE token_id = $1 ORDER BY entry_id',
      [t.id],
    );
    expect(rows).toEqual([
      { method: 'POST', route: '/api/v1/echo', status: 200, actor: 'auditor' },
      { method: 'POST', route: '/api/v1/echo', status: 400, actor: 'auditor' },
    ]);
    const page = await readAuditLog(ds, { actor: 'auditor', limit: 1 });
    expect(page.entries).toEqual([expect.objectContaining({ status: 400, method: 'POST' })]);
    expect((await readAuditLog(ds, { actor: 'auditor', limit: 5, before: page.nextBefore })).entries).toEqual(
      [expect.objectContaining({ status: 200 })],
    );
  });
});
