import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const PAGE = '<!doctype html><title>slipway sdk</title><script type="module" src="/app.mjs"></script>';

/**
 * A web origin serving a page whose script (`page-app.mjs`) imports the SDK bundle from `/sdk.js`,
 * as an app using the SDK would.
 */
export interface PageServer {
  /** `http://127.0.0.1:<port>`: the `Origin` its pages send. */
  origin: string;
  close(): Promise<void>;
}

export async function startPageServer(sdkBundle: string): Promise<PageServer> {
  const app = readFileSync(join(__dirname, 'page-app.mjs'), 'utf8');
  const server: Server = createServer((req, res) => {
    const script = req.url === '/sdk.js' ? sdkBundle : req.url === '/app.mjs' ? app : undefined;
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
