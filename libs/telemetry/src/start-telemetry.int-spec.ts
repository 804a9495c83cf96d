import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

// The OTLP exporter and the http instrumentation need a real Node module loader (jest's cannot
// patch `http` nor run the exporter's dynamic imports), so the service side runs as a child
// process, loading telemetry first as a service's main.ts does.
const SERVICE = `
const { startTelemetry, withSpan } = require(${JSON.stringify(join(__dirname, 'index.ts'))});
const telemetry = startTelemetry({ serviceName: 'tracking-test', otlpEndpoint: process.env.COLLECTOR });
const http = require('node:http');
const quit = process.exit.bind(process);
withSpan('run.create', {}, () => new Promise((resolve, reject) => {
  http.get(process.env.COLLECTOR + '/ping', (res) => res.resume().on('end', resolve)).on('error', reject);
})).then(() => telemetry.shutdown()).then(() => quit(0), (e) => { console.error(e); quit(1); });
`;

function runService(collector: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', SERVICE], {
      env: { ...process.env, COLLECTOR: collector },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`service exited ${code}: ${stderr}`)),
    );
  });
}

describe('startTelemetry - OTLP export', () => {
  let server: Server;
  const spans: OtlpSpan[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
          for (const rs of payload.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('endpoint set - the span and its instrumented HTTP child reach the collector in one trace', async () => {
    const { port } = server.address() as AddressInfo;
    await runService(`http://127.0.0.1:${port}`);
    const parent = spans.find((s) => s.name === 'run.create');
    const child = spans.find((s) => s.name === 'GET');
    expect(parent).toBeDefined();
    expect(child).toMatchObject({ traceId: parent?.traceId, parentSpanId: parent?.spanId });
    // The exporter's own requests are not traced, or every export would create more to export.
    expect(spans.filter((s) => s.name === 'POST')).toEqual([]);
  }, 30_000);
});
