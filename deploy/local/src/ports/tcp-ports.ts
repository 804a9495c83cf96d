import { createServer, Socket } from 'node:net';
import type { FindFreePort, IsPortFree } from './choose-port';

/** Free when a listener can bind it on `host` (the address the process will listen on). */
export function isPortFreeOn(host: string): IsPortFree {
  return (port) =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
    });
}

/** A port the operating system hands out for `host` right now. */
export function findFreePortOn(host: string): FindFreePort {
  return () =>
    new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen({ port: 0, host, exclusive: true }, () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
      });
    });
}

/** Whether something accepts TCP connections on host:port. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
