import { createServer } from 'node:net';
import { SlipwayApiError, SlipwayNetworkError, SlipwayResponseError } from '../errors';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { HttpClient, type RetryInfo } from './http-client';
import { z } from 'zod';

const ok = z.object({ ok: z.boolean() });
const fast = { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 2000 };

describe('http client - retries, errors and replies over a real socket', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('http client - 503 twice then 200: retried with the same body and the token', async () => {
    server = await startScriptedServer((_req, i) =>
      i < 2
        ? { status: 503, body: { code: 'COMMON.DEPENDENCY_UNAVAILABLE', message: 'down', details: null } }
        : { status: 200, body: { ok: true } },
    );
    const retries: RetryInfo[] = [];
    const http = new HttpClient({
      url: server.url,
      token: 'slw_t',
      retry: fast,
      onRetry: (r) => retries.push(r),
    });
    await expect(
      http.json({ method: 'POST', path: '/x', body: { batchId: 'b1' }, idempotent: true }, ok),
    ).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => r.body.batchId)).toEqual(['b1', 'b1', 'b1']);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer slw_t');
    expect(server.requests[0]!.url).toBe('/api/v1/x');
    expect(retries.map((r) => r.retry)).toEqual([1, 2]);
  });

  test('http client - an API error carries code, status and details and is not retried', async () => {
    server = await startScriptedServer(() => ({
      status: 404,
      body: { code: 'TRACKING.RUN_NOT_FOUND', message: 'no run r9', details: { runId: 'r9' } },
    }));
    const http = new HttpClient({ url: server.url, retry: fast });
    const error = await http
      .json({ method: 'GET', path: '/runs/r9', idempotent: true }, ok)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayApiError);
    expect(error).toMatchObject({
      code: 'TRACKING.RUN_NOT_FOUND',
      status: 404,
      details: { runId: 'r9' },
      message: 'no run r9',
    });
    expect(server.requests).toHaveLength(1);
  });

  test('http client - 429 waits the Retry-After the server asked for, even for a non-idempotent POST', async () => {
    server = await startScriptedServer((_req, i) =>
      i === 0
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { code: 'GATEWAY.RATE_LIMITED', message: 'slow down', details: null },
          }
        : { status: 201, body: { ok: true } },
    );
    const retries: RetryInfo[] = [];
    const http = new HttpClient({ url: server.url, retry: fast, onRetry: (r) => retries.push(r) });
    await http.json({ method: 'POST', path: '/experiments', body: { name: 'e' }, idempotent: false }, ok);
    expect(retries).toEqual([expect.objectContaining({ retry: 1, delayMs: 1000 })]);
    expect(server.requests).toHaveLength(2);
  });

  test('http client - a non-idempotent POST is not retried on 503', async () => {
    server = await startScriptedServer(() => ({
      status: 503,
      body: { code: 'COMMON.DEPENDENCY_UNAVAILABLE', message: 'down', details: null },
    }));
    const http = new HttpClient({ url: server.url, retry: fast });
    await expect(
      http.json({ method: 'POST', path: '/models', body: {}, idempotent: false }, ok),
    ).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  test('http client - retries stop after maxRetries with the last error', async () => {
    server = await startScriptedServer(() => ({ status: 502, body: 'bad gateway' }));
    const http = new HttpClient({ url: server.url, retry: fast });
    const error = await http
      .json({ method: 'GET', path: '/x', idempotent: true }, ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'SDK.HTTP_ERROR' });
    expect(server.requests).toHaveLength(4);
  });

  test('http client - a dropped connection is a network error, retried, then succeeds', async () => {
    server = await startScriptedServer((_req, i) =>
      i === 0 ? { destroy: true } : { status: 200, body: { ok: true } },
    );
    const retries: RetryInfo[] = [];
    const http = new HttpClient({ url: server.url, retry: fast, onRetry: (r) => retries.push(r) });
    await expect(http.json({ method: 'GET', path: '/x', idempotent: true }, ok)).resolves.toEqual({
      ok: true,
    });
    expect(retries[0]!.error).toBeInstanceOf(SlipwayNetworkError);
  });

  test('http client - nobody listening is SDK.NETWORK_ERROR after the retries', async () => {
    const port = await closedPort();
    const http = new HttpClient({
      url: `http://127.0.0.1:${port}`,
      retry: { maxRetries: 1, baseDelayMs: 5 },
    });
    await expect(http.json({ method: 'GET', path: '/x', idempotent: true }, ok)).rejects.toMatchObject({
      code: 'SDK.NETWORK_ERROR',
    });
  });

  test('http client - no answer in timeoutMs is SDK.TIMEOUT', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: { ok: true }, delayMs: 1000 }));
    const http = new HttpClient({ url: server.url, timeoutMs: 100, retry: { maxRetries: 0 } });
    await expect(http.json({ method: 'GET', path: '/x', idempotent: true }, ok)).rejects.toMatchObject({
      code: 'SDK.TIMEOUT',
    });
  });

  test('http client - a reply of the wrong shape is SDK.INVALID_RESPONSE naming the field', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: { ok: 'yes' } }));
    const http = new HttpClient({ url: server.url });
    const error = await http
      .json({ method: 'GET', path: '/x', idempotent: true }, ok)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayResponseError);
    expect((error as SlipwayResponseError).issues[0]).toMatch(/^ok:/);
  });

  test('http client - a base URL with /api/v1 or a trailing slash, and query arrays', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: { ok: true } }));
    const http = new HttpClient({ url: `${server.url}/api/v1/` });
    await http.json(
      { method: 'GET', path: '/e', query: { a: 'x y', b: undefined, o: ['p', 'q'] }, idempotent: true },
      ok,
    );
    expect(server.requests[0]!.url).toBe('/api/v1/e?a=x+y&o=p&o=q');
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
