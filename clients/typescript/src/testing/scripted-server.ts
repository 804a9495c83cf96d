import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the server received, body parsed as JSON when it is. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  bytes: number;
}

/** What the handler answers; `destroy` drops the connection without an answer. */
export type ScriptedReply =
  { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number } | { destroy: true };

/**
 * A real HTTP server on 127.0.0.1 whose answers a test scripts: for SDK tests of retries and
 * batching over real sockets (the gateway's own behaviour is tested against the gateway).
 */
export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(
  handler: (req: ReceivedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>,
): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    let body: unknown = raw.toString('utf8');
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    const received = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      bytes: raw.length,
    };
    requests.push(received);
    const reply = await handler(received, requests.length - 1);
    if ('destroy' in reply) return void req.socket.destroy();
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A run as the gateway returns it, for scripted replies. */
export function runReply(runId: string, status = 'RUNNING') {
  const info = {
    runId,
    experimentId: '0',
    runName: 'r',
    status,
    startTime: 1,
    endTime: status === 'RUNNING' ? null : 2,
    userId: 'admin',
    sourceName: null,
    gitCommit: null,
    parentRunId: null,
    lifecycleStage: 'active',
    artifactUri: `runs:/${runId}`,
  };
  return { info, params: [], tags: [], metrics: [] };
}

/** The log-batch route's reply for a received batch. */
export function batchReply(req: ReceivedRequest, stored = true) {
  return {
    runId: 'r1',
    batchId: req.body.batchId,
    metricsStored: stored ? req.body.metrics.length : 0,
    paramsStored: req.body.params.length,
    tagsSet: req.body.tags.length,
  };
}
