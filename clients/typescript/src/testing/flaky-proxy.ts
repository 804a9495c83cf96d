import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP proxy to the gateway that loses the answers of chosen requests: the gateway does
 * the work, the client gets a 503 and retries. That is what a dropped response looks like.
 */
export interface FlakyProxy {
  url: string;
  /** Requests seen, in order: method, path and (for JSON bodies) the parsed body. */
  seen: Array<{ method: string; path: string; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startFlakyProxy(
  target: string,
  loseAnswer: (method: string, path: string, index: number) => boolean,
): Promise<FlakyProxy> {
  const seen: FlakyProxy['seen'] = [];
  const upstream = new URL(target);
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const index = seen.length;
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString()) : undefined;
    } catch {
      parsed = undefined;
    }
    seen.push({ method: req.method ?? '', path: req.url ?? '', body: parsed });
    const forward = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        if (loseAnswer(req.method ?? '', req.url ?? '', index)) {
          up.resume();
          up.on('end', () => {
            res.writeHead(503, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({ code: 'PROXY.LOST_ANSWER', message: 'the answer was lost', details: null }),
            );
          });
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
